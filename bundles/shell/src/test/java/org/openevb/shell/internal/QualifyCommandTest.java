package org.openevb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.qualify.Observation;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.ProbeReport;
import org.openevb.api.qualify.QualificationReport;
import org.openevb.api.qualify.Verdict;

/** The report's JSON through the shell's one Gson setup, its summary, and comparing two reports. */
class QualifyCommandTest {

    static QualificationReport report(Verdict p1, String ttl, String extraKey) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("chassis-id", "02:aa:00:00:00:01");
        values.put("ttl", ttl);
        if (extraKey != null) {
            values.put(extraKey, "present");
        }
        ProbeReport p = new ProbeReport("P1", "LLDP inventory", "LLDPDUs", "inventory", p1, "peer seen", values,
                List.of(new Observation(12, 3, "in", "LLDPDU")), 0, 35_000);
        return new QualificationReport("up", "2026-01-01T00:00:00Z", 35_100, "/tmp/session.pcap", 10, 21, 0, List.of(p));
    }

    @Test
    void theReportPrintsWithVerdictKeysAndValuesInOrder() {
        JsonObject o = JsonParser.parseString(Json.toJson(report(Verdict.NOT_SUPPORTED, "120 s", null))).getAsJsonObject();
        JsonObject p1 = o.getAsJsonArray("probes").get(0).getAsJsonObject();
        assertEquals("not-supported", p1.get("verdict").getAsString());
        assertEquals(List.of("chassis-id", "ttl"), List.copyOf(p1.getAsJsonObject("values").keySet()));
        assertEquals(3, p1.getAsJsonArray("evidence").get(0).getAsJsonObject().get("frame").getAsInt());
        assertEquals("/tmp/session.pcap", o.get("pcap").getAsString());
    }

    @Test
    void theSummaryHasOneLinePerProbe() {
        String text = ControlPlaneCommandsTest.print(out -> QualifyCommand.printSummary(out, report(Verdict.PASS, "120 s", null)));
        assertTrue(text.startsWith("Qualification of port up: 1 probe(s) in 35.1 s, 10 frames in, 21 out"), text);
        assertTrue(ControlPlaneCommandsTest.line(text, "P1").contains("pass"), text);
    }

    @Test
    void aDryRunListsWhatTheChosenProbesWouldSendAndRefusesUnknownOnes() throws Exception {
        List<ProbeInfo> kit = List.of(new ProbeInfo("P1", "LLDP inventory", "LLDPDUs", "", false),
                new ProbeInfo("P3", "hairpin truth table", "one frame per case", "", true));
        assertEquals(List.of("P3 hairpin truth table would send: one frame per case [flooding frames left out: no --allow-flood]",
                "nothing sent (--dry-run)"), QualifyCommand.dryRun(kit, List.of("p3"), false));
        assertEquals(3, QualifyCommand.dryRun(kit, List.of(), true).size());
        CommandFailure e = assertThrows(CommandFailure.class, () -> QualifyCommand.dryRun(kit, List.of("P9"), false));
        assertEquals("no probe P9 (probes: P1, P3)", e.getMessage());
    }

    @Test
    void comparingTwoReportsShowsChangedVerdictsAndValues() {
        JsonObject a = JsonParser.parseString(Json.toJson(report(Verdict.PASS, "120 s", null))).getAsJsonObject();
        JsonObject b = JsonParser.parseString(Json.toJson(report(Verdict.FAIL, "30 s", "evb-tlv"))).getAsJsonObject();
        assertEquals(List.of("P1 verdict: pass -> fail", "P1 ttl: 120 s -> 30 s", "P1 evb-tlv: (none) -> present"),
                ReportComparison.changes(a, b));
        assertEquals(List.of(), ReportComparison.changes(a, a));
        assertEquals(List.of("P1: only in the first report"), ReportComparison.changes(a, new JsonObject()));
    }
}
