package org.openevb.shell.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.extension.ControllingBridge;
import org.openevb.api.extension.ControllingBridges;
import org.openevb.api.extension.PortExtender;
import org.openevb.api.extension.PortExtenders;

/**
 * A listing across every controlling bridge and port extender (either may be absent), as a table
 * or as JSON.
 *
 * @param <T> one row: a view record, printed as it is with {@code --json}
 */
abstract class ExtensionListAction<T> implements Action {

    @Reference(optional = true)
    ControllingBridges bridges;

    @Reference(optional = true)
    PortExtenders extenders;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    /** The rows a controlling bridge contributes. */
    abstract List<? extends T> rows(ControllingBridge bridge);

    /** The rows a port extender contributes. */
    abstract List<? extends T> rows(PortExtender extender);

    /** Adds the table's columns. */
    abstract void columns(ShellTable table);

    abstract void addRow(ShellTable table, T row);

    @Override
    public Object execute() {
        List<T> all = new ArrayList<>();
        if (bridges != null) {
            bridges.bridges().forEach(b -> all.addAll(rows(b)));
        }
        if (extenders != null) {
            extenders.extenders().forEach(e -> all.addAll(rows(e)));
        }
        if (json) {
            System.out.println(Json.toJson(all));
            return null;
        }
        ShellTable table = new ShellTable();
        columns(table);
        all.forEach(row -> addRow(table, row));
        table.print(System.out);
        return null;
    }
}
