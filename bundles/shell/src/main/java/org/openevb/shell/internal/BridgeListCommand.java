package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.bridge.BridgeView;

/** Lists bridges and edge relays with their mode and status. */
@Service
@Command(scope = "evb", name = "bridge-list", description = "Lists bridges and edge relays: mode, status, ports, FDB size, drops")
public class BridgeListCommand implements Action {

    @Reference
    BridgeRegistry registry;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() {
        List<BridgeView> bridges = registry.bridges().stream().map(BridgeView::of).toList();
        if (json) {
            System.out.println(Json.toJson(bridges));
        } else {
            table(bridges).print(System.out);
        }
        return null;
    }

    static ShellTable table(List<BridgeView> bridges) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Mode");
        table.column("Status");
        table.column("Ports");
        table.column("FDB").alignRight();
        table.column("Drops").alignRight();
        table.column("Reason");
        for (BridgeView b : bridges) {
            String ports = String.join(",", b.ports().stream().map(BridgePortView::name).toList());
            table.addRow().addContent(b.name(),
                    b.behaviour().isEmpty() || b.behaviour().equals(b.mode()) ? b.mode() : b.mode() + " (" + b.behaviour() + ")",
                    b.status(), ports, b.fdb().entries(), b.drops(), b.reason());
        }
        return table;
    }
}
