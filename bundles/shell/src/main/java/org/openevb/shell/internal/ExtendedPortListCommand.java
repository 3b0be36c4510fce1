package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.extension.ControllingBridge;
import org.openevb.api.extension.ExtendedPortView;
import org.openevb.api.extension.PortExtender;

/** Lists every extended port: on controlling bridges, and host/cascade ports of port extenders. */
@Service
@Command(scope = "evb", name = "extended-port-list",
        description = "Lists extended ports of controlling bridges and port extenders: E-CID/vif, cascade port, state, counters")
public class ExtendedPortListCommand extends ExtensionListAction<ExtendedPortView> {

    @Override
    List<ExtendedPortView> rows(ControllingBridge bridge) {
        return bridge.extendedPorts();
    }

    @Override
    List<ExtendedPortView> rows(PortExtender extender) {
        return extender.ports();
    }

    @Override
    void columns(ShellTable table) {
        for (String c : new String[] {"Port", "Owner", "Kind", "Cascade", "Format", "E-CID/vif", "State"}) {
            table.column(c);
        }
        table.column("RX frames").alignRight();
        table.column("TX frames").alignRight();
        table.column("Pruned").alignRight();
    }

    @Override
    void addRow(ShellTable table, ExtendedPortView p) {
        table.addRow().addContent(p.name(), p.owner(), p.kind(), p.carrier(), p.format().key(),
                p.kind().equals("cascade") ? p.range() : Integer.toString(p.id()), p.state(), p.rxFrames(), p.txFrames(),
                p.pruned());
    }
}
