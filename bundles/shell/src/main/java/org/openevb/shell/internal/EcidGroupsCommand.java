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
import org.openevb.api.extension.PortExtenders;
import org.openevb.api.extension.ReplicationGroupView;

/** Lists the multicast E-CIDs / vif lists of every controlling bridge and port extender, with members. */
@Service
@Command(scope = "evb", name = "ecid-groups",
        description = "Lists replication groups (multicast E-CIDs, VN-Tag vif lists) with their members and counters")
public class EcidGroupsCommand implements Action {

    @Reference(optional = true)
    ControllingBridges bridges;

    @Reference(optional = true)
    PortExtenders extenders;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() {
        List<ReplicationGroupView> all = new ArrayList<>();
        if (bridges != null) {
            bridges.bridges().forEach(b -> all.addAll(b.groups()));
        }
        if (extenders != null) {
            extenders.extenders().forEach(e -> all.addAll(e.groups()));
        }
        if (json) {
            System.out.println(Json.toJson(all.stream().map(ExtensionJson::group).toList()));
            return null;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Owner", "Cascade", "Format", "Group", "Members"}) {
            table.column(c);
        }
        table.column("Frames").alignRight();
        table.column("Pruned").alignRight();
        for (ReplicationGroupView g : all) {
            table.addRow().addContent(g.owner(), g.carrier(), g.format().key(), ExtensionJson.id(g.id(), true),
                    String.join(" ", g.members()), g.frames(), g.pruned());
        }
        table.print(System.out);
        return null;
    }
}
