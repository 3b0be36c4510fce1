package org.openevb.shell.internal;

import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.lldp.LldpAgentCounters;
import org.openevb.api.lldp.LldpAgentView;
import org.openevb.api.lldp.LldpService;

/** Lists the LLDP agents, one per port and group address, with their counters. */
@Service
@Command(scope = "evb", name = "lldp-agents",
        description = "Lists LLDP agents: port, group address, admin status, TX interval, TTL, neighbours, counters")
public class LldpAgentsCommand implements Action {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    LldpService lldp;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        if (lldp == null) {
            throw new CommandFailure("LLDP is not running (feature openevb-lldp)");
        }
        List<LldpAgentView> agents = lldp.agents().stream().map(LldpAgentView::of).toList();
        if (json) {
            System.out.println(Json.toJson(agents));
        } else {
            print(System.out, agents);
        }
        return null;
    }

    static void print(PrintStream out, List<LldpAgentView> agents) {
        ShellTable table = new ShellTable();
        table.column("Port");
        table.column("Address");
        table.column("Admin");
        table.column("TX interval (s)").alignRight();
        table.column("TTL (s)").alignRight();
        table.column("Neighbours").alignRight();
        table.column("Out").alignRight();
        table.column("Shutdowns").alignRight();
        table.column("In").alignRight();
        table.column("Discarded").alignRight();
        table.column("Unrecognized TLVs").alignRight();
        table.column("Ageouts").alignRight();
        for (LldpAgentView a : agents) {
            LldpAgentCounters c = a.counters();
            table.addRow().addContent(a.port(), a.address().key(), a.adminStatus(), a.txIntervalSeconds(),
                    a.ttlSeconds(), a.neighbours().size(), c.framesOut(), c.shutdownsOut(), c.framesIn(),
                    c.framesDiscarded(), c.tlvsUnrecognized(), c.ageouts());
        }
        table.print(out);
    }
}
