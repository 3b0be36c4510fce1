package org.openevb.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpNeighbour;
import org.openevb.api.lldp.LldpService;
import org.openevb.codec.MacAddress;

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
        if (json) {
            System.out.println(Json.toJson(json(agents)));
        } else if (verbose) {
            printVerbose(System.out, agents);
        } else {
            printTable(System.out, agents);
        }
        return null;
    }

    /** Whole seconds left, rounded up so that a neighbour about to expire still shows 1. */
    static long expiresSeconds(LldpNeighbour n) {
        return Math.max(0, (n.expiresInMillis() + 999) / 1000);
    }

    static void printTable(PrintStream out, List<LldpAgent> agents) {
        ShellTable table = new ShellTable();
        table.column("Port");
        table.column("Address");
        table.column("Chassis ID");
        table.column("Port ID");
        table.column("System name");
        table.column("TTL (s)").alignRight();
        table.column("Expires (s)").alignRight();
        table.column("EVB / CDCP");
        for (LldpAgent a : agents) {
            for (LldpNeighbour n : a.neighbours()) {
                table.addRow().addContent(a.port(), a.address().key(), n.chassisId(), n.portId(), n.systemName(),
                        n.ttlSeconds(), expiresSeconds(n), EvbTlvText.summary(n.lldpdu()));
            }
        }
        table.print(out);
    }

    static void printVerbose(PrintStream out, List<LldpAgent> agents) {
        // one label width for every block, so that the values line up down the whole output
        int width = 0;
        for (LldpAgent a : agents) {
            for (LldpNeighbour n : a.neighbours()) {
                for (LldpTlvText.Described d : LldpTlvText.describe(n.lldpdu())) {
                    width = Math.max(width, d.label().length());
                }
            }
        }
        String format = "  %-" + Math.max(width, 1) + "s  %s%n";
        boolean first = true;
        for (LldpAgent a : agents) {
            for (LldpNeighbour n : a.neighbours()) {
                if (!first) {
                    out.println();
                }
                first = false;
                out.printf("Port %s  %s  neighbour %s  from %s  TTL %d s, expires in %d s%n", a.port(),
                        a.address().key(), n.id(), MacAddress.format(n.source()), n.ttlSeconds(), expiresSeconds(n));
                for (LldpTlvText.Described d : LldpTlvText.describe(n.lldpdu())) {
                    String label = d.label();
                    for (String line : d.lines()) {
                        out.printf(format, label, line);
                        label = "";
                    }
                }
            }
        }
    }

    /** One object per neighbour: where it was heard, who it is, the 802.1Qbg TLVs decoded, every TLV raw. */
    static List<Map<String, Object>> json(List<LldpAgent> agents) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LldpAgent a : agents) {
            for (LldpNeighbour n : a.neighbours()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("port", a.port());
                m.put("address", a.address().key());
                m.put("id", n.id());
                m.put("chassisId", n.chassisId());
                m.put("portId", n.portId());
                m.put("systemName", n.systemName());
                m.put("source", MacAddress.format(n.source()));
                m.put("ttlSeconds", n.ttlSeconds());
                m.put("expiresInMillis", n.expiresInMillis());
                EvbTlvText.putJson(m, n.lldpdu());
                m.put("tlvs", n.lldpdu().tlvs().stream().map(LldpTlvText::json).toList());
                out.add(m);
            }
        }
        return out;
    }
}
