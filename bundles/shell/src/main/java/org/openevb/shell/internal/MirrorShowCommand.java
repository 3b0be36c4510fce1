package org.openevb.shell.internal;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.mirror.MirrorCounter;
import org.openevb.api.mirror.MirrorView;
import org.openevb.api.mirror.Mirrors;

/** Shows one mirror: what it copies, where to, and every counter with what it means. */
@Service
@Command(scope = "evb", name = "mirror-show",
        description = "Shows a port mirror: its sources and directions, VLANs, mirror port, queue, and every counter")
public class MirrorShowCommand implements Action {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    Mirrors mirrors;

    @Argument(index = 0, name = "mirror", required = true, description = "Mirror name")
    @Completion(MirrorNameCompleter.class)
    String name;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        if (mirrors == null) {
            throw new CommandFailure("mirroring is not running (feature openevb-mirror)");
        }
        MirrorView m = mirrors.mirror(name).orElseThrow(() -> new CommandFailure("no mirror named '" + name + "'"));
        if (json) {
            System.out.println(Json.toJson(m));
        } else {
            print(System.out, m);
        }
        return null;
    }

    static void print(PrintStream out, MirrorView m) {
        out.printf("Mirror %s  %s%s%n", m.name(), m.state(), m.reason().isEmpty() ? "" : "  - " + m.reason());
        out.printf("  Ingress (received)  %s%n", m.ingress().isEmpty() ? "-" : String.join(", ", m.ingress()));
        out.printf("  Egress (sent)       %s%n", m.egress().isEmpty() ? "-" : String.join(", ", m.egress()));
        out.printf("  VLANs               %s%n", m.vlans().isEmpty() ? "all" : String.join(", ", m.vlans()));
        out.printf("  Tapped now          %s%n", m.sources().isEmpty() ? "none" : String.join(", ", m.sources()));
        out.printf("  Filter              %s%n", m.filter().isEmpty() ? "none (every copy)" : "ACL " + m.filter());
        out.printf("  Destination         %s%n", m.destination());
        out.printf("  Queue               %d of %d copies waiting%n", m.queued(), m.queueFrames());
        for (MirrorCounter c : m.counters().keys()) {
            out.printf("  %-15s %12d  %s%n", c.key(), m.counters().get(c), c.description());
        }
    }
}
