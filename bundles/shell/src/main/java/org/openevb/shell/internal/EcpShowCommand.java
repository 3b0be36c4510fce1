package org.openevb.shell.internal;

import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.vdp.VdpPortView;
import org.openevb.api.vdp.VdpService;
import org.openevb.api.view.Counter;
import org.openevb.api.view.Counters;

/** Shows ECP and VDP on every port where they run, or on one: timers in use and every counter. */
@Service
@Command(scope = "evb", name = "ecp-show",
        description = "Shows ECP per port: role, R and RTE in use, outstanding and queued requests, the ECP counters "
                + "and the VDP counters")
public class EcpShowCommand implements Action {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    VdpService vdp;

    @Argument(index = 0, name = "port", required = false, description = "Port name (default: every port running ECP)")
    @Completion(VdpPortCompleter.class)
    String port;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        if (vdp == null) {
            throw new CommandFailure("VDP is not running (feature openevb-vdp)");
        }
        List<VdpPortView> ports = vdp.ports().stream().filter(p -> port == null || p.port().equals(port)).toList();
        if (port != null && ports.isEmpty()) {
            throw new CommandFailure("ECP does not run on port '" + port + "' (no EVB TLV exchanged there)");
        }
        if (json) {
            System.out.println(Json.toJson(ports));
        } else {
            print(System.out, ports);
        }
        return null;
    }

    static void print(PrintStream out, List<VdpPortView> ports) {
        if (ports.isEmpty()) {
            out.println("ECP runs on no port (it starts where the EVB TLV is exchanged)");
            return;
        }
        boolean first = true;
        for (VdpPortView p : ports) {
            if (!first) {
                out.println();
            }
            first = false;
            out.printf("ECP port %s  role %s  R %d  RTE %d = %d us  RWD %d  RKA %d  VSIs %d%n", p.port(), p.role(), p.r(),
                    p.rte(), p.ackTimerMicros(), p.rwd(), p.rka(), p.vsis());
            out.printf("  Outstanding %s, queued %d%n", p.outstanding() ? "yes" : "no", p.queued());
            counters(out, "ECP", p.ecp());
            counters(out, "VDP", p.vdp());
        }
    }

    private static <E extends Enum<E> & Counter> void counters(PrintStream out, String title,
            Counters<E> counters) {
        StringBuilder line = new StringBuilder();
        for (E key : counters.keys()) {
            line.append(line.length() == 0 ? "" : ", ").append(key.key()).append(' ').append(counters.get(key));
        }
        out.printf("  %-4s %s%n", title, line);
    }
}
