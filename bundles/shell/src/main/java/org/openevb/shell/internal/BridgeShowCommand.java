package org.openevb.shell.internal;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.bridge.BridgeView;
import org.openevb.api.bridge.FdbStats;

/** Shows one bridge: its ports with VLANs and reflective relay, FDB counters and drops. */
@Service
@Command(scope = "evb", name = "bridge-show",
        description = "Shows a bridge: ports with role, VLANs, reflective relay and counters; FDB counters; drops by reason")
public class BridgeShowCommand extends BridgeAction {

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    void execute(Bridge bridge) {
        BridgeView view = BridgeView.of(bridge);
        if (json) {
            System.out.println(Json.toJson(view));
        } else {
            print(System.out, view);
        }
    }

    static void print(PrintStream out, BridgeView b) {
        String behaviour = b.behaviour().isEmpty() || b.behaviour().equals(b.mode()) ? "" : " (now " + b.behaviour() + ")";
        out.printf("Bridge %s  mode %s%s  %s%s  (mode changes: %d)%n", b.name(), b.mode(), behaviour, b.status(),
                b.reason().isEmpty() ? "" : " - " + b.reason(), b.modeChanges());
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Port", "Role", "State", "PVID", "VLANs", "Untagged", "Reflective relay", "Peer relay"}) {
            table.column(c);
        }
        table.column("RX").alignRight();
        table.column("TX").alignRight();
        for (BridgePortView p : b.ports()) {
            table.addRow().addContent(p.name(), p.role().key(), p.state(), p.pvid(), p.vlans(),
                    p.untagged(), (p.reflectiveRelay() ? "on" : "off") + " (" + p.reflectiveRelaySource() + ")",
                    p.peerReflectiveRelay(),
                    p.rxFrames(), p.txFrames());
        }
        table.print(out);
        if (!b.vlanAcls().isEmpty() || !b.vlanAclsOut().isEmpty()) {
            StringBuilder acls = new StringBuilder();
            b.vlanAcls().forEach((vid, acl) -> acls.append(acls.length() == 0 ? "" : ", ").append(vid).append(": ").append(acl));
            b.vlanAclsOut().forEach((vid, acl) -> acls.append(acls.length() == 0 ? "" : ", ").append(vid).append(" out: ")
                    .append(acl));
            out.println("VLAN ACLs  " + acls);
        }
        FdbStats f = b.fdb();
        out.printf("FDB    %d of %d entries; learned %d, moves %d, not learned (full) %d, aged %d%n",
                f.entries(), f.maxEntries(), f.learned(), f.moves(), f.refusedFull(), f.aged());
        out.println("Drops");
        for (BridgeDropReason r : b.dropsByReason().keys()) {
            out.printf("  %-17s %8d  %s%n", r.key(), b.dropsByReason().get(r), r.description());
        }
        if (b.unassociatedForwarded() > 0) {
            out.printf("Frames of no associated VSI forwarded (vsi.enforcement count-only) %d%n", b.unassociatedForwarded());
        }
    }
}
