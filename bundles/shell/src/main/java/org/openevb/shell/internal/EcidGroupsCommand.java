package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.extension.ControllingBridge;
import org.openevb.api.extension.PortExtender;
import org.openevb.api.extension.ReplicationGroupView;

/** Lists the multicast E-CIDs / vif lists of every controlling bridge and port extender, with members. */
@Service
@Command(scope = "evb", name = "ecid-groups",
        description = "Lists replication groups (multicast E-CIDs, VN-Tag vif lists) with their members and counters")
public class EcidGroupsCommand extends ExtensionListAction<ReplicationGroupView> {

    @Override
    List<ReplicationGroupView> rows(ControllingBridge bridge) {
        return bridge.groups();
    }

    @Override
    List<ReplicationGroupView> rows(PortExtender extender) {
        return extender.groups();
    }

    @Override
    void columns(ShellTable table) {
        for (String c : new String[] {"Owner", "Cascade", "Format", "Group", "Members"}) {
            table.column(c);
        }
        table.column("Frames").alignRight();
        table.column("Pruned").alignRight();
    }

    @Override
    void addRow(ShellTable table, ReplicationGroupView g) {
        table.addRow().addContent(g.owner(), g.carrier(), g.format().key(), ExtenderShowCommand.groupId(g.id()),
                String.join(" ", g.members()), g.frames(), g.pruned());
    }
}
