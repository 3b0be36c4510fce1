package org.openevb.shell.internal;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortCounters;
import org.openevb.api.port.PortRegistry;
import org.openevb.api.port.PortView;

/** Shows one port in detail, with its drops by reason. */
@Service
@Command(scope = "evb", name = "port-show", description = "Shows one port: state, reason, MTU, MAC, counters and drops by reason")
public class PortShowCommand implements Action {

    @Reference
    PortRegistry registry;

    @Argument(index = 0, name = "port", required = true, description = "Port name")
    @Completion(PortNameCompleter.class)
    String name;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        Port port = registry.port(name).orElse(null);
        if (port == null) {
            throw new CommandFailure("no port named '" + name + "'");
        }
        PortView view = PortView.of(port);
        if (json) {
            System.out.println(Json.toJson(view));
        } else {
            print(System.out, view);
        }
        return null;
    }

    static void print(PrintStream out, PortView port) {
        PortCounters c = port.counters();
        out.printf("Port        %s%n", port.name());
        out.printf("Interface   %s (driver %s)%n", port.interfaceName(), port.driver());
        out.printf("Kind        %s, made by %s%n", port.kind(), port.creator());
        out.printf("Owner       %s%n", port.owner().isEmpty() ? "- (received frames count as rx-unattached)" : port.owner());
        out.printf("State       %s%s%n", port.state(), port.reason().isEmpty() ? "" : " - " + port.reason());
        if (port.linkDowns() > 0) {
            out.printf("Link downs  %d (carrier lost while the interface stayed open)%n", port.linkDowns());
        }
        out.printf("MTU         %s%n", port.mtu() < 0 ? "-" : port.mtu());
        out.printf("MAC         %s%n", port.mac() == null ? "-" : port.mac());
        out.printf("RX          %d frames, %d bytes%n", c.rxFrames(), c.rxBytes());
        if (port.rxFramesByLane().size() > 1) {
            out.printf("RX lanes    %d, frames per lane %s%n", port.rxFramesByLane().size(), port.rxFramesByLane());
        }
        out.printf("TX          %d frames, %d bytes%n", c.txFrames(), c.txBytes());
        out.printf("Drops       %d%n", c.drops());
        for (DropReason r : c.dropsByReason().keys()) {
            out.printf("  %-18s %8d  %s%n", r.key(), c.drops(r), r.description());
        }
        out.printf("Kernel drops %d%n", c.kernelDrops());
    }
}
