package org.openevb.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.bridge.internal.BridgeHarness.frame;
import static org.openevb.bridge.internal.BridgeHarness.props;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.bridge.FdbEntry;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
import org.openevb.codec.Frame;
import org.openevb.codec.MacAddress;
import org.openevb.port.internal.PortComponent;
import org.openevb.port.internal.PortConfigs;
import org.openevb.port.virtual.VirtualPort;

/** The 802.1Q bridge: learning, flooding, VLANs, reflective relay, FDB bounds, configuration. */
class BridgeTest {

    static final String A = "02:00:00:00:00:0a";
    static final String B = "02:00:00:00:00:0b";
    static final String BCAST = "ff:ff:ff:ff:ff:ff";

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

    @Test
    void learnsAndForwardsUnicastOnlyToTheLearnedPort() {
        var br = h.bridge(props("name", "br0", "ports", "p1, p2, p3"));
        assertEquals(BridgeStatus.FORWARDING, br.status(), br.reason());
        byte[] fromA = frame(B, A, "0800");
        h.inject("p1", fromA);
        assertEquals(1, h.sent("p2").size(), "unknown destination floods");
        assertEquals(1, h.sent("p3").size());
        assertEquals(0, h.sent("p1").size(), "never back out the ingress port");
        byte[] fromB = frame(A, B, "0800");
        h.inject("p2", fromB);
        List<byte[]> toA = h.sent("p1");
        assertEquals(1, toA.size());
        assertArrayEquals(fromB, toA.get(0));
        assertEquals(0, h.sent("p3").size(), "known destination: one port only");
        List<FdbEntry> fdb = br.fdb();
        assertEquals(2, fdb.size());
        assertEquals(new FdbEntry(1, A, "p1", false, 0), fdb.get(0));
    }

    @Test
    void aPortWithoutCarrierGetsNothingAndLosesWhatWasLearnedOnIt() throws Exception {
        h.bridges.activate(); // the aging thread, which also watches for ports going down
        var br = h.bridge(props("name", "br0", "ports", "p1, p2, p3"));
        h.inject("p1", frame(BCAST, A, "0806"));
        h.inject("p2", frame(BCAST, B, "0806"));
        h.sent("p1");
        h.sent("p2");
        h.sent("p3");
        assertEquals(2, br.fdb().size());

        Port p1 = h.portRegistry.port("p1").orElseThrow();
        long sentBefore = p1.counters().txFrames();
        h.memory.setCarrier("p1", false);
        BridgeHarness.await("A's entry flushed with p1's carrier",
                () -> br.fdb().stream().noneMatch(e -> e.port().equals("p1")));
        assertEquals(1, br.fdb().size(), "B's entry on p2 stays");
        h.inject("p2", frame(A, B, "0800"));
        assertEquals(1, h.sent("p3").size(), "A is unknown again: flooded, to the ports that are UP");
        assertEquals(sentBefore, p1.counters().txFrames(), "nothing for the port without carrier");
        assertEquals(0, p1.counters().drops(org.openevb.api.port.DropReason.TX_PORT_DOWN), "not even tried");

        h.memory.setCarrier("p1", true);
        BridgeHarness.await("p1 UP again", () -> p1.state() == PortState.UP);
        h.inject("p2", frame(A, B, "0800"));
        assertEquals(1, h.sent("p1").size(), "flooded to p1 again");
        h.inject("p1", frame(B, A, "0800"));
        assertEquals(1, h.sent("p2").size(), "learned again on p1, B known on p2");
        assertEquals(1, h.sent("p3").size(), "the one flood while A was unknown, nothing since");
    }

    @Test
    void reflectiveRelaySendsBackOutTheIngressPortOnlyWhereOn() {
        var br = h.bridge(props("name", "br0", "ports", "p1, p2", "port.p1.reflective.relay", "true"));
        h.inject("p1", frame(BCAST, A, "0806"));
        h.inject("p1", frame(BCAST, B, "0806"));
        assertEquals(2, h.sent("p1").size(), "floods include the ingress port with reflective relay");
        h.sent("p2");
        byte[] aToB = frame(B, A, "0800");
        h.inject("p1", aToB);
        List<byte[]> back = h.sent("p1");
        assertEquals(1, back.size(), "hairpin: both MACs behind p1");
        assertArrayEquals(aToB, back.get(0));
        assertEquals(0, h.sent("p2").size());
        // without reflective relay the same frame is dropped
        h.inject("p2", frame(BCAST, "02:00:00:00:00:0c", "0806"));
        h.inject("p2", frame(BCAST, "02:00:00:00:00:0d", "0806"));
        h.sent("p1");
        h.sent("p2");
        h.inject("p2", frame("02:00:00:00:00:0d", "02:00:00:00:00:0c", "0800"));
        assertEquals(0, h.sent("p2").size());
        assertEquals(1, br.drops().get(BridgeDropReason.NO_EGRESS));
        assertEquals(true, br.ports().get(0).reflectiveRelay());
        assertEquals("admin", br.ports().get(0).reflectiveRelaySource());
    }

    @Test
    void isolatedPortsReachTheOthersButNotEachOtherNorThemselves() {
        var br = h.bridge(props("name", "br0", "ports", "p1, p2, p3", "port.p1.isolated", "true",
                "port.p2.isolated", "yes", "port.p1.reflective.relay", "true"));
        assertEquals(BridgeStatus.FORWARDING, br.status(), br.reason());
        // a broadcast from isolated p1: only p3 (not isolated); no reflection despite reflective relay
        h.inject("p1", frame(BCAST, A, "0806"));
        assertEquals(List.of(0, 0, 1), List.of(h.sent("p1").size(), h.sent("p2").size(), h.sent("p3").size()));
        h.inject("p2", frame(BCAST, B, "0806"));
        assertEquals(List.of(0, 0, 1), List.of(h.sent("p1").size(), h.sent("p2").size(), h.sent("p3").size()));
        // A (p1) to B (p2), both isolated: dropped and counted as such
        h.inject("p1", frame(B, A, "0800"));
        assertEquals(0, h.sent("p2").size() + h.sent("p1").size() + h.sent("p3").size());
        assertEquals(1, br.drops().get(BridgeDropReason.ISOLATED));
        // the promiscuous p3 reaches both
        h.inject("p3", frame(A, "02:00:00:00:00:0c", "0800"));
        h.inject("p3", frame(B, "02:00:00:00:00:0c", "0800"));
        assertEquals(List.of(1, 1), List.of(h.sent("p1").size(), h.sent("p2").size()));
        assertEquals(List.of("port.p1.isolated: 'maybe' is not true or false"),
                BridgeSettings.from(BridgeHarness.config(props("name", "b", "ports", "p1", "port.p1.isolated", "maybe")),
                        props("name", "b", "ports", "p1", "port.p1.isolated", "maybe")).errors());
    }

    @Test
    void accessAndTrunkPortsTagAndUntag() {
        h.bridge(props("name", "br0", "ports", "p1, p2, p3",
                "port.p1.pvid", "10",
                "port.p2.vlans", "10,20",
                "port.p3.pvid", "20"));
        // untagged on access p1 (VLAN 10): tagged 10 on trunk p2, nothing on p3 (VLAN 20)
        byte[] untagged = frame(BCAST, A, "0800" + "45");
        h.inject("p1", untagged);
        List<byte[]> onTrunk = h.sent("p2");
        assertEquals(1, onTrunk.size());
        assertEquals("8100000a0800", HEX(onTrunk.get(0), 12, 6));
        assertEquals(0, h.sent("p3").size());
        // tagged 20 on the trunk: untagged on p3 only
        h.inject("p2", frame(BCAST, B, "8100201408004500"));
        List<byte[]> onP3 = h.sent("p3");
        assertEquals(1, onP3.size());
        assertEquals("0800", HEX(onP3.get(0), 12, 2));
        assertEquals(0, h.sent("p1").size());
        // VLAN 30 is nowhere: dropped at ingress
        var br = h.bridges.bridge("br0").orElseThrow();
        h.inject("p2", frame(BCAST, B, "8100001e0800"));
        assertEquals(1, br.drops().get(BridgeDropReason.VLAN_INGRESS));
        // priority-tagged on the trunk: VLAN 1 is not on p2 (PVID 1 is a member, untagged), so
        // the frame belongs to VLAN 1 and reaches no other port
        h.inject("p2", frame(BCAST, B, "8100a0000800"));
        assertEquals(0, h.sent("p1").size() + h.sent("p3").size());
    }

    @Test
    void priorityTaggedFramesTakeThePvidAndKeepTheirPriority() {
        h.bridge(props("name", "br0", "ports", "p1, p2", "port.p1.pvid", "10", "port.p2.vlans", "10",
                "port.p2.untagged", ""));
        h.inject("p1", frame(BCAST, A, "8100a0000800"));
        List<byte[]> out = h.sent("p2");
        assertEquals(1, out.size());
        assertEquals("8100a00a0800", HEX(out.get(0), 12, 6), "PCP 5 kept, VID 10 from the PVID");
    }

    @Test
    void aFullFdbStopsLearningButKeepsForwarding() {
        var br = h.bridge(props("name", "br0", "ports", "p1, p2", "fdb.max.entries", 16));
        for (int i = 0; i < 100; i++) {
            h.inject("p1", frame(B, String.format("02:00:00:00:01:%02x", i), "0800"));
        }
        assertEquals(100, h.sent("p2").size(), "every frame still forwarded");
        assertEquals(16, br.fdbStats().entries());
        assertEquals(84, br.fdbStats().refusedFull());
    }

    @Test
    void staticEntriesAndFlush() {
        var br = h.bridge(props("name", "br0", "ports", "p1, p2, p3", "static.fdb", B + " p3"));
        h.inject("p1", frame(B, A, "0800"));
        assertEquals(1, h.sent("p3").size(), "static entry");
        assertEquals(0, h.sent("p2").size());
        h.inject("p2", frame(A, B, "0800"));
        assertEquals(2, br.fdb().size(), "B is static on p3 and does not move to p2");
        assertEquals("p3", br.fdb().stream().filter(e -> e.mac().equals(B)).findFirst().orElseThrow().port());
        assertEquals(1, br.flushFdb(-1, "p1"));
        assertEquals(0, br.flushFdb(-1, null), "static entries are not flushed");
        assertEquals(1, br.fdb().size());
    }

    @Test
    void reflectiveRelayNegotiatedByTheEvbTlvIsHandedToTheBridgePort() {
        var br = h.bridge(props("name", "br0", "ports", "p1, p2"));
        h.inject("p1", frame(BCAST, A, "0806"));
        h.inject("p1", frame(BCAST, B, "0806"));
        h.sent("p2");
        assertEquals("default", br.ports().get(0).reflectiveRelaySource());
        h.inject("p1", frame(B, A, "0800"));
        assertEquals(0, h.sent("p1").size(), "A and B behind p1: not reflected while nothing is negotiated");

        h.bridges.setNegotiatedReflectiveRelay("p1", true);
        assertEquals(true, br.ports().get(0).reflectiveRelay());
        assertEquals("negotiated", br.ports().get(0).reflectiveRelaySource());
        h.inject("p1", frame(B, A, "0800"));
        assertEquals(1, h.sent("p1").size(), "reflected back out of p1 (hairpin)");

        h.bridges.setNegotiatedReflectiveRelay("p1", null);
        assertEquals(false, br.ports().get(0).reflectiveRelay());
        assertEquals("default", br.ports().get(0).reflectiveRelaySource(), "the peer is gone");
        h.inject("p1", frame(B, A, "0800"));
        assertEquals(0, h.sent("p1").size());
    }

    @Test
    void framesWithATruncatedTagOfAnyKindAreDroppedAsMalformed() {
        var br = h.bridge(props("name", "br0", "ports", "p1, p2"));
        String macs = B.replace(":", "") + A.replace(":", "");
        // each cut one byte before its tag's end: C-tag, S-tag, legacy Q-in-Q, VN-Tag, E-Tag
        for (String tag : new String[] {"8100000a", "88a8000a", "9100000a", "89268000000a", "893f0000000a0000"}) {
            h.inject("p1", BridgeHarness.HEX.parseHex(macs + tag.substring(0, tag.length() - 2)));
        }
        assertEquals(0, h.sent("p2").size(), "none is switched as an untagged frame");
        assertEquals(5, br.drops().get(BridgeDropReason.MALFORMED));
        h.inject("p1", BridgeHarness.HEX.parseHex(macs + "88a8000a0800"));
        assertEquals(1, h.sent("p2").size(), "a whole S-tag is fine");
    }

    @Test
    void onlyTheOuterTagDecidesWhatIsBelowItPassesUnread() {
        var br = h.bridge(props("name", "br0", "ports", "p1, p2"));
        String macs = B.replace(":", "") + A.replace(":", "");
        // a whole S-tag over an E-Tag cut short, and a tag stack deeper than a parser records
        h.inject("p1", BridgeHarness.HEX.parseHex(macs + "88a8000a" + "893f0000000a"));
        h.inject("p1", BridgeHarness.HEX.parseHex(macs + "88a8000a".repeat(12) + "0800"));
        assertEquals(2, h.sent("p2").size(), "classified by the outer tag alone (an S-tag: the PVID), as before");
        assertEquals(0, br.drops().get(BridgeDropReason.MALFORMED));
    }

    @Test
    void badConfigurationIsAnErrorWithTheKeys() {
        var br = h.bridge(props("name", "br1", "ports", "p1, p1", "port.p1.pvid", "5000", "uplink", "x",
                "port.p1.vlans", "1-9999"));
        assertEquals(BridgeStatus.ERROR, br.status());
        assertTrue(br.reason().contains("ports: 'p1' is listed twice"), br.reason());
        assertTrue(br.reason().contains("port.p1.pvid: '5000' is not a whole number in 1..4094"), br.reason());
        assertTrue(br.reason().contains("uplink: 'x' is not one of the ports"), br.reason());
        assertTrue(br.reason().contains("port.p1.vlans: '1-9999' is not in 1..4094"), br.reason());
    }

    @Test
    void aPortInTwoBridgesIsAnError() {
        h.bridge(props("name", "br0", "ports", "p1, p2"));
        var second = h.bridge(props("name", "br1", "ports", "p2, p3"));
        assertEquals(BridgeStatus.ERROR, second.status());
        assertEquals("ports: 'p2' already belongs to bridge 'br0'", second.reason());
    }

    @Test
    void fdbAgesOut() {
        Fdb fdb = new Fdb(64);
        fdb.learn(1, 0x0a, 0, 0, Long.MAX_VALUE, true);
        fdb.putStatic(1, 0x0b, 1);
        assertEquals(0, fdb.lookup(1, 0x0a, 500, 1000));
        assertEquals(-1, fdb.lookup(1, 0x0a, 2000, 1000), "expired entries are unknown at once");
        assertEquals(1, fdb.age(2000, 1000));
        assertEquals(1, fdb.lookup(1, 0x0b, Long.MAX_VALUE, 1000), "static entries never age");
        assertEquals(1, fdb.size());
    }

    @Test
    void fdbTellsOfMovesAndRemovalsAndTouchRefreshesOnlyWhereTheEntryIs() {
        Fdb fdb = new Fdb(64);
        List<String> told = new java.util.ArrayList<>();
        fdb.forgetting((vid, mac) -> told.add(vid + "/" + mac));
        fdb.learn(1, 0x0a, 0, 0, 1000, true);
        assertEquals(List.of(), told, "a new address is nobody's business");
        fdb.learn(1, 0x0a, 2, 100, 1000, true);
        assertEquals(List.of("1/10"), told, "a move is");
        fdb.touch(1, 0x0a, 2, 900);
        assertEquals(2, fdb.lookup(1, 0x0a, 1800, 1000), "touched at 900: still fresh at 1800");
        fdb.touch(1, 0x0a, 0, 5000);
        assertEquals(-1, fdb.lookup(1, 0x0a, 5000, 1000), "a touch for another port refreshes nothing");
        assertEquals(1, fdb.age(5000, 1000));
        assertEquals(List.of("1/10", "1/10"), told, "and a removal is");
    }

    @Test
    void fdbLearnTellsWhereTheSourceWasBefore() {
        Fdb fdb = new Fdb(64);
        assertEquals(-1, fdb.learn(1, 0x0a, 0, 100, 1000, true), "new");
        assertEquals(0, fdb.learn(1, 0x0a, 0, 200, 1000, true), "seen again where it was");
        assertEquals(0, fdb.learn(1, 0x0a, 2, 300, 1000, true), "moved: where it was");
        assertEquals(2, fdb.lookup(1, 0x0a, 300, 1000));
        assertEquals(2, fdb.learn(1, 0x0a, 3, 400, 1000, false), "may not move: stays");
        assertEquals(2, fdb.lookup(1, 0x0a, 400, 1000));
        assertEquals(-1, fdb.learn(1, 0x0a, 2, 5000, 1000, true), "aged: unknown before, refreshed");
        assertEquals(2, fdb.lookup(1, 0x0a, 5500, 1000));
        fdb.putStatic(1, 0x0b, 1);
        assertEquals(1, fdb.learn(1, 0x0b, 3, Long.MAX_VALUE, 1000, true), "static: never moves, never ages");
        assertEquals(1, fdb.lookup(1, 0x0b, 0, 1000));
        Fdb full = new Fdb(1);
        full.learn(1, 0x0a, 0, 0, 1000, true);
        assertEquals(-1, full.learn(1, 0x0c, 0, 0, 1000, true), "full: refused");
        assertEquals(1, full.size());
    }

    @Test
    void fdbRemovalKeepsProbeChainsIntact() {
        Fdb fdb = new Fdb(1024);
        for (int i = 0; i < 1000; i++) {
            fdb.learn(i % 7, i, i % 5, 0, Long.MAX_VALUE, true);
        }
        assertEquals(200, fdb.flush(-1, 3));
        for (int i = 0; i < 1000; i++) {
            assertEquals(i % 5 == 3 ? -1 : i % 5, fdb.lookup(i % 7, i, 0, 1), "mac " + i);
        }
    }

    /** A port another component publishes under a name already taken. */
    private static final class Impostor extends VirtualPort {
        Impostor(String name, Port carrier) {
            super(name, "s-channel", "a test", carrier, 4);
            operational(true, "");
        }

        @Override
        protected boolean transmit(Frame frame) {
            return true;
        }
    }

    @Test
    void theBridgeTakesOnlyThePortsThatHoldTheirNamesAndLetsARenamedPortGo() throws Exception {
        h.bridge(props("name", "br0", "ports", "p1, p2"));
        Port p1 = h.portRegistry.port("p1").orElseThrow();
        PortComponent p2 = (PortComponent) h.portRegistry.port("p2").orElseThrow();
        Impostor impostor = new Impostor("p1", p2);
        h.portRegistry.addPublished(impostor);
        assertEquals(PortState.ERROR, impostor.state());
        assertEquals("", impostor.owner(), "a collision loser never reaches the bridge");
        assertEquals("bridge 'br0'", p1.owner());

        p2.modified(PortConfigs.of(Map.of("name", "p9", "interface$", "p2", "driver", "memory")), Map.of());
        assertEquals("", p2.owner(), "renamed out of the bridge: released");
        p2.modified(PortConfigs.of(Map.of("interface$", "p2", "driver", "memory")), Map.of());
        assertEquals("bridge 'br0'", p2.owner(), "its name again: taken again");
        h.portRegistry.removePublished(impostor);
    }

    private static String HEX(byte[] b, int off, int len) {
        return BridgeHarness.HEX.formatHex(b, off, off + len);
    }
}
