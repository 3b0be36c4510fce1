package org.openevb.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.bridge.VsiTraffic;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortRegistry;
import org.openevb.api.port.RateLimits;

/**
 * Shows the rate limits of every port that has one (or of one port): policer, shaper and its
 * classes, and the policers of the VSIs associated on it.
 */
@Service
@Command(scope = "evb", name = "rate-show",
        description = "Shows ports' rate limits: the ingress policer with its drops, the egress shaper with each traffic"
                + " class's guarantee, frames sent, sent above the guarantee, dropped with the queue full, waiting;"
                + " and the policers of the VSIs associated on the port (their VSI type's police.* keys) with their drops")
public class RateShowCommand implements Action {

    /**
     * One port's rate limits as {@code --json} prints them: {@link RateLimits}'s fields and the
     * policed VSIs of the port.
     *
     * @param port the port
     * @param police its policer's rates and bursts, empty when it is not policed
     * @param policed frames its policer dropped
     * @param shapeBitsPerSecond its shaper's rate, 0 when it is not shaped
     * @param classes its shaper's traffic classes
     * @param vsis the VSIs associated on it whose type polices them
     */
    record PortRates(String port, String police, long policed, long shapeBitsPerSecond,
            List<RateLimits.TrafficClass> classes, List<VsiRates> vsis) {
    }

    /**
     * The policer of one VSI.
     *
     * @param bridge the bridge whose port it is associated on
     * @param vsiid its VSIID, {@code format:value}
     * @param police its policer's rates and bursts
     * @param policed frames its policer dropped ({@code vsi-policed})
     */
    record VsiRates(String bridge, String vsiid, String police, long policed) {
    }

    @Reference
    PortRegistry registry;

    @Reference(optional = true)
    BridgeRegistry bridges;

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
                .map(Port::rateLimits).filter(java.util.Objects::nonNull).toList();
        List<VsiTraffic> vsis = VsiListCommand.traffic(bridges).stream()
                .filter(t -> name == null || t.port().equals(name)).toList();
        List<PortRates> rates = rates(limits, vsis);
        if (json) {
            System.out.println(Json.toJson(rates));
        } else {
            print(System.out, rates);
        }
        return null;
    }

    /** The ports' limits with their policed VSIs; a port with policed VSIs and no limit of its own too. */
    static List<PortRates> rates(List<RateLimits> limits, List<VsiTraffic> vsis) {
        Map<String, List<VsiRates>> byPort = new LinkedHashMap<>();
        for (VsiTraffic t : vsis) {
            if (!t.police().isEmpty()) {
                byPort.computeIfAbsent(t.port(), p -> new ArrayList<>())
                        .add(new VsiRates(t.bridge(), t.vsiid(), t.police(), t.drops().get(BridgeDropReason.VSI_POLICED)));
            }
        }
        List<PortRates> out = new ArrayList<>();
        for (RateLimits r : limits) {
            out.add(new PortRates(r.port(), r.police(), r.policed(), r.shapeBitsPerSecond(), r.classes(),
                    byPort.getOrDefault(r.port(), List.of())));
            byPort.remove(r.port());
        }
        byPort.forEach((port, v) -> out.add(new PortRates(port, "", 0, 0, List.of(), v)));
        out.sort(java.util.Comparator.comparing(PortRates::port));
        return out;
    }

    static void print(PrintStream out, List<PortRates> rates) {
        if (rates.isEmpty()) {
            out.println("No port is policed or shaped (keys police.* and shape.* of a port), and no VSI is policed"
                    + " (police.* of its VSI type)");
            return;
        }
        for (PortRates r : rates) {
            out.printf("Port %s%n", r.port());
            out.printf("  Police  %s%n", r.police().isEmpty() ? "-" : r.police() + ", " + r.policed() + " frames dropped (rx-policed)");
            for (VsiRates v : r.vsis()) {
                out.printf("  VSI     %s (bridge %s): police %s, %d frames dropped (vsi-policed)%n", v.vsiid(), v.bridge(),
                        v.police(), v.policed());
            }
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
