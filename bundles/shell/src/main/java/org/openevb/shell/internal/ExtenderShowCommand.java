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
import org.openevb.api.extension.CascadeView;
import org.openevb.api.extension.ExtendedPortView;
import org.openevb.api.extension.ExtensionDropReason;
import org.openevb.api.extension.PortExtenderView;
import org.openevb.api.extension.PortExtenders;
import org.openevb.api.extension.ReplicationGroupView;
import org.openevb.api.view.Counters;

/** Shows port extenders: upstream link, host and cascade ports by E-CID / vif, groups, drops. */
@Service
@Command(scope = "evb", name = "extender-show",
        description = "Shows port extenders: upstream port, host and cascade ports with E-CID/vif and counters, "
                + "replication groups, drops by reason")
public class ExtenderShowCommand implements Action {

    @Reference(optional = true)
    PortExtenders extenders;

    @Argument(index = 0, name = "extender", required = false, description = "Extender name (all when omitted)")
    @Completion(ExtenderNameCompleter.class)
    String name;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        List<PortExtenderView> list = extenders == null ? List.of() : extenders.extenders().stream()
                .filter(e -> name == null || e.name().equals(name)).map(PortExtenderView::of).toList();
        if (name != null && list.isEmpty()) {
            throw new CommandFailure("no port extender named '" + name + "'");
        }
        if (json) {
            System.out.println(Json.toJson(list));
        } else {
            list.forEach(e -> print(System.out, e));
        }
        return null;
    }

    static void print(PrintStream out, PortExtenderView e) {
        CascadeView up = e.upstream();
        out.printf("Extender %s  %s  upstream %s (%s, %s)  up %d  down %d%s%n", e.name(), e.status(), up.port(),
                up.format().key(), up.state(), up.txFrames(), up.rxFrames(), e.reason().isEmpty() ? "" : "  - " + e.reason());
        printPorts(out, e.ports());
        printGroups(out, e.groups());
        printDrops(out, up.dropsByReason());
    }

    static void printPorts(PrintStream out, List<ExtendedPortView> ports) {
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Port", "Kind", "E-CID/vif", "State"}) {
            table.column(c);
        }
        for (String c : new String[] {"RX frames", "RX bytes", "TX frames", "TX bytes", "Pruned"}) {
            table.column(c).alignRight();
        }
        for (ExtendedPortView p : ports) {
            table.addRow().addContent(p.name(), p.kind(), p.kind().equals("cascade") ? p.range() : Integer.toString(p.id()),
                    p.state(), p.rxFrames(), p.rxBytes(), p.txFrames(), p.txBytes(), p.pruned());
        }
        table.print(out);
    }

    static void printGroups(PrintStream out, List<ReplicationGroupView> groups) {
        if (groups.isEmpty()) {
            out.println("Groups: none (one copy per port)");
            return;
        }
        ShellTable table = new ShellTable();
        table.column("Group");
        table.column("Carrier");
        table.column("Members");
        table.column("Frames").alignRight();
        table.column("Pruned").alignRight();
        for (ReplicationGroupView g : groups) {
            table.addRow().addContent(groupId(g.id()), g.carrier(), String.join(" ", g.members()), g.frames(), g.pruned());
        }
        table.print(out);
    }

    static void printDrops(PrintStream out, Counters<ExtensionDropReason> drops) {
        out.println("Drops");
        for (ExtensionDropReason r : drops.keys()) {
            out.printf("  %-16s %8d  %s%n", r.key(), drops.get(r), r.description());
        }
    }

    /** A group's E-CID or vif list id as the operator wrote it: multicast E-CIDs in hex. */
    static String groupId(int id) {
        return id >= 0x1000 ? String.format("0x%04x", id) : Integer.toString(id);
    }
}
