package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openevb.api.qualify.ProbeReport;
import org.openevb.api.qualify.QualificationReport;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;

/**
 * P6-P9 through the runner against this platform's own ECP entity and VDP bridge on a scripted
 * port ({@link SimBridge}), on the real clock: what the probes send is what the real bridge
 * answers, so their verdicts are the known answers of the stand-in.
 */
class VdpProbesTest {

    @TempDir
    Path dir;

    private final FakePort port = new FakePort(Peers.OUR_MAC);
    private final SimBridge bridge = new SimBridge(port);

    @AfterEach
    void stop() throws InterruptedException {
        bridge.close();
    }

    private Map<String, ProbeReport> run(String... probes) throws Exception {
        port.peer = bridge;
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        QualificationReport r = kit.run(new QualifyRequest("up", List.of(probes), dir.resolve("s.pcap").toString(), 1, false,
                1, 1, 0), s -> { });
        assertEquals("", port.owner(), "released");
        return r.probes().stream().collect(java.util.stream.Collectors.toMap(ProbeReport::id, p -> p));
    }

    @Test
    void ecpOfOurOwnBridgePassesEveryCheck() throws Exception {
        ProbeReport p6 = run("P6").get("P6");
        assertEquals(Verdict.PASS, p6.verdict(), p6.summary() + " " + p6.values());
        assertEquals("3", p6.values().get("r"));
        assertEquals("40.96 ms", p6.values().get("ack-timer"));
        assertEquals("acknowledged, not delivered again", p6.values().get("duplicate"));
        assertEquals("discarded, not acknowledged", p6.values().get("unknown-subtype"));
        assertEquals("discarded, not acknowledged", p6.values().get("bad-version"));
        assertTrue(p6.values().get("retries").startsWith("4 transmission(s)"), p6.values().get("retries"));
        assertEquals("", p6.peerState(), "P6 changes nothing");
    }

    @Test
    void anAnswerRetransmittedBecauseOurAcknowledgementWasLostIsNotADuplicateDelivery() throws Exception {
        // the kit's acknowledgement of the bridge's fifth answer (to the last timed request) is lost: the
        // bridge's ECP sends that answer again an ackTimer later, while P6 listens after repeating the request
        java.util.concurrent.atomic.AtomicInteger acks = new java.util.concurrent.atomic.AtomicInteger();
        port.peer = f -> {
            boolean ack = org.openevb.codec.EtherType.ECP == KitFrames.etherType(f) && (f[14] & 0x0C) == 0x04;
            return ack && acks.incrementAndGet() == 5 ? List.of() : bridge.apply(f);
        };
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        ProbeReport p6 = kit.run(new QualifyRequest("up", List.of("P6"), dir.resolve("s.pcap").toString(), 1, false, 1, 1, 0),
                s -> { }).probes().get(0);
        assertEquals("acknowledged, not delivered again", p6.values().get("duplicate"), p6.values().toString());
        assertTrue(p6.evidence().stream().anyMatch(e -> e.summary().contains("the peer's earlier answer again")),
                "the retransmission is shown");
    }

    @Test
    void theCommandMatrixIsAnsweredAndTheVsiIsDeassociatedAtTheEnd() throws Exception {
        ProbeReport p7 = run("P7").get("P7");
        assertEquals(Verdict.PASS, p7.verdict(), p7.summary() + " " + p7.values());
        assertTrue(p7.values().get("pre-associate.answer").startsWith("Pre-Associate code 0 keep 0 hard 0, filter 02:0e:b0:00:07:01/10"),
                p7.values().toString());
        assertTrue(p7.values().get("re-associate-changed-filter.answer").contains("02:0e:b0:00:07:01/10 02:0e:b0:00:07:02/10"),
                p7.values().toString());
        assertTrue(p7.values().get("de-associate").startsWith("success"), p7.values().toString());
        assertTrue(p7.peerState().contains("restored: de-associated at the end"), p7.peerState());
    }

    @Test
    void anEarlierAnswerRetransmittedWhileARequestWaitsIsNotTakenForItsAnswer() throws Exception {
        // the kit's acknowledgement of the Associate's answer is lost, and the first transmission of the
        // re-associate with a second MAC too: the bridge sends the Associate's answer again an ackTimer
        // later, while the kit still waits for the re-associate's answer (as a stalled bridge did once)
        java.util.concurrent.atomic.AtomicInteger acks = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        port.peer = f -> {
            boolean ecp = org.openevb.codec.EtherType.ECP == KitFrames.etherType(f);
            boolean ack = ecp && (f[14] & 0x0C) == 0x04;
            boolean request = ecp && (f[14] & 0x0C) == 0x00;
            if (ack && acks.incrementAndGet() == 3 || request && requests.incrementAndGet() == 4) {
                return List.of();
            }
            return bridge.apply(f);
        };
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        ProbeReport p7 = kit.run(new QualifyRequest("up", List.of("P7"), dir.resolve("s.pcap").toString(), 1, false, 1, 1, 0),
                s -> { }).probes().get(0);
        assertEquals(Verdict.PASS, p7.verdict(), p7.summary() + " " + p7.values());
        assertTrue(p7.values().get("re-associate-changed-filter.answer").contains("02:0e:b0:00:07:01/10 02:0e:b0:00:07:02/10"),
                p7.values().toString());
        assertTrue(p7.evidence().stream().anyMatch(e -> e.summary().contains("the peer's previous answer again")),
                "the retransmission is shown");
    }

    @Test
    void formatsAcceptedAndRefusedAndVidZeroReplaced() throws Exception {
        ProbeReport p8 = run("P8").get("P8");
        assertEquals(Verdict.PASS, p8.verdict(), p8.summary() + " " + p8.values());
        assertEquals("replaced by 10", p8.values().get("vid-0-result"));
        assertEquals("vsiid-ipv4, vsiid-ipv6, vsiid-mac, vsiid-local, vsiid-uuid, filter-vid", p8.values().get("accepted"));
        // no group IDs negotiated (the kit does not advertise SGID): group formats are an invalid format here
        assertEquals("refused: invalid format (1), hard", p8.values().get("filter-groupid-vid"));
        assertTrue(p8.peerState().contains("restored: each de-associated at once"), p8.peerState());
    }

    @Test
    void theKeepAliveTimeoutIsMeasuredThroughTheMacTheVsiHeld() throws Exception {
        ProbeReport p9 = run("P9").get("P9");
        assertEquals(Verdict.PASS, p9.verdict(), p9.summary() + " " + p9.values());
        assertTrue(p9.values().get("expected").startsWith("675.84 ms"), p9.values().get("expected"));
        assertTrue(p9.values().get("de-associated").contains("its MAC admitted for another VSI"), p9.values().toString());
        assertTrue(p9.peerState().startsWith("changed: VSI A associated and VSI B"), p9.peerState());
    }

    @Test
    void aPeerWithTheEvbTlvButNoEcpIsNotSupported() throws Exception {
        bridge.ecpRuns = false;
        Map<String, ProbeReport> r = run("P6", "P7");
        assertEquals(Verdict.NOT_SUPPORTED, r.get("P6").verdict(), r.get("P6").summary());
        assertEquals(Verdict.NOT_SUPPORTED, r.get("P7").verdict(), r.get("P7").summary());
        assertEquals("no acknowledgement and no answer: the peer runs no ECP/VDP on this port", r.get("P7").summary());
    }
}
