package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.FdbEntry;

/** Shows a bridge's filtering database. */
@Service
@Command(scope = "evb", name = "fdb-show", description = "Shows a bridge's FDB: VLAN, MAC, port, static, age")
public class FdbShowCommand extends BridgeAction {

    @Option(name = "-v", aliases = "--vlan", description = "Only this VLAN")
    int vlan = -1;

    @Option(name = "-p", aliases = "--port", description = "Only this port")
    @Completion(PortNameCompleter.class)
    String port;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    void execute(Bridge b) {
        List<FdbEntry> entries = b.fdb().stream()
                .filter(e -> vlan < 0 || e.vlan() == vlan)
                .filter(e -> port == null || e.port().equals(port))
                .toList();
        if (json) {
            System.out.println(Json.toJson(entries));
        } else {
            table(entries).print(System.out);
        }
    }

    static ShellTable table(List<FdbEntry> entries) {
        ShellTable table = new ShellTable();
        table.column("VLAN").alignRight();
        table.column("MAC");
        table.column("Port");
        table.column("Type");
        table.column("Age (s)").alignRight();
        for (FdbEntry e : entries) {
            table.addRow().addContent(e.vlan(), e.mac(), e.port(), e.isStatic() ? "static" : "learned",
                    e.isStatic() ? "-" : e.ageSeconds());
        }
        return table;
    }
}
