package org.openevb.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.bridge.internal.BridgeHarness.frame;
import static org.openevb.bridge.internal.BridgeHarness.props;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.bridge.FdbEntry;
import org.openevb.api.bridge.VsiCounter;
import org.openevb.api.bridge.VsiTraffic;
import org.openevb.api.vdp.AssociatedVsi;
import org.openevb.api.vdp.VsiAssociations;
import org.openevb.codec.MacAddress;

/**
 * Only associated VSIs pass: a bridge port where VDP runs in the bridge role admits frames by the
 * associations VDP tells the bridge ({@code vsi.enforcement}).
 */
class VsiEnforcementTest {

    static final String VM = "02:00:00:00:aa:01";
    static final String STRANGER = "02:00:00:00:ee:01";
    static final String B = "02:00:00:00:00:0b";
    static final String BCAST = "ff:ff:ff:ff:ff:ff";
    static final String VSIID = "uuid:6c5f4e2a-0000-4000-8000-000000000001";

    private BridgeHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new BridgeHarness();
        h.ports("p1", "p2", "p3");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private BridgeComponent bridge(String enforcement, Object... more) {
        Map<String, Object> p = props("name", "br0", "ports", "p1, p2, p3", "vsi.enforcement", enforcement);
        p.putAll(props(more));
        BridgeComponent br = h.bridge(p);
        assertEquals(BridgeStatus.FORWARDING, br.status(), br.reason());
        return br;
    }

    /** VDP runs in the bridge role on p1; {@code VM} is associated there on {@code vid}, or nothing is. */
    private void associate(Integer vid) {
        List<AssociatedVsi> vsis = vid == null ? List.of()
                : List.of(new AssociatedVsi("p1", VSIID, List.of(new AssociatedVsi.FilterMatch(MacAddress.parse(VM), vid))));
        h.bridges.associations(new VsiAssociations(Set.of("p1"), vsis));
    }

    private static String hex(byte[] b, int from, int length) {
        return HexFormat.of().formatHex(b, from, from + length);
    }

    @Test
    void enforceDropsAFrameOfNoVsiAndCountsIt() {
        var br = bridge("enforce");
        associate(1);
        h.inject("p1", frame(BCAST, STRANGER, "0800"));
        assertEquals(0, h.sent("p2").size(), "a MAC no VSI owns does not pass");
        assertEquals(0, h.sent("p3").size());
        assertEquals(1, br.drops().get(BridgeDropReason.VSI_UNASSOCIATED));
        assertEquals(0, br.unassociatedForwarded());
        assertTrue(br.fdb().stream().noneMatch(e -> e.mac().equals(STRANGER)), "and is not learned");
    }

    @Test
    void theVsisFramesPassAndAreCountedForIt() {
        var br = bridge("enforce");
        associate(1);
        h.inject("p1", frame(BCAST, VM, "0800"));
        assertEquals(1, h.sent("p2").size());
        assertEquals(1, h.sent("p3").size());
        // and back to it: frames and bytes out
        h.inject("p2", frame(VM, B, "0800"));
        assertEquals(1, h.sent("p1").size());
        List<VsiTraffic> t = br.vsiTraffic();
        assertEquals(1, t.size());
        assertEquals("p1", t.get(0).port());
        assertEquals(VSIID, t.get(0).vsiid());
        assertEquals("enforce", t.get(0).enforcement());
        assertEquals(1, t.get(0).counters().get(VsiCounter.FRAMES_IN));
        assertEquals(60, t.get(0).counters().get(VsiCounter.BYTES_IN));
        assertEquals(1, t.get(0).counters().get(VsiCounter.FRAMES_OUT));
        assertEquals(60, t.get(0).counters().get(VsiCounter.BYTES_OUT));
        assertEquals(0, br.drops().total());
    }

    @Test
    void aVsisMacOnAVidItsFilterLacksIsDroppedAndCountedForTheVsi() {
        var br = bridge("enforce", "port.p1.vlans", "20");
        associate(1);
        h.inject("p1", frame(BCAST, VM, "810000140800"));
        assertEquals(0, h.sent("p2").size() + h.sent("p3").size());
        assertEquals(1, br.drops().get(BridgeDropReason.VSI_UNASSOCIATED));
        assertEquals(1, br.vsiTraffic().get(0).drops().get(BridgeDropReason.VSI_UNASSOCIATED));
        assertEquals(0, br.vsiTraffic().get(0).counters().get(VsiCounter.FRAMES_IN));
    }

    @Test
    void countOnlyForwardsAndCounts() {
        var br = bridge("count-only");
        associate(1);
        h.inject("p1", frame(BCAST, STRANGER, "0800"));
        assertEquals(1, h.sent("p2").size(), "forwarded anyway");
        assertEquals(1, h.sent("p3").size());
        assertEquals(1, br.unassociatedForwarded());
        assertEquals(0, br.drops().get(BridgeDropReason.VSI_UNASSOCIATED));
        h.inject("p1", frame(BCAST, VM, "0800"));
        assertEquals(1, br.unassociatedForwarded(), "the VSI's frame is not counted as unassociated");
        assertEquals(1, br.vsiTraffic().get(0).counters().get(VsiCounter.FRAMES_IN));
        assertEquals("count-only", br.vsiTraffic().get(0).enforcement());
    }

    @Test
    void deassociationClosesTheDoorAgain() {
        var br = bridge("enforce");
        associate(1);
        h.inject("p1", frame(BCAST, VM, "0800"));
        assertEquals(1, h.sent("p2").size());
        associate(null); // de-associated: VDP still runs on p1
        h.inject("p1", frame(BCAST, VM, "0800"));
        assertEquals(0, h.sent("p2").size());
        assertEquals(1, br.drops().get(BridgeDropReason.VSI_UNASSOCIATED));
        assertEquals(List.of(), br.vsiTraffic());
        // associated again: counted from zero
        associate(1);
        h.inject("p1", frame(BCAST, VM, "0800"));
        assertEquals(1, h.sent("p2").size());
        assertEquals(1, br.vsiTraffic().get(0).counters().get(VsiCounter.FRAMES_IN));
    }

    @Test
    void framesTowardsAVsiCarryTheVidItWasAssignedAndItsMacsMoveToItsPort() {
        // the VSI asked for VID 0 and was given 10, which p1's configuration does not carry
        var br = bridge("enforce", "port.p2.pvid", "10", "port.p3.pvid", "10");
        h.inject("p3", frame(BCAST, VM, "0800")); // the VM was behind p3 before (a migration)
        h.sent("p1");
        h.sent("p2");
        associate(10);
        assertTrue(br.fdb().contains(new FdbEntry(10, VM, "p1", false, 0)), "learned on p1 at association: " + br.fdb());
        // untagged on p2 (VLAN 10), to the VSI: only p1, tagged with the VSI's VID
        h.inject("p2", frame(VM, B, "08004500"));
        List<byte[]> out = h.sent("p1");
        assertEquals(1, out.size());
        assertEquals("8100000a08004500", hex(out.get(0), 12, 8));
        assertEquals(0, h.sent("p3").size(), "not to where the VM was");
        // the VSI's tagged frame on its VID enters p1 and leaves p2 untagged
        h.inject("p1", frame(B, VM, "8100000a08004500"));
        List<byte[]> back = h.sent("p2");
        assertEquals(1, back.size());
        assertEquals("08004500", hex(back.get(0), 12, 4));
        var t = br.vsiTraffic().get(0);
        assertEquals(1, t.counters().get(VsiCounter.FRAMES_OUT));
        assertEquals(64, t.counters().get(VsiCounter.BYTES_OUT));
        assertEquals(1, t.counters().get(VsiCounter.FRAMES_IN));
        // untagged from the VM (PVID 1) is not its VID: dropped
        h.inject("p1", frame(B, VM, "0800"));
        assertEquals(0, h.sent("p2").size());
        assertEquals(1, br.vsiTraffic().get(0).drops().get(BridgeDropReason.VSI_UNASSOCIATED), "counters are snapshots");
    }

    @Test
    void aMigrationMovesTheVsisMacsToTheDestinationAtOnceAndClosesTheSource() {
        var br = bridge("enforce");
        AssociatedVsi.FilterMatch vm = new AssociatedVsi.FilterMatch(MacAddress.parse(VM), 1);
        // VDP runs on p1 and p2; the VM is associated at p1
        h.bridges.associations(new VsiAssociations(Set.of("p1", "p2"), List.of(new AssociatedVsi("p1", VSIID, List.of(vm)))));
        h.inject("p3", frame(VM, B, "0800"));
        assertEquals(1, h.sent("p1").size());
        assertEquals(0, h.sent("p2").size());
        // the destination associated it with the migrate-to hint: VDP tells it at p2 only
        h.bridges.associations(new VsiAssociations(Set.of("p1", "p2"), List.of(new AssociatedVsi("p2", VSIID, List.of(vm)))));
        assertTrue(br.fdb().contains(new FdbEntry(1, VM, "p2", false, 0)), "moved at association: " + br.fdb());
        h.inject("p3", frame(VM, B, "0800"));
        assertEquals(0, h.sent("p1").size(), "nothing to the old location");
        assertEquals(1, h.sent("p2").size(), "without waiting for a frame from the VM");
        // a stale frame from the VM's MAC at the source no longer passes, nor takes the MAC back
        h.inject("p1", frame(B, VM, "0800"));
        assertEquals(0, h.sent("p3").size());
        assertTrue(br.fdb().contains(new FdbEntry(1, VM, "p2", false, 0)), br.fdb().toString());
        var t = br.vsiTraffic();
        assertEquals(1, t.size());
        assertEquals("p2", t.get(0).port());
        assertEquals(1, t.get(0).counters().get(VsiCounter.FRAMES_OUT), "counted from its association at p2");
    }

    @Test
    void portsWithoutVdpAndBridgesWithEnforcementOffAreUnchanged() {
        var br = bridge("enforce");
        associate(1);
        h.inject("p2", frame(BCAST, STRANGER, "0800")); // p2 runs no VDP
        assertEquals(1, h.sent("p1").size());
        assertEquals(1, h.sent("p3").size());
        var off = new BridgeHarness();
        try {
            h.close();
            h = off;
            h.ports("p1", "p2", "p3");
            var plain = h.bridge(props("name", "br1", "ports", "p1, p2, p3"));
            associate(1);
            h.inject("p1", frame(BCAST, STRANGER, "0800"));
            assertEquals(1, h.sent("p2").size(), "off by default");
            assertEquals(0, plain.drops().total());
            assertEquals(List.of(), plain.vsiTraffic());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertEquals(0, br.drops().get(BridgeDropReason.VSI_UNASSOCIATED));
    }

    @Test
    void associationsChangingWhileFramesFlowLoseNoFrameAndMixNoTables() throws Exception {
        var br = bridge("enforce");
        associate(1);
        int frames = 3000;
        Thread flapper = new Thread(() -> {
            for (int i = 0; i < 400; i++) {
                associate(i % 2 == 0 ? null : 1);
            }
            associate(1);
        });
        flapper.start();
        for (int i = 0; i < frames; i++) {
            h.inject("p1", frame(BCAST, VM, "0800"));
        }
        flapper.join();
        // forwarded (flooded to p2 and p3) or dropped, each frame whole
        BridgeHarness.await("every frame judged", () -> br.ports().get(1).txFrames()
                + br.drops().get(BridgeDropReason.VSI_UNASSOCIATED) == frames);
        assertEquals(br.ports().get(1).txFrames(), br.ports().get(2).txFrames());
        assertTrue(br.ports().get(1).txFrames() > 0);
        assertEquals(br.drops().get(BridgeDropReason.VSI_UNASSOCIATED), br.drops().total(), "no other drop");
    }

    @Test
    void anEnforcementValueThatIsNoneOfTheThreeIsReportedWithItsKey() {
        var br = h.bridge(props("name", "br0", "ports", "p1, p2", "vsi.enforcement", "strict"));
        assertEquals(BridgeStatus.ERROR, br.status());
        assertTrue(br.reason().contains("vsi.enforcement: 'strict' is not one of off, count-only, enforce"), br.reason());
    }
}
