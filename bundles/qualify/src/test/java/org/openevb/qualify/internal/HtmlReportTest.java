package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.qualify.Observation;
import org.openevb.api.qualify.ProbeReport;
import org.openevb.api.qualify.QualificationReport;
import org.openevb.api.qualify.Verdict;

/** The HTML page: self-contained, escaped, with its summary, evidence and timeline. */
class HtmlReportTest {

    @Test
    void thePageHasTheSummaryEachProbeAndATimelineAndFetchesNothing() {
        ProbeReport p1 = new ProbeReport("P1", "LLDP inventory", "LLDPDUs", "what it sends", Verdict.PASS,
                "peer <sw1> & co", Map.of("chassis-id", "02:aa:00:00:00:01"),
                List.of(new Observation(1500, 2, "in", "LLDPDU to nearest-bridge"), new Observation(10, 1, "out", "ours")),
                0, 2000);
        ProbeReport p3 = new ProbeReport("P3", "hairpin truth table", "", "", Verdict.NOT_SUPPORTED, "nothing came back",
                Map.of(), List.of(), 2000, 500, "changed: VSI <a> associated; restored");
        String html = HtmlReport.render(new QualificationReport("up", "2026-01-01T00:00:00Z", 2500, "/tmp/s.pcap", 1, 1, 0,
                List.of(p1, p3)));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<table class=\"summary\">"));
        assertTrue(html.contains("<td class=\"verdict pass\">pass</td>"));
        assertTrue(html.contains("<td class=\"verdict not-supported\">not-supported</td>"));
        assertTrue(html.contains("peer &lt;sw1&gt; &amp; co"));
        assertTrue(html.contains("<table class=\"timeline\">"));
        assertTrue(html.contains("<tr><th>Peer state</th><td>unchanged</td></tr>"), "P1 changed nothing");
        assertTrue(html.contains("<tr><th>Peer state</th><td>changed: VSI &lt;a&gt; associated; restored</td></tr>"));
        assertTrue(html.indexOf(">ours<") < html.lastIndexOf("LLDPDU to nearest-bridge"), "timeline in time order");
        for (String external : new String[] {"http:", "https:", "src=", "<script", "<link"}) {
            assertFalse(html.contains(external), external);
        }
    }

    @Test
    void aSessionOnTwoPortsNamesTheSecondAndItsEvidenceSaysWhichPortEachFrameWasOn() {
        ProbeReport p10 = new ProbeReport("P10", "migration", "", "", Verdict.PASS, "migrated", Map.of("blackout", "15.0 ms"),
                List.of(new Observation(5, 1, "out", "[up] associate on A"), new Observation(9, 2, "in", "[up<2>] answer")),
                0, 4000);
        String html = HtmlReport.render(new QualificationReport("up", "2026-01-01T00:00:00Z", 4000, "/tmp/s.pcap", 1, 1, 0,
                List.of(p10), "up<2>"));
        assertTrue(html.contains("Second port <code>up&lt;2&gt;</code>"), html);
        assertTrue(html.contains("[up&lt;2&gt;] answer"));
        assertFalse(HtmlReport.render(new QualificationReport("up", "t", 1, "p", 0, 0, 0, List.of(p10))).contains("Second port"));
    }

    @Test
    void aSessionWithAnEdgeRelayNamesItAndShowsItsValues() {
        ProbeReport p4 = new ProbeReport("P4", "reflective-relay revocation", "", "", Verdict.PASS, "VMs stay connected",
                Map.of("withdraw.relay-veb", "3 ms after RRCTR cleared, 16 ms after the station stopped asking",
                        "flap.vm-frames", "337 sent, 0 lost (longest gap 0 ms), 0 duplicated"),
                List.of(new Observation(5, 1, "in", "[up] grant: the switch's EVB TLV")), 0, 6000);
        String html = HtmlReport.render(new QualificationReport("up", "t", 6000, "p", 1, 1, 0, List.of(p4), "", "er<0>"));
        assertTrue(html.contains("Edge relay <code>er&lt;0&gt;</code> of this platform was P4's station"), html);
        assertTrue(html.contains("<th>withdraw.relay-veb</th><td class=\"mono\">3 ms after RRCTR cleared, 16 ms after the station stopped asking</td>"),
                html);
        assertTrue(html.contains("337 sent, 0 lost (longest gap 0 ms), 0 duplicated"));
        assertFalse(html.contains("Second port"));
    }
}
