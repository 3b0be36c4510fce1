package org.openevb.shell.internal;

import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.mirror.MirrorCounter;
import org.openevb.api.mirror.MirrorView;
import org.openevb.api.mirror.Mirrors;

/** Lists the mirrors: state, sources tapped now, destination, copies sent and dropped. */
@Service
@Command(scope = "evb", name = "mirror-list",
        description = "Lists port mirrors (SPAN): state, the ports tapped now, the mirror port, copies sent and dropped")
public class MirrorListCommand implements Action {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    Mirrors mirrors;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        if (mirrors == null) {
            throw new CommandFailure("mirroring is not running (feature openevb-mirror)");
        }
        List<MirrorView> list = mirrors.mirrors();
        if (json) {
            System.out.println(Json.toJson(list));
        } else {
            print(System.out, list);
        }
        return null;
    }

    static void print(PrintStream out, List<MirrorView> list) {
        if (list.isEmpty()) {
            out.println("No mirrors (configure one in etc/org.openevb.mirror-NAME.cfg)");
            return;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] {"Mirror", "State", "Sources", "Destination"}) {
            table.column(c);
        }
        for (String c : new String[] {"Mirrored", "Queue full", "Queued"}) {
            table.column(c).alignRight();
        }
        table.column("Reason");
        for (MirrorView m : list) {
            table.addRow().addContent(m.name(), m.state(), String.join(", ", m.sources()), m.destination(),
                    m.counters().get(MirrorCounter.MIRRORED), m.counters().get(MirrorCounter.QUEUE_FULL),
                    m.queued() + "/" + m.queueFrames(), m.reason());
        }
        table.print(out);
    }
}
