package org.openevb.shell.internal;

import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpNeighbourView;
import org.openevb.api.lldp.LldpService;

/** Lists the LLDP neighbours of every agent, with their EVB, CDCP and pre-standard EVB TLVs decoded. */
@Service
@Command(scope = "evb", name = "lldp-neighbours",
        description = "Lists LLDP neighbours: local port and address, chassis and port ID, system name, TTL, "
                + "and their EVB, CDCP and pre-standard EVB TLVs decoded")
public class LldpNeighboursCommand implements Action {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    LldpService lldp;

    @Option(name = "-p", aliases = "--port", description = "Only the neighbours heard on this port")
    @Completion(LldpPortCompleter.class)
    String port;

    @Option(name = "-v", aliases = "--verbose", description = "Every TLV of each neighbour, decoded")
    boolean verbose;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of a table")
    boolean json;

    @Override
    public Object execute() throws CommandFailure {
        if (lldp == null) {
            throw new CommandFailure("LLDP is not running (feature openevb-lldp)");
        }
        List<LldpAgent> agents = lldp.agents().stream().filter(a -> port == null || a.port().equals(port)).toList();
        if (port != null && agents.isEmpty()) {
            throw new CommandFailure("no LLDP agent on port '" + port + "'");
        }
        List<LldpNeighbourView> neighbours = views(agents);
        if (json) {
            System.out.println(Json.toJson(neighbours));
        } else if (verbose) {
            printVerbose(System.out, neighbours);
        } else {
            printTable(System.out, neighbours);
        }
        return null;
    }

    /** Whole seconds left, rounded up so that a neighbour about to expire still shows 1. */
    static long expiresSeconds(LldpNeighbourView n) {
        return Math.max(0, (n.expiresInMillis() + 999) / 1000);
    }

    /** Every neighbour of every agent, decoded. */
    static List<LldpNeighbourView> views(List<LldpAgent> agents) {
        return agents.stream().flatMap(a -> LldpNeighbourView.of(a).stream()).toList();
    }

    static void printTable(PrintStream out, List<LldpNeighbourView> neighbours) {
        ShellTable table = new ShellTable();
        table.column("Port");
        table.column("Address");
        table.column("Chassis ID");
        table.column("Port ID");
        table.column("System name");
        table.column("TTL (s)").alignRight();
        table.column("Expires (s)").alignRight();
        table.column("EVB / CDCP");
        for (LldpNeighbourView n : neighbours) {
            table.addRow().addContent(n.port(), n.address().key(), n.chassisId(), n.portId(), n.systemName(),
                    n.ttlSeconds(), expiresSeconds(n), EvbTlvText.summary(n));
        }
        table.print(out);
    }

    static void printVerbose(PrintStream out, List<LldpNeighbourView> neighbours) {
        // one label width for every block, so that the values line up down the whole output
        int width = 0;
        for (LldpNeighbourView n : neighbours) {
            for (LldpTlvText.Described d : LldpTlvText.describe(n.tlvs())) {
                width = Math.max(width, d.label().length());
            }
        }
        String format = "  %-" + Math.max(width, 1) + "s  %s%n";
        boolean first = true;
        for (LldpNeighbourView n : neighbours) {
            if (!first) {
                out.println();
            }
            first = false;
            out.printf("Port %s  %s  neighbour %s  from %s  TTL %d s, expires in %d s%n", n.port(),
                    n.address().key(), n.id(), n.source(), n.ttlSeconds(), expiresSeconds(n));
            for (LldpTlvText.Described d : LldpTlvText.describe(n.tlvs())) {
                String label = d.label();
                for (String line : d.lines()) {
                    out.printf(format, label, line);
                    label = "";
                }
            }
        }
    }
}
