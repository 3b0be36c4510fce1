package org.openevb.shell.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortRegistry;
import org.openevb.api.port.RateLimits;

/** Shows the rate limits of every port that has one (or of one port): policer, shaper and its classes. */
@Service
@Command(scope = "evb", name = "rate-show",
        description = "Shows ports' rate limits: the ingress policer with its drops, the egress shaper with each traffic"
                + " class's guarantee, frames sent, sent above the guarantee, dropped with the queue full, waiting")
public class RateShowCommand implements Action {

    @Reference
    PortRegistry registry;

    @Argument(index = 0, name = "port", required = false, description = "Port name (default: every port with a limit)")
    @Completion(PortNameCompleter.class)
    String name;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        if (name != null && registry.port(name).isEmpty()) {
            throw new CommandFailure("no port named '" + name + "'");
        }
        List<RateLimits> limits = registry.ports().stream().filter(p -> name == null || p.name().equals(name))
                .map(Port::rateLimits).filter(Objects::nonNull).toList();
        if (json) {
            System.out.println(Json.toJson(limits));
        } else {
            print(System.out, limits);
        }
        return null;
    }

    static void print(PrintStream out, List<RateLimits> limits) {
        if (limits.isEmpty()) {
            out.println("No port is policed or shaped (keys police.* and shape.* of a port)");
            return;
        }
        for (RateLimits r : limits) {
            out.printf("Port %s%n", r.port());
            out.printf("  Police  %s%n", r.police().isEmpty() ? "-" : r.police() + ", " + r.policed() + " frames dropped (rx-policed)");
            if (r.shapeBitsPerSecond() == 0) {
                out.println("  Shape   -");
                continue;
            }
            out.printf("  Shape   %d bit/s%n", r.shapeBitsPerSecond());
            ShellTable table = new ShellTable();
            table.column("Class");
            table.column("PCP");
            for (String c : new String[] {"Guaranteed bit/s", "Sent", "Above guarantee", "Queue full", "Queued"}) {
                table.column(c).alignRight();
            }
            for (RateLimits.TrafficClass c : r.classes()) {
                table.addRow().addContent(c.name(), c.pcps(), c.guaranteedBitsPerSecond(), c.sent(), c.aboveGuarantee(),
                        c.queueFull(), c.queued());
            }
            table.print(out);
        }
    }
}
