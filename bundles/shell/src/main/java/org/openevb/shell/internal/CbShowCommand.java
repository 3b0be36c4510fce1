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
import org.openevb.api.extension.ControllingBridgeView;
import org.openevb.api.extension.ControllingBridges;

/** Shows controlling bridges: cascade ports with counters and drops, extended ports, groups. */
@Service
@Command(scope = "evb", name = "cb-show",
        description = "Shows controlling bridges: cascade ports with format, state, counters and drops; "
                + "extended ports with E-CID/vif; replication groups")
public class CbShowCommand implements Action {

    @Reference(optional = true)
    ControllingBridges bridges;

    @Argument(index = 0, name = "name", required = false, description = "Controlling bridge name (all when omitted)")
    @Completion(CbNameCompleter.class)
    String name;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        List<ControllingBridgeView> list = bridges == null ? List.of() : bridges.bridges().stream()
                .filter(b -> name == null || b.name().equals(name)).map(ControllingBridgeView::of).toList();
        if (name != null && list.isEmpty()) {
            throw new CommandFailure("no controlling bridge named '" + name + "'");
        }
        if (json) {
            System.out.println(Json.toJson(list));
        } else {
            list.forEach(b -> print(System.out, b));
        }
        return null;
    }

    static void print(PrintStream out, ControllingBridgeView b) {
        out.printf("Controlling bridge %s  %s%s%n", b.name(), b.status(), b.reason().isEmpty() ? "" : "  - " + b.reason());
        ShellTable table = new ShellTable();
        table.column("Cascade");
        table.column("Format");
        table.column("State");
        table.column("RX frames").alignRight();
        table.column("TX frames").alignRight();
        table.column("Drops").alignRight();
        for (CascadeView c : b.cascades()) {
            table.addRow().addContent(c.port(), c.format().key(), c.state(), c.rxFrames(), c.txFrames(), c.drops());
        }
        table.print(out);
        ExtenderShowCommand.printPorts(out, b.extendedPorts());
        ExtenderShowCommand.printGroups(out, b.groups());
        for (CascadeView c : b.cascades()) {
            out.print("Cascade " + c.port() + ": ");
            ExtenderShowCommand.printDrops(out, c.dropsByReason());
        }
    }
}
