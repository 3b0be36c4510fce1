package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openevb.api.qualify.ProbeReport;
import org.openevb.api.qualify.QualificationReport;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.TtlTlv;

/** P4's rules against bridges that revoke well and badly, on timelines in milliseconds; and the probe against a scripted bridge. */
class RevocationTest {

    @TempDir
    Path dir;

    static EvbTlv bridge(boolean rrctr) {
        return new EvbTlv(false, true, rrctr, false, false, 0, 3, 14, EvbTlv.BRIDGE, false, 16, false, 16);
    }

    /** Frames every 50 ms in [from, to), each reflected {@code copies} times when {@code reflected} says so at its sending time. */
    static void frames(Revocation r, long from, long to, LongPredicate reflected, int copies) {
        for (long t = from; t < to; t += Revocation.STREAM_MILLIS) {
            byte[] f = r.nextFrame();
            r.sent(t);
            if (reflected.test(t)) {
                for (int i = 0; i < copies; i++) {
                    r.received(f);
                }
            }
        }
    }

    /**
     * A bridge that grants 1 s after asking, then: the withdrawal seen at 1.5 s, RRCTR cleared at
     * {@code clearAt}, hairpin off from {@code stopAt}; granted again at 5 s; our last LLDPDU at 5.5 s,
     * hairpin off from {@code ageStopAt} and RRCTR cleared at {@code ageClearAt}.
     */
    static Revocation timeline(long clearAt, long stopAt, long ageStopAt, long ageClearAt, int copies) {
        Revocation r = new Revocation(7);
        r.start(Revocation.Kind.GRANT, 0, 0);
        r.answer(20, bridge(false));
        r.answer(1000, bridge(true));
        frames(r, 1000, 1500, t -> true, copies);
        r.start(Revocation.Kind.WITHDRAW, 1500, 1500);
        r.answer(clearAt, bridge(false));
        frames(r, 1500, 4000, t -> t < stopAt, copies);
        r.start(Revocation.Kind.REGRANT, 4000, 4000);
        r.answer(5000, bridge(true));
        frames(r, 5000, 5500, t -> true, copies);
        r.start(Revocation.Kind.AGE, 5500, 5500);
        if (ageClearAt > 0) {
            r.answer(ageClearAt, bridge(false));
        }
        frames(r, 5500, 13_500, t -> t < ageStopAt, copies);
        return r;
    }

    @Test
    void aBridgeWhoseHairpinFollowsTheGrantPasses() {
        ProbeOutcome o = timeline(2500, 2500, 10_000, 10_000, 1).conclude(13_600);
        assertEquals(Verdict.PASS, o.verdict(), o.summary() + " " + o.values());
        assertEquals("RRCTR 1000 ms after asking; 10 of 10 frames sent after it reflected", o.values().get("grant"));
        assertEquals("1000 ms after the station stopped asking", o.values().get("withdraw.rrctr-cleared"));
        assertEquals("1000 ms after the station stopped asking", o.values().get("withdraw.hairpin-stopped"));
        assertEquals("4500 ms after our last LLDPDU (TTL 4 s)", o.values().get("age.hairpin-stopped"));
        assertTrue(o.values().get("withdraw.lost").startsWith("0 frame(s)"), o.values().toString());
        assertTrue(o.values().get("age.reflected-after-revocation").startsWith("0 frame(s)"), o.values().toString());
        assertTrue(o.summary().startsWith("hairpin stops with the grant: withdrawn 1000 ms after"), o.summary());
    }

    @Test
    void aBridgeWhoseTlvDoesNotDriveHairpinFails() {
        // as lldpad on a Linux bridge port with hairpin set by hand: RRCTR comes and goes, frames come back throughout
        ProbeOutcome o = timeline(2500, Long.MAX_VALUE, Long.MAX_VALUE, 0, 1).conclude(13_600);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().contains("withdraw: frames still reflected 2500 ms after the station stopped asking (RRCTR "
                + "cleared after 1000 ms)"), o.summary());
        assertTrue(o.summary().contains("age: frames still reflected"), o.summary());
        assertTrue(o.values().get("withdraw.reflected-after-revocation").startsWith("30 frame(s)"), o.values().toString());
    }

    @Test
    void hairpinStoppedLongBeforeTheTlvSaysSoLosesFramesAndFails() {
        ProbeOutcome o = timeline(3500, 1600, 10_000, 10_000, 1).conclude(13_600);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().contains("withdraw: hairpin stopped 100 ms and RRCTR cleared 2000 ms after the station stopped "
                + "asking, more than 1000 ms apart"), o.summary());
        assertTrue(o.values().get("withdraw.lost").startsWith("38 frame(s)"), o.values().toString());
    }

    @Test
    void hairpinEndedBeforeTheTtlRanOutFails() {
        Revocation r = timeline(2500, 2500, 7000, 0, 1);
        r.finish(13_500);
        r.answer(13_550, bridge(false)); // the answer to our shutdown LLDPDU: after the run, not the TTL's doing
        ProbeOutcome o = r.conclude(13_600);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().contains("age: hairpin stopped 1500 ms after our last LLDPDU (TTL 4 s), before the TTL ran out"),
                o.summary());
        assertTrue(o.values().get("age.rrctr-cleared").startsWith("not within"), o.values().toString());
    }

    @Test
    void hairpinKeptLongPastTheTtlFails() {
        ProbeOutcome o = timeline(2500, 2500, 12_000, 12_000, 1).conclude(13_600);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().contains("age: hairpin stopped only 6500 ms after our last LLDPDU"), o.summary());
    }

    /**
     * {@link #timeline} (a bridge that revokes well) and then a link flap: granted again at 14 s, our
     * link down from 14.5 s to 17.5 s; the bridge's first TLV after it at 17.6 s grants unless it
     * {@code forgets}, and it reflects the frames sent after the link returned unless it forgets;
     * asked again at 20.5 s, granted at 20.8 s when it {@code regrants}.
     */
    static Revocation flapTimeline(boolean forgets, boolean regrants) {
        Revocation r = timeline(2500, 2500, 10_000, 10_000, 1);
        r.start(Revocation.Kind.FLAP_GRANT, 13_500, 13_500);
        r.answer(14_000, bridge(true));
        frames(r, 14_000, 14_500, t -> true, 1);
        r.linkDown(14_500);
        r.start(Revocation.Kind.FLAP, 14_500, 14_500);
        r.linkUp(17_500);
        r.answer(17_600, bridge(!forgets));
        frames(r, 17_500, 20_500, t -> !forgets, 1);
        r.start(Revocation.Kind.RELINK, 20_500, 20_500);
        if (regrants) {
            r.answer(20_800, bridge(true));
        }
        frames(r, 20_800, 21_300, t -> regrants, 1);
        r.finish(21_300);
        return r;
    }

    @Test
    void aBridgeThatForgetsTheGrantWithTheLinkPasses() {
        ProbeOutcome o = flapTimeline(true, true).conclude(21_400);
        assertEquals(Verdict.PASS, o.verdict(), o.summary() + " " + o.values());
        assertEquals("down 3000 ms (from 14500 ms), then up", o.values().get("flap.link"));
        assertEquals("cleared: the peer's first EVB TLV after the link returned (100 ms) had no RRCTR",
                o.values().get("flap.rrctr-after-link-up"));
        assertEquals("none of 60 frames sent after the link returned (nothing asked) came back",
                o.values().get("flap.hairpin-after-link-up"));
        assertEquals("RRCTR 300 ms after asking again, 3300 ms after the link returned; 10 frames reflected",
                o.values().get("flap.regrant"));
        assertTrue(o.summary().endsWith("link flap: grant gone, no hairpin until asked again, granted 300 ms after asking"),
                o.summary());
    }

    @Test
    void aBridgeThatKeepsTheGrantThroughALinkFlapFails() {
        // as this platform's bridge on a veth: its port does not see the carrier go, its LLDP agent keeps our TLV
        ProbeOutcome o = flapTimeline(false, true).conclude(21_400);
        assertEquals(Verdict.FAIL, o.verdict(), o.summary());
        assertTrue(o.summary().contains("flap: the peer's first EVB TLV after the link returned still granted reflective relay"),
                o.summary());
        assertTrue(o.summary().contains("flap: hairpin resumed after the link returned without a new request (60 of 60 frames)"),
                o.summary());
        assertTrue(o.values().get("flap.hairpin-after-link-up").startsWith("resumed: 60 of 60 frames sent after the link "
                + "returned came back, the first sent 0 ms after it"), o.values().toString());
    }

    @Test
    void hairpinWithoutTheTlvAfterTheFlapCountsFramesTheVmsGetTwice() {
        Revocation r = timeline(2500, 2500, 10_000, 10_000, 1);
        r.start(Revocation.Kind.FLAP_GRANT, 13_500, 13_500);
        r.answer(14_000, bridge(true));
        frames(r, 14_000, 14_500, t -> true, 1);
        r.linkDown(14_500);
        r.start(Revocation.Kind.FLAP, 14_500, 14_500);
        r.linkUp(17_500);
        // no TLV at all after the link returned, but the hairpin is back: the station (a VEB now) delivered each itself
        frames(r, 17_500, 18_000, t -> true, 1);
        ProbeOutcome o = r.conclude(18_100);
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("no EVB TLV within 600 ms after the link returned", o.values().get("flap.rrctr-after-link-up"));
        assertTrue(o.values().get("flap.reflected-after-revocation").startsWith("10 frame(s)"), o.values().toString());
    }

    @Test
    void noGrantAfterTheFlapFailsAndAFlapThePortCannotDoIsSaid() {
        ProbeOutcome o = flapTimeline(true, false).conclude(21_400);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().contains("flap: asked again after the link returned: not granted"), o.summary());

        Revocation r = timeline(2500, 2500, 10_000, 10_000, 1);
        r.start(Revocation.Kind.FLAP_GRANT, 13_500, 13_500);
        r.answer(14_000, bridge(true));
        frames(r, 14_000, 14_500, t -> true, 1);
        r.flapNotDone("the pcap driver of port 'up' cannot set the link of its interface", true);
        ProbeOutcome cannot = r.conclude(14_600);
        assertEquals(Verdict.PASS, cannot.verdict(), cannot.summary());
        assertTrue(cannot.summary().endsWith("; link flap: not possible with this port's driver"), cannot.summary());
        assertTrue(cannot.values().get("flap.link").startsWith("not possible with this port's driver: the pcap driver"),
                cannot.values().toString());
    }

    @Test
    void aPortThatForwardsNothingPastTheWatchLeavesTheFlapUnjudged() {
        // as a Linux bridge with STP (forward delay 2 s): listening and learning for 4 s after the link returns
        Revocation r = timeline(2500, 2500, 10_000, 10_000, 1);
        r.start(Revocation.Kind.FLAP_GRANT, 13_500, 13_500);
        r.answer(14_000, bridge(true));
        frames(r, 14_000, 14_500, t -> true, 1);
        r.linkDown(14_500);
        r.start(Revocation.Kind.FLAP, 14_500, 14_500);
        r.linkUp(17_500);
        r.answer(17_900, bridge(false));
        frames(r, 17_500, 20_500, t -> false, 1);
        r.start(Revocation.Kind.RELINK, 20_500, 20_500);
        r.answer(21_000, bridge(true));
        frames(r, 21_000, 22_000, t -> t >= 21_500, 1);
        r.finish(22_000);
        ProbeOutcome o = r.conclude(22_100);
        assertEquals(Verdict.INCONCLUSIVE, o.verdict(), o.summary());
        assertTrue(o.summary().contains("link flap: not judged, the peer forwarded nothing back until frames sent 4000 ms "
                + "after the link returned, past the 3000 ms watch (10 frames sent after it granted again did not come back, "
                + "0 after the grant before the flap)"), o.summary());

        // the same with its hairpin a frame later after every grant: judged
        Revocation slow = timeline(2500, 2500, 10_000, 10_000, 1);
        slow.start(Revocation.Kind.FLAP_GRANT, 13_500, 13_500);
        slow.answer(14_000, bridge(true));
        frames(slow, 14_000, 14_500, t -> t >= 14_100, 1);
        slow.linkDown(14_500);
        slow.start(Revocation.Kind.FLAP, 14_500, 14_500);
        slow.linkUp(17_500);
        frames(slow, 17_500, 20_500, t -> false, 1);
        slow.start(Revocation.Kind.RELINK, 20_500, 20_500);
        slow.answer(21_000, bridge(true));
        frames(slow, 21_000, 22_000, t -> t >= 21_100, 1);
        assertEquals(Verdict.PASS, slow.conclude(22_100).verdict(), slow.conclude(22_100).summary());
    }

    @Test
    void framesReflectedTwiceFail() {
        ProbeOutcome o = timeline(2500, 2500, 10_000, 10_000, 2).conclude(13_600);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().contains("frame(s) reflected more than once"), o.summary());
    }

    @Test
    void aGrantWithoutReflectionFailsAndNoGrantIsNotSupported() {
        Revocation r = new Revocation(1);
        r.start(Revocation.Kind.GRANT, 0, 0);
        r.answer(1000, bridge(true));
        frames(r, 1000, 3000, t -> false, 1);
        ProbeOutcome o = r.conclude(3000);
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().startsWith("reflective relay granted (RRCTR) but not one of 40 frames"), o.summary());

        Revocation never = new Revocation(1);
        never.start(Revocation.Kind.GRANT, 0, 0);
        never.answer(1000, bridge(false));
        assertEquals(Verdict.NOT_SUPPORTED, never.conclude(10_000).verdict());
        assertTrue(never.conclude(10_000).summary().contains("RRCAP but no RRCTR"));

        Revocation silent = new Revocation(1);
        silent.start(Revocation.Kind.GRANT, 0, 0);
        assertEquals(Verdict.NOT_SUPPORTED, silent.conclude(10_000).verdict());

        Revocation station = new Revocation(1);
        station.start(Revocation.Kind.GRANT, 0, 0);
        station.answer(100, new EvbTlv(false, false, false, false, true, 0, 3, 8, EvbTlv.STATION, false, 8, false, 8));
        assertTrue(station.conclude(10_000).summary().contains("says station"), station.conclude(10_000).summary());
    }

    @Test
    void copiesAreKnownByTheirMarkerEvenTaggedAndOthersAreNot() {
        Revocation r = new Revocation(42);
        byte[] f = r.nextFrame();
        r.sent(0);
        byte[] tagged = new byte[f.length + 4];
        System.arraycopy(f, 0, tagged, 0, 12);
        tagged[12] = (byte) 0x81;
        tagged[15] = 10;
        System.arraycopy(f, 12, tagged, 16, f.length - 12);
        assertEquals(0, r.received(tagged));
        assertEquals(1, r.copiesOf(0));
        assertEquals(-1, new Revocation(43).received(f), "another run's frame");
        assertEquals(-1, r.received(r.learnFrame()), "the learning frame is not a test frame");
        assertEquals(-1, r.received(new byte[20]));
    }

    @Test
    void settledEndsEachPhaseOnItsAnswer() {
        Revocation r = new Revocation(3);
        r.start(Revocation.Kind.GRANT, 0, 0);
        r.answer(1000, bridge(true));
        frames(r, 1000, 1400, t -> true, 1);
        assertTrue(!r.settled(1400), "8 frames back: not yet");
        frames(r, 1400, 1500, t -> true, 1);
        assertTrue(r.settled(1500));
        r.start(Revocation.Kind.WITHDRAW, 1500, 1500);
        frames(r, 1500, 2000, t -> true, 1);
        assertTrue(!r.settled(2000), "RRCTR still set");
        r.answer(2000, bridge(false));
        frames(r, 2000, 3300, t -> false, 1);
        assertTrue(r.settled(3300), "cleared, and nothing back for 1.3 s");
        r.start(Revocation.Kind.AGE, 3300, 3300);
        frames(r, 3300, 5000, t -> false, 1);
        assertTrue(!r.settled(5000), "hairpin gone, but not yet near the TTL");
        assertTrue(r.settled(6300));
    }

    /**
     * A bridge whose hairpin follows the grant: RRCTR exactly while our last LLDPDU asked and its
     * TTL has not run out; test frames from A reflected while it holds.
     */
    static final class RrBridge implements java.util.function.Function<byte[], List<byte[]>> {
        volatile boolean rrreq;
        volatile long expiresNanos;

        boolean granted() {
            return rrreq && System.nanoTime() - expiresNanos < 0;
        }

        @Override
        public List<byte[]> apply(byte[] f) {
            List<byte[]> out = new ArrayList<>();
            if (KitFrames.etherType(f) == EtherType.LLDP && MacAddress.read(f, 0) == MacAddress.NEAREST_CUSTOMER_BRIDGE) {
                int ttl;
                EvbTlv station;
                try {
                    Lldpdu l = Lldpdu.decode(f, 14, f.length - 14);
                    ttl = l.ttl().map(TtlTlv::seconds).orElse(0);
                    station = l.evb().orElse(null);
                } catch (Exception e) {
                    return out;
                }
                rrreq = station != null && station.rrreq() && ttl > 0;
                expiresNanos = System.nanoTime() + ttl * 1_000_000_000L;
                if (ttl > 0) {
                    out.add(Peers.peerLldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, 120, bridge(granted()).toTlv()));
                }
            } else if (KitFrames.etherType(f) == KitMarker.ETHERTYPE && MacAddress.read(f, 6) == Revocation.MAC_A && granted()) {
                out.add(f.clone());
            }
            return out;
        }
    }

    @Test
    void theProbeAgainstABridgeWhoseHairpinFollowsTheGrant() throws Exception {
        FakePort port = new FakePort(Peers.OUR_MAC);
        RrBridge peer = new RrBridge();
        port.peer = peer;
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        long t0 = System.nanoTime();
        QualificationReport report = kit.run(new QualifyRequest("up", List.of("P4"), dir.resolve("s.pcap").toString(), 1,
                false), s -> { });
        long took = (System.nanoTime() - t0) / 1_000_000;
        ProbeReport p4 = report.probes().get(0);
        Map<String, String> v = p4.values();
        assertEquals(Verdict.PASS, p4.verdict(), p4.summary() + " " + v);
        assertTrue(v.get("withdraw.hairpin-stopped").matches("\\d{1,2} ms after the station stopped asking"), v.toString());
        long aged = Long.parseLong(v.get("age.hairpin-stopped").replaceFirst(" ms.*", ""));
        assertTrue(aged >= 3900 && aged <= 4200, "hairpin stops as our 4 s TTL runs out: " + aged);
        assertTrue(p4.peerState().contains("granted to the kit's station"), p4.peerState());
        assertTrue(took < 15_000, "bounded: " + took + " ms");
        assertTrue(!peer.granted(), "the shutdown LLDPDU ended the grant");
        assertTrue(p4.evidence().size() < 40, "the stream is in the pcap, not listed frame by frame: " + p4.evidence().size());
        // the scripted port, as a pcap port, cannot set its link: said, not passed over
        assertTrue(p4.summary().endsWith("link flap: not possible with this port's driver"), p4.summary());
        assertTrue(v.get("flap.link").startsWith("not possible with this port's driver: "), v.toString());
    }

    @Test
    void theProbeFlapsItsLinkAgainstABridgeThatForgetsTheStationWithIt() throws Exception {
        FakePort port = new FakePort(Peers.OUR_MAC);
        RrBridge peer = new RrBridge();
        port.peer = peer;
        port.linkable = true;
        List<Boolean> link = new java.util.concurrent.CopyOnWriteArrayList<>();
        port.onLink = up -> {
            link.add(up);
            if (!up) {
                peer.rrreq = false; // the carrier goes: the bridge's LLDP agent forgets the station
            }
        };
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        long t0 = System.nanoTime();
        QualificationReport report = kit.run(new QualifyRequest("up", List.of("P4"), dir.resolve("s.pcap").toString(), 1,
                false), s -> { });
        long took = (System.nanoTime() - t0) / 1_000_000;
        ProbeReport p4 = report.probes().get(0);
        Map<String, String> v = p4.values();
        assertEquals(Verdict.PASS, p4.verdict(), p4.summary() + " " + v);
        assertEquals(List.of(false, true), link, "down once, up once");
        assertTrue(port.linkUp, "the link is up at the end");
        assertTrue(v.get("flap.link").matches("down 30\\d\\d ms \\(from \\d+ ms\\), then up"), v.toString());
        assertTrue(v.get("flap.hairpin-after-link-up").matches("none of \\d+ frames sent after the link returned .*"),
                v.toString());
        assertTrue(v.get("flap.regrant").matches("RRCTR \\d{1,2} ms after asking again, .*"), v.toString());
        assertTrue(p4.summary().contains("link flap: grant gone, no hairpin until asked again"), p4.summary());
        assertTrue(took < 25_000, "bounded: " + took + " ms");
    }

    @Test
    void aLinkTheKernelWillNotBringUpIsTriedAgainAndTheFlapLeftUnjudged() throws Exception {
        FakePort port = new FakePort(Peers.OUR_MAC);
        RrBridge peer = new RrBridge();
        port.peer = peer;
        port.linkable = true;
        port.refuseUp = 3;
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        QualificationReport report = kit.run(new QualifyRequest("up", List.of("P4"), dir.resolve("s.pcap").toString(), 1,
                false), s -> { });
        ProbeReport p4 = report.probes().get(0);
        assertEquals(Verdict.INCONCLUSIVE, p4.verdict(), p4.summary());
        assertTrue(p4.summary().endsWith("link flap: could not be done (could not bring the link up again: cannot set "
                + "interface 'eth9' up: Operation not permitted)"), p4.summary());
        assertTrue(port.linkUp, "up at the end, on the fourth try");
        assertEquals(0, port.refuseUp);
        assertTrue(p4.values().get("flap.link").startsWith("could not be done: "), p4.values().toString());
    }
}
