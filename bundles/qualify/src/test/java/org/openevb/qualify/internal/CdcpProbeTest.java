package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openevb.api.qualify.ProbeReport;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.Lldpdu;

/** P5 through the runner against simulated CDCP bridges, and its rules against bridges that do it wrong. */
class CdcpProbeTest {

    @TempDir
    Path dir;

    /**
     * A CDCP bridge answering each station TLV at once: S-VIDs from {@code pool} in order, kept per
     * SCID while the station lists it, at most {@code capacity} channels with the default one;
     * {@code moving} gives every SCID a new S-VID on each change.
     */
    static Function<byte[], List<byte[]>> bridge(int capacity, int pool, boolean moving) {
        Map<Integer, Integer> allocation = new TreeMap<>();
        int[] next = {pool};
        return f -> {
            if (KitFrames.etherType(f) != EtherType.LLDP || MacAddress.read(f, 0) != CdcpProbe.NEAREST_NON_TPMR_BRIDGE) {
                return List.of();
            }
            CdcpTlv st;
            try {
                st = Lldpdu.decode(f, 14, f.length - 14).cdcp().orElse(null);
            } catch (Exception e) {
                return List.of();
            }
            if (st == null) {
                return List.of();
            }
            List<Integer> asked = st.pairs().stream().map(ChannelPair::scid).filter(s -> s != 1).toList();
            boolean changed = allocation.keySet().retainAll(asked);
            for (int scid : asked) {
                if (!allocation.containsKey(scid) && allocation.size() + 1 < capacity) {
                    allocation.put(scid, next[0]++);
                    changed = true;
                }
            }
            if (moving && changed) {
                allocation.replaceAll((scid, svid) -> next[0]++);
            }
            List<ChannelPair> pairs = new ArrayList<>(List.of(new ChannelPair(1, 1)));
            allocation.forEach((scid, svid) -> pairs.add(new ChannelPair(scid, svid)));
            CdcpTlv answer = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, capacity, pairs);
            return List.of(KitFrames.lldpdu(CdcpProbe.NEAREST_NON_TPMR_BRIDGE, Peers.PEER_MAC, "swp7", 120,
                    List.of(answer.toTlv())));
        };
    }

    private ProbeReport run(Function<byte[], List<byte[]>> peer) throws Exception {
        return run(peer, false);
    }

    private ProbeReport run(Function<byte[], List<byte[]>> peer, boolean allowFlood) throws Exception {
        FakePort port = new FakePort(Peers.OUR_MAC);
        port.peer = peer;
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(port));
        return kit.run(new QualifyRequest("up", List.of("P5"), dir.resolve("s.pcap").toString(), 1, allowFlood), s -> { })
                .probes().get(0);
    }

    /** {@code control} for LLDP, and {@code data} for the S-tagged frames. */
    static Function<byte[], List<byte[]>> withData(Function<byte[], List<byte[]>> control, Function<byte[], List<byte[]>> data) {
        return f -> KitFrames.etherType(f) == EtherType.S_TAG ? data.apply(f) : control.apply(f);
    }

    @Test
    void isolationIsMeasuredOnlyWithFloodingAllowedAndALeakFails() throws Exception {
        ProbeReport quiet = run(bridge(8, 100, false), true);
        assertEquals(Verdict.PASS, quiet.verdict(), quiet.summary());
        assertEquals("nothing came back on any channel (frames sent on S-VIDs [100, 101])", quiet.values().get("isolation"));
        assertEquals("not measured: the frames would be flooded (--allow-flood)",
                run(bridge(8, 100, false)).values().get("isolation"));
        // the bridge forwards SCID 2's frame to SCID 3's channel: shown, not failed
        ProbeReport crossing = run(withData(bridge(8, 100, false), f -> {
            byte[] copy = f.clone();
            copy[15] = (byte) (f[15] == 100 ? 101 : 100);
            return List.of(copy);
        }), true);
        assertEquals(Verdict.PASS, crossing.verdict(), crossing.summary());
        assertTrue(crossing.values().get("isolation").contains(
                "SCID 2's frame (S-VID 100) forwarded to the channel on S-VID 101 (their bridge ports share a VLAN)"),
                crossing.values().get("isolation"));
        // a bridge that strips the S-tag and sends the frame back: it left the S-channels
        ProbeReport leak = run(withData(bridge(8, 100, false), f -> {
            byte[] copy = new byte[f.length - 4];
            System.arraycopy(f, 0, copy, 0, 12);
            System.arraycopy(f, 16, copy, 12, f.length - 16);
            return List.of(copy);
        }), true);
        assertEquals(Verdict.FAIL, leak.verdict());
        assertTrue(leak.summary().contains("isolation: SCID 2's frame (S-VID 100) came back untagged, off the S-channels"),
                leak.summary());
    }

    @Test
    void aBridgeThatAssignsKeepsAndReleasesPasses() throws Exception {
        ProbeReport p5 = run(bridge(8, 100, false));
        assertEquals(Verdict.PASS, p5.verdict(), p5.summary() + " " + p5.values());
        assertEquals("8", p5.values().get("capacity"));
        assertEquals("1:1 2:100 3:101", p5.values().get("create-two.assigned"));
        assertEquals("1:1 2:100 3:101 4:102", p5.values().get("add-one.assigned"));
        assertEquals("1:1 2:100 4:102", p5.values().get("remove-one.assigned"));
        assertEquals("1:1 2:100 4:102 5:103 6:104 7:105 8:106 9:107", p5.values().get("fill.assigned"));
        assertEquals("7 besides the default channel, of 7 asked (capacity 8)", p5.values().get("channels-per-port"));
        assertEquals("every SCID asked was assigned", p5.values().get("at-the-limit"));
        assertEquals("1:1", p5.values().get("release.assigned"));
        assertTrue(p5.peerState().contains("restored: the bridge listed the default channel only at the end"), p5.peerState());
    }

    @Test
    void aBridgeAtItsCapacityAssignsWhatFitsAndStillPasses() throws Exception {
        ProbeReport p5 = run(bridge(3, 100, false));
        assertEquals(Verdict.PASS, p5.verdict(), p5.summary() + " " + p5.values());
        assertEquals("1:1 2:100 3:101", p5.values().get("add-one.assigned"), "SCID 4 does not fit");
        assertEquals("2 besides the default channel, of 7 asked (capacity 3)", p5.values().get("channels-per-port"));
        assertEquals("SCIDs [5, 6, 7, 8, 9] left out of the bridge's TLV", p5.values().get("at-the-limit"));
        assertTrue(p5.summary().contains("; 2 besides the default channel, of 7 asked (capacity 3);"), p5.summary());
    }

    @Test
    void aBridgeThatMovesChannelsFailsAndNoCdcpIsNotSupported() throws Exception {
        ProbeReport moving = run(bridge(8, 100, true));
        assertEquals(Verdict.FAIL, moving.verdict());
        assertTrue(moving.summary().contains("SCID 2 moved from S-VID"), moving.summary());
        ProbeReport none = run(f -> List.of());
        assertEquals(Verdict.NOT_SUPPORTED, none.verdict());
        assertEquals("no CDCP TLV from the peer: no S-channels", none.summary());
        assertEquals("", none.peerState());
    }

    @Test
    void duplicateOrDefaultSvidsAndChannelsKeptAfterRemovalFail() {
        CdcpChecks.Step two = CdcpChecks.STEPS.get(0);
        CdcpTlv dup = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 8, List.of(new ChannelPair(1, 1), new ChannelPair(2, 1),
                new ChannelPair(3, 1)));
        ProbeOutcome o = CdcpChecks.conclude(List.of(new CdcpChecks.StepResult(two, 0, List.of(new CdcpChecks.Answer(5, dup)))));
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().contains("SCID 2 given S-VID 1") && o.summary().contains("S-VID 1 given to two SCIDs"), o.summary());
        CdcpTlv kept = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 8, List.of(new ChannelPair(1, 1), new ChannelPair(2, 100)));
        ProbeOutcome stale = CdcpChecks.conclude(List.of(new CdcpChecks.StepResult(CdcpChecks.STEPS.get(4), 0,
                List.of(new CdcpChecks.Answer(5, kept)))));
        assertTrue(stale.summary().contains("release: SCID 2 still listed (S-VID 100) after the station dropped it"), stale.summary());
        assertEquals("not covered in 10000 ms", stale.values().get("release.time"));
    }

    @Test
    void aBridgeThatLeavesRoomUnusedFailsAndSaysHowItRefused() {
        CdcpChecks.Step fill = CdcpChecks.STEPS.get(3);
        assertEquals(CdcpChecks.FILL, fill.name());
        // capacity 8 (room for 7) but only three assigned, the rest listed with S-VID 0
        CdcpTlv short3 = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 8, List.of(new ChannelPair(1, 1), new ChannelPair(2, 100),
                new ChannelPair(4, 102), new ChannelPair(5, 103), new ChannelPair(6, 0), new ChannelPair(7, 0),
                new ChannelPair(8, 0), new ChannelPair(9, 0)));
        ProbeOutcome o = CdcpChecks.conclude(List.of(new CdcpChecks.StepResult(fill, 0, List.of(new CdcpChecks.Answer(5, short3)))));
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().contains("fill: SCIDs [6, 7, 8, 9] not assigned, 3 of 7 with room for 7 (capacity 8)"), o.summary());
        assertEquals("SCIDs [6, 7, 8, 9] listed with S-VID 0", o.values().get("at-the-limit"));
        // any three of them assigned at capacity 4 is the bridge's limit, whichever it chose
        CdcpTlv three = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 4, List.of(new ChannelPair(1, 1), new ChannelPair(2, 100),
                new ChannelPair(7, 101), new ChannelPair(9, 102)));
        CdcpTlv before = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 4, List.of(new ChannelPair(1, 1), new ChannelPair(2, 100),
                new ChannelPair(4, 102)));
        ProbeOutcome full = CdcpChecks.conclude(List.of(
                new CdcpChecks.StepResult(CdcpChecks.STEPS.get(2), 0, List.of(new CdcpChecks.Answer(5, before))),
                new CdcpChecks.StepResult(fill, 10, List.of(new CdcpChecks.Answer(15, three)))));
        assertEquals(Verdict.FAIL, full.verdict(), "SCID 4 was dropped although the station kept asking for it");
        assertTrue(full.summary().contains("fill: SCID 4 lost its S-VID 102 while the station still asked for it"),
                full.summary());
        CdcpTlv kept = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 4, List.of(new ChannelPair(1, 1), new ChannelPair(2, 100),
                new ChannelPair(4, 102), new ChannelPair(9, 101)));
        ProbeOutcome limit = CdcpChecks.conclude(List.of(new CdcpChecks.StepResult(fill, 0, List.of(new CdcpChecks.Answer(5, kept)))));
        assertEquals(Verdict.PASS, limit.verdict(), limit.summary());
        assertEquals("3 besides the default channel, of 7 asked (capacity 4)", limit.values().get("channels-per-port"));
        assertEquals("SCIDs [5, 6, 7, 8] left out of the bridge's TLV", limit.values().get("at-the-limit"));
    }
}
