package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openevb.api.qualify.Observation;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.ProbeReport;
import org.openevb.api.qualify.QualificationReport;
import org.openevb.api.qualify.QualifyException;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.pcap.PcapReader;

/** The runner: taking the port, recording the session, running probes, and what it refuses. */
class QualifyServiceImplTest {

    @TempDir
    Path dir;

    private final FakePort port = new FakePort(Peers.OUR_MAC);

    private QualifyRequest request(int listen, String... probes) {
        return new QualifyRequest("up", List.of(probes), dir.resolve("session.pcap").toString(), listen, false);
    }

    @Test
    void aPortOwnedByAnotherComponentIsRefusedWithItsOwnersNameAndNotWaitedFor() {
        port.claim("bridge 'br0'", (p, f) -> { });
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        QualifyException e = assertThrows(QualifyException.class, () -> kit.run(request(1), s -> { }));
        assertEquals("port 'up' is owned by bridge 'br0': release it first", e.getMessage());
        assertEquals("bridge 'br0'", port.owner());
        assertEquals(List.of(), port.controlTaken);
    }

    @Test
    void aPortWhereLldpRunsIsRefusedAndNothingIsLeftHeld() {
        port.controlTaken.add(EtherType.LLDP);
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        QualifyException e = assertThrows(QualifyException.class, () -> kit.run(request(1), s -> { }));
        assertTrue(e.getMessage().contains("EtherType 0x88CC"), e.getMessage());
        assertEquals("", port.owner());
        assertEquals(List.of(EtherType.LLDP), port.controlTaken);
    }

    @Test
    void unknownProbesAndPortsAndListenTimesAreRefusedByName() {
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        assertEquals("no probe 'P42' (probes: P1, P2, P3, P4, P5, P6, P7, P8, P9, P10, P11, P12, P13)",
                assertThrows(QualifyException.class, () -> kit.run(request(1, "P42"), s -> { })).getMessage());
        assertEquals("P13 needs --snmp ADDRESS (the switch's SNMP agent)",
                assertThrows(QualifyException.class, () -> kit.run(request(1, "P13"), s -> { })).getMessage());
        QualifyRequest badAgent = new QualifyRequest("up", List.of("P13"), dir.resolve("b").toString(), 1, false, 1, 1, 0,
                "192.0.2.1:99999", "");
        assertEquals("--snmp '192.0.2.1:99999': port '99999' is not within 1..65535",
                assertThrows(QualifyException.class, () -> kit.run(badAgent, s -> { })).getMessage());
        assertEquals("no port named 'x'", assertThrows(QualifyException.class,
                () -> kit.run(new QualifyRequest("x", List.of(), dir.resolve("a").toString(), 1, false), s -> { })).getMessage());
        assertThrows(QualifyException.class, () -> kit.run(request(0), s -> { }));
    }

    @Test
    void aRunOfEveryProbeLeavesOutWhatItsOptionsDoNotAllow() throws Exception {
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        List<String> all = kit.select(List.of(), request(1)).stream().map(p -> p.info().id()).toList();
        assertEquals(List.of("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P11", "P12"), all);
        QualifyRequest withAgent = new QualifyRequest("up", List.of(), dir.resolve("c").toString(), 1, false, 1, 1, 0,
                "127.0.0.1:16161", "evb");
        assertEquals("P13", kit.select(List.of(), withAgent).get(11).info().id());
    }

    @Test
    void p1AgainstAScriptedPeerRecordsEveryFrameInThePcapInTheOrderTheEvidenceNumbersThem() throws Exception {
        // the peer answers each of our LLDPDUs to the customer-bridge address with its own
        port.peer = f -> MacAddress.read(f, 0) == MacAddress.NEAREST_CUSTOMER_BRIDGE && f[15] != 0
                && KitFrames.etherType(f) == EtherType.LLDP && !isShutdown(f)
                ? List.of(Peers.peerLldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, 120)) : List.of();
        List<String> progress = new ArrayList<>();
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        QualificationReport r = kit.run(request(2, "p1"), progress::add);

        ProbeReport p1 = r.probes().get(0);
        assertEquals(Verdict.PASS, p1.verdict(), p1.summary());
        assertEquals("1", p1.values().get("lldpdus.nearest-customer-bridge"));
        assertEquals("[1/1] P1 LLDP inventory", progress.get(0));
        assertTrue(progress.get(1).startsWith("[1/1] P1 LLDP inventory: listening for the peer's LLDPDUs"), progress.get(1));
        assertTrue(progress.get(progress.size() - 1).startsWith("[1/1] P1 LLDP inventory: pass"), progress.toString());
        // 3 LLDPDUs, the peer's answer, 3 shutdowns
        assertEquals(4, r.framesOut() + r.framesIn() - 3);
        assertEquals(1, r.framesIn());
        List<PcapReader.Record> pcap = PcapReader.readAll(Path.of(r.pcap()));
        assertEquals(7, pcap.size());
        for (Observation o : p1.evidence()) {
            if (o.frame() > 0) {
                byte[] recorded = pcap.get((int) o.frame() - 1).data();
                assertEquals(o.direction().equals("in"), MacAddress.read(recorded, 6) == Peers.PEER_MAC, o.toString());
            }
        }
        assertEquals("", port.owner(), "released after the run");
        assertEquals(List.of(), port.controlTaken);
        assertTrue(port.taps.isEmpty());
    }

    private static boolean isShutdown(byte[] f) {
        // chassis TLV (2 + 7), port TLV (2 + 1 + 2): the TTL value follows
        int ttlAt = 14 + 9 + 5 + 2;
        return f[ttlAt] == 0 && f[ttlAt + 1] == 0;
    }

    @Test
    void aProbeThatThrowsIsNotRunAndTheNextStillRunsAndAnInterruptStopsTheRest() throws Exception {
        Probe throwing = probe("P1", (s, r) -> {
            throw new IllegalStateException("bug");
        });
        Probe sending = probe("P2", (s, r) -> {
            s.send(new byte[] {1, 2, 3}, "a short frame, padded");
            return new ProbeOutcome(Verdict.PASS, "sent", Map.of("sent", "1"));
        });
        Probe interrupted = probe("P3", (s, r) -> {
            throw new InterruptedException();
        });
        Probe never = probe("P4", (s, r) -> new ProbeOutcome(Verdict.PASS, "", Map.of()));
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port), List.of(throwing, sending, interrupted, never));
        QualificationReport r = kit.run(request(1), s -> { });
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals(List.of(Verdict.NOT_RUN, Verdict.PASS, Verdict.NOT_RUN, Verdict.NOT_RUN),
                r.probes().stream().map(ProbeReport::verdict).toList());
        assertTrue(r.probes().get(0).summary().contains("bug"));
        assertEquals("the run was stopped before this probe", r.probes().get(3).summary());
        assertTrue(r.failedOrNotRun());
        Observation sent = r.probes().get(1).evidence().get(0);
        assertEquals(1, sent.frame());
        assertEquals("out", sent.direction());
        byte[] padded = new byte[60];
        padded[0] = 1;
        padded[1] = 2;
        padded[2] = 3;
        assertArrayEquals(padded, PcapReader.readAll(Path.of(r.pcap())).get(0).data());
        assertFalse(r.probes().get(1).values().isEmpty());
    }

    private QualifyRequest twoPorts(String second, String... probes) {
        return new QualifyRequest("up", List.of(probes), dir.resolve("session.pcap").toString(), 1, false, 1, 1, 0,
                QualifyRequest.DEFAULT_ECIDS, QualifyRequest.DEFAULT_TAG_FORMAT, "", "", second);
    }

    @Test
    void aSecondPortThatIsMissingTheSameOrOwnedIsRefusedAndTheFirstIsLeftAsItWas() {
        FakePort second = new FakePort(Peers.OUR_MAC + 1, "up2");
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(List.of(port, second)));
        assertEquals("no second port named 'x'",
                assertThrows(QualifyException.class, () -> kit.run(twoPorts("x"), s -> { })).getMessage());
        assertEquals("the second port must be another port than 'up'",
                assertThrows(QualifyException.class, () -> kit.run(twoPorts("up"), s -> { })).getMessage());
        second.claim("bridge 'br0'", (p, f) -> { });
        assertEquals("port 'up2' is owned by bridge 'br0': release it first",
                assertThrows(QualifyException.class, () -> kit.run(twoPorts("up2"), s -> { })).getMessage());
        assertEquals("", port.owner(), "the first port released");
        assertEquals(List.of(), port.controlTaken, "and its control protocols");
        assertEquals("bridge 'br0'", second.owner());
    }

    @Test
    void p10WithoutASecondPortIsLeftOutOfARunOfEveryProbeAndRefusedWhenNamed() throws Exception {
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        assertEquals("P10 needs --second-port PORT2 (a second cable to the same switch, where the VSI migrates to)",
                assertThrows(QualifyException.class, () -> kit.run(request(1, "P10"), s -> { })).getMessage());
        assertEquals("", port.owner(), "refused before the port is taken");
        assertTrue(kit.select(List.of(), request(1)).stream().noneMatch(p -> p.info().id().equals("P10")));
        assertTrue(kit.select(List.of(), twoPorts("up2")).stream().anyMatch(p -> p.info().id().equals("P10")));
    }

    @Test
    void withASecondPortBothAreClaimedRecordedInOnePcapAndTheEvidenceSaysWhichPortAFrameWasOn() throws Exception {
        FakePort second = new FakePort(Peers.OUR_MAC + 1, "up2");
        second.peer = f -> List.of(new byte[] {9, 9, 9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 0x08, 0x00});
        List<String> seen = new ArrayList<>();
        Probe both = probe("P10", (s, r) -> {
            assertEquals("up2", s.portName(1));
            assertEquals(Peers.OUR_MAC + 1, s.sourceMac(1));
            s.send(0, new byte[] {1, 2, 3}, "on the first");
            s.send(1, new byte[] {4, 5, 6}, "on the second");
            // the probes of one port see only its frames (our first frame); nextAny sees both
            long end = System.nanoTime() + 100_000_000L;
            Captured c;
            while ((c = s.next(end)) != null) {
                seen.add("next: " + c.port() + (c.in() ? " in" : " out"));
            }
            return new ProbeOutcome(Verdict.PASS, "", Map.of());
        });
        Probe any = probe("P11", (s, r) -> {
            s.send(1, new byte[] {7}, "again on the second");
            Captured c;
            while ((c = s.nextAny(System.nanoTime() + 100_000_000L)) != null) {
                seen.add(c.port() + (c.in() ? " in" : " out"));
            }
            return new ProbeOutcome(Verdict.PASS, "", Map.of());
        });
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(List.of(port, second)), List.of(both, any));
        QualificationReport r = kit.run(twoPorts("up2"), s -> { });
        assertEquals("up2", r.secondPort());
        assertEquals(List.of("[up] on the first", "[up2] on the second"),
                r.probes().get(0).evidence().stream().map(Observation::summary).toList());
        assertEquals(List.of("next: 0 out", "1 out", "1 in"), seen);
        assertEquals(5, PcapReader.readAll(Path.of(r.pcap())).size(), "both ports' frames, the peer's answers too");
        assertEquals(2, r.framesIn());
        assertEquals("", port.owner());
        assertEquals("", second.owner());
        assertEquals(List.of(), second.controlTaken);
    }

    interface Body {
        ProbeOutcome run(ProbeSession s, QualifyRequest r) throws InterruptedException;
    }

    private static Probe probe(String id, Body body) {
        return new Probe() {
            @Override
            public ProbeInfo info() {
                return new ProbeInfo(id, "test " + id, "", "", false);
            }

            @Override
            public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
                return body.run(session, request);
            }
        };
    }
}
