package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openevb.api.qualify.ProbeReport;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.vdp.VdpTimers;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/** P11's rules against bridges that say no well and badly, and the probe against this platform's VDP bridge. */
class VsiScaleTest {

    @TempDir
    Path dir;

    private final FakePort port = new FakePort(Peers.OUR_MAC);
    // RKA 20: toutKeepAlive about 16 s, so no VSI of the kit's times out while a slow machine runs P11
    // (with RKA 14, 676 ms, one could, and the bridge then admitted a ninth)
    private final SimBridge bridge = new SimBridge(port, new VdpTimers(3, 12, 14, 20));

    @AfterEach
    void stop() throws InterruptedException {
        bridge.close();
    }

    private static final QualifyRequest REQUEST = new QualifyRequest("up", List.of("P11"), "s.pcap", 1, false, 1, 1, 0);

    private static VsiTlv associate(int n) {
        return VsiScaleProbe.vsi(REQUEST, VdpTlv.ASSOCIATE, n, List.of(FilterEntry.ofMacVid(VdpText.mac(11, n), 10)));
    }

    private static VdpLink.Exchange answered(VsiTlv q, int code, boolean hard) {
        return new VdpLink.Exchange(q, 1, 1, 0.5, 3.0, q.response(code, false, hard), 1, 1);
    }

    /** A bridge that admits {@code limit} VSIs, then answers the next with {@code atLimit} (null: nothing, only the ECP ack). */
    private static List<VsiScale.Attempt> series(int limit, Integer atLimit, boolean released) {
        List<VsiScale.Attempt> list = new ArrayList<>();
        for (int n = 1; n <= VsiScale.MAX_VSIS; n++) {
            VsiTlv q = associate(n);
            VdpLink.Exchange x = n <= limit ? answered(q, 0, false)
                    : atLimit == null ? new VdpLink.Exchange(q, n, 4, 0.5, -1, null, -1, 0) : answered(q, atLimit, true);
            VsiTlv de = q.withStatus(0);
            VsiTlv deassociate = new VsiTlv(VdpTlv.DE_ASSOCIATE, 0, de.typeId(), de.typeVersion(), de.vsiidFormat(), de.vsiid(),
                    de.filterFormat(), de.entries());
            list.add(new VsiScale.Attempt(n, x, x.success() ? answered(deassociate, released ? 0 : 4, false) : null));
            if (!VsiScale.goOn(new VsiScale.Attempt(n, x, null))) {
                break;
            }
        }
        return list;
    }

    @Test
    void aBridgeThatRefusesAtItsLimitWithAReasonPasses() {
        List<VsiScale.Attempt> s = series(8, VsiTlv.INSUFFICIENT_RESOURCES, true);
        assertEquals(9, s.size(), "the series stops at the first refusal");
        ProbeOutcome o = VsiScale.conclude(s);
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("8", o.values().get("admitted"));
        assertEquals("VSI 9: refused: insufficient resources (2), hard", o.values().get("limit"));
        assertEquals("8 of 8", o.values().get("de-associated"));
        assertEquals("8 VSIs admitted on the port; at the limit, VSI 9: refused: insufficient resources (2), hard", o.summary());
        assertTrue(VsiScale.peerState(s).endsWith("restored: de-associated at the end"), VsiScale.peerState(s));
    }

    @Test
    void aBridgeThatFallsSilentAtItsLimitFails() {
        ProbeOutcome o = VsiScale.conclude(series(5, null, true));
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("VSI 6 (after 5 admitted) got no answer: the limit is not reported", o.summary());
    }

    @Test
    void theKitsBoundReachedPassesAsAtLeastAndUnreleasedVsisAreReported() {
        List<VsiScale.Attempt> s = series(1000, null, false);
        assertEquals(VsiScale.MAX_VSIS, s.size());
        ProbeOutcome o = VsiScale.conclude(s);
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertTrue(o.summary().startsWith("at least 16 VSIs admitted"), o.summary());
        assertTrue(o.values().get("de-associated").startsWith("0 of 16; not confirmed: VSI [1, 2"), o.values().toString());
        assertTrue(VsiScale.peerState(s).contains("not confirmed restored: 16 De-Associate(s)"), VsiScale.peerState(s));
    }

    @Test
    void theFirstRefusedIsInconclusiveAndNoVdpIsNotSupported() {
        assertEquals(Verdict.INCONCLUSIVE, VsiScale.conclude(series(0, 4, true)).verdict());
        assertEquals("", VsiScale.peerState(series(0, 4, true)));
        assertEquals(Verdict.NOT_SUPPORTED, VsiScale.conclude(List.of()).verdict());
        VsiTlv q = associate(1);
        assertEquals(Verdict.NOT_SUPPORTED, VsiScale.conclude(List.of(new VsiScale.Attempt(1,
                new VdpLink.Exchange(q, 1, 4, -1, -1, null, -1, 0), null))).verdict());
    }

    @Test
    void aSuccessWithTheHardBitFails() {
        List<VsiScale.Attempt> s = new ArrayList<>(series(2, 2, true));
        VsiTlv q = associate(1);
        s.set(0, new VsiScale.Attempt(1, new VdpLink.Exchange(q, 1, 1, 0.5, 3.0, q.response(0, false, true), 1, 1), null));
        ProbeOutcome o = VsiScale.conclude(s);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().contains("VSI 1: success with the Hard bit set"), o.summary());
    }

    /** A frame of {@code size} Associates of which the peer answers {@code answered} with success (-1: no acknowledgement). */
    private static VsiScale.Batch batch(int size, int answered) {
        List<VsiTlv> requests = new ArrayList<>();
        List<VsiTlv> answers = new ArrayList<>();
        for (int j = 0; j < size; j++) {
            VsiTlv q = associate(64 + j);
            requests.add(q);
            answers.add(j < answered ? q.response(0, false, false) : null);
        }
        return new VsiScale.Batch(size, new VdpLink.Multi(requests, answered < 0 ? -1 : 0.4, answers, 1),
                Math.max(0, answered));
    }

    @Test
    void everyTlvOfAFrameAnsweredPassesAndAPeerThatReadsOnlyTheFirstFails() {
        List<VsiScale.Attempt> s = series(8, VsiTlv.INSUFFICIENT_RESOURCES, true);
        assertEquals(List.of(2, 4, 8), VsiScale.batches(8));
        assertEquals(List.of(2, 4), VsiScale.batches(5));
        ProbeOutcome ok = VsiScale.conclude(s, List.of(batch(2, 2), batch(4, 4), batch(8, 8)));
        assertEquals(Verdict.PASS, ok.verdict(), ok.summary());
        assertEquals("8 answered in full (the most the kit sends)", ok.values().get("tlvs-per-frame"));
        assertEquals("all answered, in 1 frame(s); 4 admitted, 4 de-associated", ok.values().get("tlvs-per-frame.4"));
        assertTrue(ok.summary().endsWith("; up to 8 VSI TLVs in one ECP frame answered"), ok.summary());

        ProbeOutcome first = VsiScale.conclude(s, List.of(batch(2, 1)));
        assertEquals(Verdict.FAIL, first.verdict());
        assertEquals("2 VSI TLVs in one ECP frame: 1 answered", first.summary());
        assertEquals("none answered in full", first.values().get("tlvs-per-frame"));
        String state = VsiScale.peerState(s, List.of(batch(2, 1)));
        assertTrue(state.startsWith("changed: 9 VSI(s)"), state);
        assertTrue(state.endsWith("; 1 Associate TLV(s) sent in a frame of several never answered: whether the peer holds "
                + "them is unknown (the shutdown LLDPDU ends VDP on the port)"), state);

        ProbeOutcome silent = VsiScale.conclude(s, List.of(batch(2, 2), batch(4, -1)));
        assertEquals(Verdict.FAIL, silent.verdict());
        assertEquals("an ECP frame with 4 VSI TLVs was not acknowledged", silent.summary());
    }

    @Test
    void theProbeAgainstThisPlatformsBridgeFindsItsLimitOfEight() throws Exception {
        port.peer = bridge;
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        ProbeReport p11 = kit.run(new QualifyRequest("up", List.of("P11"), dir.resolve("s.pcap").toString(), 1, false, 1, 1, 0),
                s -> { }).probes().get(0);
        assertEquals(Verdict.PASS, p11.verdict(), p11.summary() + " " + p11.values());
        assertEquals("8", p11.values().get("admitted"));
        assertTrue(p11.values().get("limit").startsWith("VSI 9: refused"), p11.values().toString());
        assertEquals("8 of 8", p11.values().get("de-associated"));
        assertEquals("8 answered in full (the most the kit sends)", p11.values().get("tlvs-per-frame"), p11.values().toString());
        assertEquals("all answered, in 8 frame(s); 8 admitted, 8 de-associated", p11.values().get("tlvs-per-frame.8"));
        assertTrue(p11.peerState().startsWith("changed: 22 VSI(s)"), p11.peerState());
        assertTrue(p11.peerState().endsWith("restored: de-associated at the end"), p11.peerState());
    }
}
