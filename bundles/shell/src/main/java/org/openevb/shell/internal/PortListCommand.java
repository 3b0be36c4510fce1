package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.port.PortCounters;
import org.openevb.api.port.PortRegistry;
import org.openevb.api.port.PortView;

/** Lists every port with its state, the reason it is not up, and its counters. */
@Service
@Command(scope = "evb", name = "port-list", description = "Lists ports with state, reason and counters")
public class PortListCommand implements Action {

    @Reference
    PortRegistry registry;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() {
        List<PortView> ports = registry.ports().stream().map(PortView::of).toList();
        if (json) {
            System.out.println(Json.toJson(ports));
        } else {
            table(ports).print(System.out);
        }
        return null;
    }

    static ShellTable table(List<PortView> ports) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Interface");
        table.column("Driver");
        table.column("Kind");
        table.column("Owner");
        table.column("State");
        table.column("MTU").alignRight();
        table.column("RX frames").alignRight();
        table.column("RX bytes").alignRight();
        table.column("TX frames").alignRight();
        table.column("TX bytes").alignRight();
        table.column("Drops").alignRight();
        table.column("Reason");
        for (PortView port : ports) {
            PortCounters c = port.counters();
            table.addRow().addContent(port.name(), port.interfaceName(), port.driver(), port.kind(),
                    port.owner().isEmpty() ? "-" : port.owner(), port.state(),
                    port.mtu() < 0 ? "-" : port.mtu(), c.rxFrames(), c.rxBytes(), c.txFrames(), c.txBytes(),
                    c.drops(), port.reason());
        }
        return table;
    }
}
