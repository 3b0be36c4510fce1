package org.openevb.shell.internal;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.bridge.VsiCounter;
import org.openevb.api.bridge.VsiTraffic;
import org.openevb.api.vdp.VdpService;
import org.openevb.api.vdp.VsiView;

/** Shows one VSI on one port: its row of the VSI table and, at a bridge, the data path's counters. */
@Service
@Command(scope = "evb", name = "vsi-show",
        description = "Shows one VSI of a port: the VSI table's columns and, at a bridge with vsi.enforcement, its "
                + "frames and bytes in and out, its drops by reason and the policy of its type (policer, ACLs)")
public class VsiShowCommand implements Action {

    /**
     * The document {@code --json} prints.
     *
     * @param vsi the VSI as {@code vsi-list --json} shows it
     * @param traffic the data path's counters, null for a station's VSI or a bridge with
     *     {@code vsi.enforcement off}
     */
    record VsiDocument(VsiView vsi, VsiTraffic traffic) {
    }

    @Reference(optional = true)
    VdpService vdp;

    @Reference(optional = true)
    BridgeRegistry bridges;

    @Argument(index = 0, name = "port", required = true, description = "Port name")
    @Completion(VdpPortCompleter.class)
    String port;

    @Argument(index = 1, name = "vsi", required = true,
            description = "The VSIID (format:value, as vsi-list shows it, or the value alone) or, at a station, the VSI's name")
    String vsi;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        if (vdp == null) {
            throw new CommandFailure("VDP is not running (feature openevb-vdp)");
        }
        VsiView v = vdp.vsis().stream().filter(x -> x.port().equals(port) && matches(x, vsi)).findFirst()
                .orElseThrow(() -> new CommandFailure("no VSI '" + vsi + "' on port '" + port + "'"));
        VsiDocument d = new VsiDocument(v, VsiListCommand.trafficOf(v, VsiListCommand.traffic(bridges)));
        if (json) {
            System.out.println(Json.toJson(d));
        } else {
            print(System.out, d);
        }
        return null;
    }

    static boolean matches(VsiView v, String key) {
        return key.equals(v.vsiidFormat() + ":" + v.vsiid()) || key.equalsIgnoreCase(v.vsiid())
                || (!v.name().isEmpty() && key.equals(v.name()));
    }

    static void print(PrintStream out, VsiDocument d) {
        VsiView v = d.vsi();
        out.printf("VSI %s:%s on port %s (%s)%s%n", v.vsiidFormat(), v.vsiid(), v.port(), v.role(),
                v.name().isEmpty() ? "" : ", name " + v.name());
        out.printf("  manager %s, type %d version %d, filter %s %s%n", v.managerId(), v.typeId(), v.typeVersion(),
                v.filterFormat(), String.join(",", v.filter()));
        out.printf("  state %s, last command %s, reason %s, keep-alive age %s, succeeded %d, failed %d%n",
                VsiListCommand.state(v), v.lastCommand().isEmpty() ? "-"
                        : v.lastCommand() + (v.hints().isEmpty() ? "" : " (" + v.hints() + ")"),
                VsiListCommand.reason(v), v.keepAliveAgeMillis() < 0 ? "-" : v.keepAliveAgeMillis() + " ms", v.succeeded(),
                v.failed());
        if (!v.relayPort().isEmpty()) {
            out.printf("  attached to edge relay port %s (announcements are forwarded from it)%n", v.relayPort());
        }
        if (v.announced() > 0) {
            out.printf("  RARP announcements sent after migrating here: %d%n", v.announced());
        }
        VsiTraffic t = d.traffic();
        if (t == null) {
            out.println("  data path: not counted (" + (v.role().equals("bridge")
                    ? "not associated, or vsi.enforcement off on its bridge" : "station role") + ")");
            return;
        }
        out.printf("  data path (bridge %s, vsi.enforcement %s), policy of its type: %s%n", t.bridge(), t.enforcement(),
                VsiListCommand.policy(t));
        for (VsiCounter c : t.counters().keys()) {
            out.printf("    %-10s %12d  %s%n", c.key(), t.counters().get(c), c.description());
        }
        out.printf("  drops %d%n", t.drops().total());
        for (BridgeDropReason r : t.drops().keys()) {
            if (t.drops().get(r) > 0) {
                out.printf("    %-17s %8d  %s%n", r.key(), t.drops().get(r), r.description());
            }
        }
    }
}
