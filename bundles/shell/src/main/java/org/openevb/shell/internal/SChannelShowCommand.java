package org.openevb.shell.internal;

import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.schannel.SChannelService;
import org.openevb.api.schannel.SChannelDropReason;
import org.openevb.api.schannel.SChannelStatus;
import org.openevb.api.schannel.SComponentStatus;

/** Shows the S-VLAN components, their CDCP TLVs and their S-channels. */
@Service
@Command(scope = "evb", name = "schannel-show",
        description = "Shows S-VLAN components: role, CDCP, status, local and remote CDCP TLV; "
                + "channels with SCID, SVID, port, state and counters; drops by reason")
public class SChannelShowCommand implements Action {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    SChannelService schannels;

    @Argument(index = 0, name = "port", required = false,
            description = "The physical port of the component (default: every component)")
    @Completion(SChannelPortCompleter.class)
    String port;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        if (schannels == null) {
            throw new CommandFailure("S-channels are not running (feature openevb-schannel)");
        }
        List<SComponentStatus> components = schannels.components().stream()
                .filter(c -> port == null || c.port().equals(port)).toList();
        if (port != null && components.isEmpty()) {
            throw new CommandFailure("no S-VLAN component on port '" + port + "'");
        }
        if (json) {
            System.out.println(Json.toJson(components));
        } else {
            print(System.out, components);
        }
        return null;
    }

    static void print(PrintStream out, List<SComponentStatus> components) {
        if (components.isEmpty()) {
            out.println("no S-VLAN components configured");
            return;
        }
        boolean first = true;
        for (SComponentStatus c : components) {
            if (!first) {
                out.println();
            }
            first = false;
            out.printf("S-VLAN component %s  role %s  CDCP %s  status %s%n", c.port(), c.role(), c.cdcp() ? "on" : "off (static)",
                    c.status());
            if (c.cdcp()) {
                out.printf("  Local CDCP   %s%n", c.local() == null ? "none" : EvbTlvText.cdcp(c.local()));
                out.printf("  Remote CDCP  %s%n", c.remote() == null ? "none" : EvbTlvText.cdcp(c.remote()));
            }
            ShellTable table = new ShellTable();
            table.column("SCID").alignRight();
            table.column("SVID").alignRight();
            table.column("Port");
            table.column("State");
            table.column("RX").alignRight();
            table.column("TX").alignRight();
            table.column("Drops").alignRight();
            table.column("Reason");
            for (SChannelStatus ch : c.channels()) {
                // S-VID 0: the bridge has not assigned one yet
                table.addRow().addContent(ch.scid(), ch.svid() == 0 ? "-" : ch.svid(), ch.port(), ch.state(),
                        ch.rxFrames(), ch.txFrames(), ch.drops(), ch.reason());
            }
            table.print(out);
            out.println("Drops");
            for (SChannelDropReason r : c.dropsByReason().keys()) {
                out.printf("  %-15s %8d  %s%n", r.key(), c.dropsByReason().get(r), r.description());
            }
        }
    }
}
