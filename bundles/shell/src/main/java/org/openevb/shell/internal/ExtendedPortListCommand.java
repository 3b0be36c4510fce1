package org.openevb.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.extension.ControllingBridges;
import org.openevb.api.extension.ExtendedPortView;
import org.openevb.api.extension.PortExtenders;

/** Lists every extended port: on controlling bridges, and host/cascade ports of port extenders. */
@Service
@Command(scope = "evb", name = "extended-port-list",
        description = "Lists extended ports of controlling bridges and port extenders: E-CID/vif, cascade port, state, counters")
public class ExtendedPortListCommand implements Action {

    @Reference(optional = true)
    ControllingBridges bridges;

    @Reference(optional = true)
    PortExtenders extenders;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() {
        List<ExtendedPortView> all = new ArrayList<>();
        if (bridges != null) {
            bridges.bridges().forEach(b -> all.addAll(b.extendedPorts()));
        }
        if (extenders != null) {
            extenders.extenders().forEach(e -> all.addAll(e.ports()));
        }
        if (json) {
            System.out.println(Json.toJson(all.stream().map(ExtensionJson::port).toList()));
            return null;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Port", "Owner", "Kind", "Cascade", "Format", "E-CID/vif", "State"}) {
            table.column(c);
        }
        table.column("RX frames").alignRight();
        table.column("TX frames").alignRight();
        table.column("Pruned").alignRight();
        for (ExtendedPortView p : all) {
            table.addRow().addContent(p.name(), p.owner(), p.kind(), p.carrier(), p.format().key(),
                    p.kind().equals("cascade") ? p.range() : Integer.toString(p.id()), p.state(), p.rxFrames(), p.txFrames(),
                    p.pruned());
        }
        table.print(System.out);
        return null;
    }
}
