package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.bridge.VsiCounter;
import org.openevb.api.bridge.VsiTraffic;
import org.openevb.api.vdp.VdpService;
import org.openevb.api.vdp.VsiView;

/** Lists the VSIs of every VDP port, or of one, with the columns of the EVB MIB's VSI table. */
@Service
@Command(scope = "evb", name = "vsi-list",
        description = "Lists VSIs per port, station and bridge role: VSIID, manager ID, type and version, filter, "
                + "VDP state, last command with its migration hint and reason, keep-alive age, commands succeeded and "
                + "failed, RARP announcements sent after a migration; at a bridge "
                + "with vsi.enforcement, the VSI's frames in and out, its drops and the policy of its type (policer, ACLs)")
public class VsiListCommand implements Action {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    VdpService vdp;

    @Reference(optional = true)
    BridgeRegistry bridges;

    @Argument(index = 0, name = "port", required = false, description = "Port name (default: every port)")
    @Completion(VdpPortCompleter.class)
    String port;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        if (vdp == null) {
            throw new CommandFailure("VDP is not running (feature openevb-vdp)");
        }
        List<VsiView> vsis = vdp.vsis().stream().filter(v -> port == null || v.port().equals(port)).toList();
        if (json) {
            System.out.println(Json.toJson(vsis));
        } else {
            table(vsis, traffic(bridges)).print(System.out);
        }
        return null;
    }

    /** The data path's counters of every VSI associated on a bridge port, empty without bridges. */
    static List<VsiTraffic> traffic(BridgeRegistry bridges) {
        return bridges == null ? List.of() : bridges.bridges().stream().flatMap(b -> b.vsiTraffic().stream()).toList();
    }

    /** The counters of a bridge-role VSI, or null (a station's VSI, or a bridge with vsi.enforcement off). */
    static VsiTraffic trafficOf(VsiView v, List<VsiTraffic> traffic) {
        if (!v.role().equals("bridge")) {
            return null;
        }
        String id = v.vsiidFormat() + ":" + v.vsiid();
        return traffic.stream().filter(t -> t.port().equals(v.port()) && t.vsiid().equals(id)).findFirst().orElse(null);
    }

    static ShellTable table(List<VsiView> vsis) {
        return table(vsis, List.of());
    }

    static ShellTable table(List<VsiView> vsis, List<VsiTraffic> traffic) {
        ShellTable table = new ShellTable();
        table.column("Port");
        table.column("Role");
        table.column("Name");
        table.column("VSIID");
        table.column("Manager ID");
        table.column("Type").alignRight();
        table.column("Ver").alignRight();
        table.column("Filter");
        table.column("State");
        table.column("Last command");
        table.column("Reason");
        table.column("Keep-alive age").alignRight();
        table.column("OK").alignRight();
        table.column("Failed").alignRight();
        table.column("RARP").alignRight();
        table.column("Frames in/out").alignRight();
        table.column("Dropped").alignRight();
        table.column("Policy");
        for (VsiView v : vsis) {
            VsiTraffic t = trafficOf(v, traffic);
            table.addRow().addContent(v.port(), v.role(), v.name().isEmpty() ? "-" : v.name(),
                    v.vsiidFormat() + ":" + v.vsiid(), v.managerId(), v.typeId(), v.typeVersion(),
                    v.filterFormat() + " " + String.join(",", v.filter()),
                    state(v),
                    v.lastCommand().isEmpty() ? "-" : v.lastCommand() + (v.hints().isEmpty() ? "" : ", " + v.hints()),
                    reason(v), v.keepAliveAgeMillis() < 0 ? "-" : v.keepAliveAgeMillis() + " ms", v.succeeded(), v.failed(),
                    v.role().equals("station") ? Long.toString(v.announced()) : "-",
                    t == null ? "-" : t.counters().get(VsiCounter.FRAMES_IN) + "/" + t.counters().get(VsiCounter.FRAMES_OUT),
                    t == null ? "-" : t.drops().total(), t == null ? "-" : policy(t));
        }
        return table;
    }

    /** What the VSI's type applies to its frames, e.g. {@code police 30000000 bit/s burst 375000 B, in web}; "-" for nothing. */
    static String policy(VsiTraffic t) {
        List<String> parts = new java.util.ArrayList<>();
        if (!t.police().isEmpty()) {
            parts.add("police " + t.police());
        }
        if (!t.aclIn().isEmpty()) {
            parts.add("acl.in " + t.aclIn());
        }
        if (!t.aclOut().isEmpty()) {
            parts.add("acl.out " + t.aclOut());
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** The state, with the command pending (station) or where the VSI migrated to (bridge). */
    static String state(VsiView v) {
        return v.state() + (v.pending().isEmpty() ? "" : " (" + v.pending() + " pending)")
                + (v.migratedTo().isEmpty() ? "" : " (migrated to " + v.migratedTo() + ")");
    }

    /** The reason with the Keep and Hard bits of the answer. */
    static String reason(VsiView v) {
        if (v.lastReason().isEmpty()) {
            return "-";
        }
        return v.lastReason() + (v.keep() ? ", keep" : "") + (v.hard() ? ", hard" : "");
    }
}
