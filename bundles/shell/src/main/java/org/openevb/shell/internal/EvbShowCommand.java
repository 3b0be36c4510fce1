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
import org.openevb.api.evb.EvbPortStatus;
import org.openevb.api.evb.EvbService;

/** Shows the EVB TLV exchange of every EVB port, or of one. */
@Service
@Command(scope = "evb", name = "evb-show",
        description = "Shows the EVB TLV exchange per port: role, state, peer, reflective relay, local and remote TLV, "
                + "R/RTE/RWD/RKA in use, group IDs, pre-standard TLV, counters; a port where EVB is refused says why")
public class EvbShowCommand implements Action {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    EvbService evb;

    @Argument(index = 0, name = "port", required = false, description = "Port name (default: every EVB port)")
    @Completion(EvbPortCompleter.class)
    String port;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        if (evb == null) {
            throw new CommandFailure("the EVB TLV is not running (feature openevb-evb)");
        }
        List<EvbPortStatus> ports = evb.ports().stream().filter(p -> port == null || p.port().equals(port)).toList();
        if (port != null && ports.isEmpty()) {
            throw new CommandFailure("no EVB configuration for port '" + port + "'");
        }
        if (json) {
            System.out.println(Json.toJson(ports));
        } else {
            print(System.out, ports);
        }
        return null;
    }

    /** The reflective relay decision in the role's own terms. */
    static String reflectiveRelay(EvbPortStatus p) {
        if (p.role().equals("bridge")) {
            if (p.reflectiveRelay()) {
                return "on (RRCTR)";
            }
            return p.local() != null && !p.local().rrcap() ? "off (not offered: RRCAP off)" : "off";
        }
        if (p.reflectiveRelay()) {
            return "granted by the bridge (RRSTAT enabled)";
        }
        return p.local() != null && !p.local().rrreq() ? "not requested (RRREQ off)" : "not granted";
    }

    static void print(PrintStream out, List<EvbPortStatus> ports) {
        if (ports.isEmpty()) {
            out.println("no EVB ports configured");
            return;
        }
        boolean first = true;
        for (EvbPortStatus p : ports) {
            if (!first) {
                out.println();
            }
            first = false;
            out.printf("EVB port %s  role %s  state %s  peer %s%n", p.port(), p.role(), p.state(),
                    p.peer().isEmpty() ? "none" : p.peer());
            out.printf("  Reflective relay  %s%n", reflectiveRelay(p));
            if (!p.vdp()) {
                out.printf("  ECP and VDP       not run on this port (vdp = false)%n");
            }
            out.printf("  Local TLV         %s%n", p.local() == null ? "none" : EvbTlvText.evb(p.local()));
            out.printf("  Remote TLV        %s%n", p.remote() == null ? "none" : EvbTlvText.evb(p.remote()));
            out.printf("  In use            R %d, RTE %d = %s, RWD %d = %s, RKA %d = %s%n", p.r(),
                    p.rte(), EvbTlvText.duration(p.rte()), p.rwd(), EvbTlvText.duration(p.rwd()),
                    p.rka(), EvbTlvText.duration(p.rka()));
            out.printf("  Group IDs         %s%n", p.groupIds() ? "used (BGID and SGID)" : "not used");
            out.printf("  Pre-standard TLV  %s%n",
                    p.remotePreStandard() == null ? "none" : EvbTlvText.preStandard(p.remotePreStandard()));
            out.printf("  Counters          EVB TLVs received %d, malformed %d, reflective relay changes %d%n",
                    p.remoteTlvs(), p.malformedTlvs(), p.changes());
        }
    }
}
