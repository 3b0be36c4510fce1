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
import org.openevb.api.qualify.QualifyRequest;
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
        QualificationReport one = report(Verdict.PASS, "120 s", null);
        QualificationReport two = new QualificationReport(one.port(), one.started(), one.durationMillis(), one.pcap(),
                one.framesIn(), one.framesOut(), 0, one.probes(), "up2");
        assertTrue(ControlPlaneCommandsTest.print(out -> QualifyCommand.printSummary(out, two))
                .startsWith("Qualification of port up (second port up2): 1 probe(s)"));
        assertEquals("up2", JsonParser.parseString(Json.toJson(two)).getAsJsonObject().get("secondPort").getAsString());
        QualificationReport relay = new QualificationReport(one.port(), one.started(), one.durationMillis(), one.pcap(),
                one.framesIn(), one.framesOut(), 0, one.probes(), "", "er0");
        assertTrue(ControlPlaneCommandsTest.print(out -> QualifyCommand.printSummary(out, relay))
                .startsWith("Qualification of port up (edge relay er0 as the station): 1 probe(s)"));
        assertEquals("er0", JsonParser.parseString(Json.toJson(relay)).getAsJsonObject().get("relay").getAsString());
        assertEquals("", JsonParser.parseString(Json.toJson(two)).getAsJsonObject().get("relay").getAsString());
    }

    @Test
    void aDryRunListsWhatTheChosenProbesWouldSendAndRefusesUnknownOnes() throws Exception {
        List<ProbeInfo> kit = List.of(new ProbeInfo("P1", "LLDP inventory", "LLDPDUs", "", false),
                new ProbeInfo("P3", "hairpin truth table", "one frame per case", "", true));
        assertEquals(List.of("P3 hairpin truth table would send: one frame per case [flooding frames left out: no --allow-flood]",
                "nothing sent (--dry-run)"), QualifyCommand.dryRun(kit, List.of("p3"), false, false));
        assertEquals(3, QualifyCommand.dryRun(kit, List.of(), true, false).size());
        CommandFailure e = assertThrows(CommandFailure.class, () -> QualifyCommand.dryRun(kit, List.of("P9"), false, false));
        assertEquals("no probe P9 (probes: P1, P3)", e.getMessage());
    }

    @Test
    void theVsiTypeIsIdColonVersionAndBadOnesAreRefusedByName() throws Exception {
        assertEquals(List.of(1, 1), java.util.Arrays.stream(QualifyCommand.vsiType(null)).boxed().toList());
        assertEquals(List.of(100, 2), java.util.Arrays.stream(QualifyCommand.vsiType("100:2")).boxed().toList());
        assertEquals(List.of(7, 0), java.util.Arrays.stream(QualifyCommand.vsiType("7")).boxed().toList());
        for (String bad : List.of("x", "1:2:3", "1:256", "16777216:1", "-1:1")) {
            CommandFailure e = assertThrows(CommandFailure.class, () -> QualifyCommand.vsiType(bad));
            assertTrue(e.getMessage().startsWith("--vsi-type '" + bad + "' is not ID:VERSION"), e.getMessage());
        }
    }

    @Test
    void theEcidsAreAListWithRangesAndBadOnesAreRefusedByName() throws Exception {
        List<Integer> absent = QualifyRequest.DEFAULT_ECIDS;
        assertEquals(List.of(1, 2, 3), QualifyCommand.ecids("--ecids", null, absent));
        assertEquals(List.of(5, 1, 2, 3, 101), QualifyCommand.ecids("--ecids", "5, 1-3,101", absent));
        assertEquals(4095, QualifyCommand.ecids("--ecids", "1-4095", absent).size());
        assertEquals(List.of(), QualifyCommand.ecids("--cascade", " ", List.of()), "no cascade unless named");
        assertEquals(List.of(101, 102), QualifyCommand.ecids("--cascade", "101-102", List.of()));
        for (String bad : new String[] {"a", "0,1", "1-4096", "3-1", "1,,2", "1-2-3", "1-4095,1"}) {
            CommandFailure e = assertThrows(CommandFailure.class, () -> QualifyCommand.ecids("--ecids", bad, absent));
            assertEquals("--ecids '" + bad + "' is not a list like 1,2,3 or 1-8 (E-CIDs 1..4095)", e.getMessage());
        }
        CommandFailure e = assertThrows(CommandFailure.class, () -> QualifyCommand.ecids("--cascade", "x", List.of()));
        assertEquals("--cascade 'x' is not a list like 1,2,3 or 1-8 (E-CIDs 1..4095)", e.getMessage());
    }

    @Test
    void theSummarySaysWhichProbesChangedThePeersState() {
        ProbeReport p7 = new ProbeReport("P7", "VDP command matrix", "", "", Verdict.PASS, "answered", Map.of(), List.of(), 0, 1,
                "changed: VSI uuid:x associated; restored: de-associated at the end");
        QualificationReport r = new QualificationReport("up", "2026-01-01T00:00:00Z", 1, "/tmp/s.pcap", 1, 1, 0,
                List.of(report(Verdict.PASS, "120 s", null).probes().get(0), p7));
        String text = ControlPlaneCommandsTest.print(out -> QualifyCommand.printSummary(out, r));
        assertTrue(text.contains("Peer state: P7 changed: VSI uuid:x associated; restored: de-associated at the end"), text);
        String none = ControlPlaneCommandsTest.print(out -> QualifyCommand.printSummary(out, report(Verdict.PASS, "120 s", null)));
        assertTrue(none.contains("Peer state: no probe changed it"), none);
        assertTrue(r.allPassedOrNotSupported());
        assertTrue(!report(Verdict.INCONCLUSIVE, "1 s", null).allPassedOrNotSupported(), "inconclusive is not a pass for scripts");
    }

    @Test
    void comparingTwoReportsShowsChangedVerdictsAndValues() {
        JsonObject a = JsonParser.parseString(Json.toJson(report(Verdict.PASS, "120 s", null))).getAsJsonObject();
        JsonObject b = JsonParser.parseString(Json.toJson(report(Verdict.FAIL, "30 s", "evb-tlv"))).getAsJsonObject();
        assertEquals(List.of("P1 verdict: pass -> fail", "P1 ttl: 120 s -> 30 s", "P1 evb-tlv: (none) -> present"),
                ReportComparison.changes(a, b));
        assertEquals(List.of(), ReportComparison.changes(a, a));
        JsonObject restored = JsonParser.parseString(Json.toJson(new QualificationReport("up", "t", 1, "p", 0, 0, 0, List.of(
                new ProbeReport("P1", "LLDP inventory", "", "", Verdict.PASS, "peer seen", report(Verdict.PASS, "120 s", null)
                        .probes().get(0).values(), List.of(new Observation(12, 3, "in", "LLDPDU")), 0, 35_000,
                        "changed: x; restored"))))).getAsJsonObject();
        assertEquals(List.of("P1 peer state: unchanged -> changed: x; restored"), ReportComparison.changes(a, restored));
        assertEquals(List.of("P1: only in the first report"), ReportComparison.changes(a, new JsonObject()));
    }
}
