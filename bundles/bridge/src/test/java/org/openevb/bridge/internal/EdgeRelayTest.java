package org.openevb.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** VEB and VEPA edge relays, and swapping between them while frames flow. */
class EdgeRelayTest {

    static final String VM1 = "02:00:00:00:00:01";
    static final String VM2 = "02:00:00:00:00:02";
    static final String OUTSIDE = "02:00:00:00:00:99";
    static final String BCAST = "ff:ff:ff:ff:ff:ff";

    private BridgeHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new BridgeHarness();
        h.ports("up", "vm1", "vm2");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private Map<String, Object> relay(String mode) {
        return props("name", "er0", "mode", mode, "ports", "up, vm1, vm2", "uplink", "up");
    }

    /** Both VMs announce themselves, so the relay knows their MACs. */
    private void learnVms() {
        h.inject("vm1", frame(BCAST, VM1, "0806"));
        h.inject("vm2", frame(BCAST, VM2, "0806"));
        h.sent("up");
        h.sent("vm1");
        h.sent("vm2");
    }

    @Test
    void vebSwitchesBetweenVmsLocally() {
        var er = h.bridge(relay("veb"));
        assertEquals(BridgeStatus.FORWARDING, er.status(), er.reason());
        learnVms();
        byte[] vm1ToVm2 = frame(VM2, VM1, "0800");
        h.inject("vm1", vm1ToVm2);
        assertEquals(1, h.sent("vm2").size());
        assertEquals(0, h.sent("up").size(), "VM to VM never appears on the uplink");
        h.inject("vm1", frame(OUTSIDE, VM1, "0800"));
        assertEquals(1, h.sent("up").size(), "unknown unicast goes to the uplink");
        assertEquals(1, h.sent("vm2").size(), "and to the other VSIs");
        h.inject("up", frame(BCAST, OUTSIDE, "0806"));
        assertEquals(1, h.sent("vm1").size());
        assertEquals(1, h.sent("vm2").size());
        assertEquals(0, h.sent("up").size(), "nothing from the uplink goes back up");
    }

    @Test
    void vepaSendsEverythingUpAndDeliversReflectionsOnce() {
        var er = h.bridge(relay("vepa"));
        learnVms();
        byte[] vm1ToVm2 = frame(VM2, VM1, "0800");
        h.inject("vm1", vm1ToVm2);
        List<byte[]> up = h.sent("up");
        assertEquals(1, up.size(), "VM to VM goes up");
        assertEquals(0, h.sent("vm2").size(), "never switched locally");
        // the adjacent bridge reflects it: only VM2 gets it
        h.inject("up", up.get(0));
        List<byte[]> atVm2 = h.sent("vm2");
        assertEquals(1, atVm2.size());
        assertArrayEquals(vm1ToVm2, atVm2.get(0));
        assertEquals(0, h.sent("vm1").size());
        // a broadcast from VM1 goes up, comes back, reaches VM2 exactly once and VM1 never
        byte[] bcast = frame(BCAST, VM1, "0806");
        h.inject("vm1", bcast);
        assertEquals(0, h.sent("vm2").size());
        h.inject("up", h.sent("up").get(0));
        assertEquals(1, h.sent("vm2").size());
        assertEquals(0, h.sent("vm1").size(), "a reflected frame never echoes to its sender");
        // VM1's MAC stays on its VSI port although its frames came back on the uplink
        assertTrue(er.fdb().stream().anyMatch(e -> e.port().equals("vm1")));
        // unicast from the uplink for nobody here is dropped
        h.inject("up", frame("02:00:00:00:00:77", OUTSIDE, "0800"));
        assertEquals(0, h.sent("vm1").size() + h.sent("vm2").size());
        assertEquals(1, er.drops().get(BridgeDropReason.NO_EGRESS));
    }

    @Test
    void swappingTheModeKeepsFdbAndCountersAndChangesThePath() {
        var er = h.bridge(relay("veb"));
        learnVms();
        h.inject("vm1", frame(VM2, VM1, "0800"));
        assertEquals(1, h.sent("vm2").size());
        int entries = er.fdb().size();
        long rxBefore = er.ports().get(1).rxFrames();
        er.modified(BridgeHarness.config(relay("vepa")), relay("vepa"));
        assertEquals("vepa", er.modeName());
        assertEquals(entries, er.fdb().size(), "FDB kept");
        assertEquals(rxBefore, er.ports().get(1).rxFrames(), "counters kept");
        h.inject("vm1", frame(VM2, VM1, "0800"));
        assertEquals(0, h.sent("vm2").size());
        assertEquals(1, h.sent("up").size(), "VEPA: the same frame now goes up");
        er.modified(BridgeHarness.config(relay("veb")), relay("veb"));
        h.inject("vm1", frame(VM2, VM1, "0800"));
        assertEquals(1, h.sent("vm2").size(), "VEB again: local");
        assertEquals(2, er.modeChanges(), "veb -> vepa -> veb");
    }

    @Test
    void anEmptyOrHalfWrittenFileKeepsTheLastGoodConfigurationRunningAndSaysWhichFile() {
        String file = "file:/opt/evb/etc/org.openevb.bridge-er0.cfg";
        Map<String, Object> good = relay("vepa");
        good.put("felix.fileinstall.filename", file);
        var er = h.bridge(good);
        learnVms();
        // what the file watcher applies after reading the file while it was being written
        Map<String, Object> empty = props("felix.fileinstall.filename", file, "service.pid", "org.openevb.bridge~er0");
        er.modified(BridgeHarness.config(empty), empty);
        Map<String, Object> half = props("felix.fileinstall.filename", file, "name", "er0", "mode", "veb");
        er.modified(BridgeHarness.config(half), half);
        assertEquals(BridgeStatus.FORWARDING, er.status());
        assertEquals("er0", er.name());
        assertEquals("vepa", er.modeName());
        assertEquals("file /opt/evb/etc/org.openevb.bridge-er0.cfg is invalid (ports: no port listed): "
                + "running the last good configuration", er.reason());
        h.inject("vm1", frame(VM2, VM1, "0800"));
        assertEquals(1, h.sent("up").size(), "still a VEPA, forwarding");
        // the whole file, read at the watcher's next poll
        Map<String, Object> whole = relay("veb");
        whole.put("felix.fileinstall.filename", file);
        er.modified(BridgeHarness.config(whole), whole);
        assertEquals("", er.reason());
        assertEquals("veb", er.modeName());
        h.inject("vm1", frame(VM2, VM1, "0800"));
        assertEquals(1, h.sent("vm2").size(), "the next good configuration applies");
        assertEquals(2, er.fdb().size(), "FDB kept throughout");
    }

    @Test
    void aBridgeWhoseFirstConfigurationIsInvalidSaysWhichFile() {
        var er = h.bridge(props("felix.fileinstall.filename", "file:/opt/evb/etc/org.openevb.bridge-x.cfg"));
        assertEquals(BridgeStatus.ERROR, er.status());
        assertEquals("file /opt/evb/etc/org.openevb.bridge-x.cfg is invalid: name: missing; "
                + "ports: no port listed", er.reason());
    }

    @Test
    void modeAutoIsAVepaExactlyWhileTheAdjacentBridgeGrantsReflectiveRelay() {
        var er = h.bridge(relay("auto"));
        learnVms();
        assertEquals("veb", er.behaviour(), "nothing negotiated yet: a VEB");
        h.inject("vm1", frame(VM2, VM1, "0800"));
        assertEquals(1, h.sent("vm2").size());
        assertEquals(0, h.sent("up").size());

        // the EVB TLV on the uplink says the adjacent bridge reflects (RRSTAT enabled)
        h.bridges.setPeerReflectiveRelay("up", true);
        assertEquals("vepa", er.behaviour());
        assertEquals("granted", er.ports().get(0).peerReflectiveRelay());
        h.inject("vm1", frame(VM2, VM1, "0800"));
        assertEquals(0, h.sent("vm2").size(), "VEPA: never switched locally");
        assertEquals(1, h.sent("up").size());

        h.bridges.setPeerReflectiveRelay("up", false);
        assertEquals("veb", er.behaviour(), "refused: a VEB again");
        h.bridges.setPeerReflectiveRelay("up", null);
        assertEquals("unknown", er.ports().get(0).peerReflectiveRelay(), "the peer is gone");
        h.inject("vm1", frame(VM2, VM1, "0800"));
        assertEquals(1, h.sent("vm2").size());
        assertEquals(0, er.modeChanges(), "the mode stays auto: its behaviour changes between two frames");
    }

    @Test
    void modeAutoIsAVebWhileItsUplinkIsDownThoughTheGrantIsNotForgottenYet() throws Exception {
        var er = h.bridge(relay("auto"));
        learnVms();
        h.bridges.setPeerReflectiveRelay("up", true);
        assertEquals("vepa", er.behaviour());
        // the uplink loses its carrier; the EVB station still holds the grant (its LLDP agent forgets at its next tick)
        h.memory.setCarrier("up", false);
        BridgeHarness.await("uplink DOWN", () -> "DOWN".equals(er.ports().get(0).state()));
        assertEquals("veb", er.behaviour(), "no uplink, no hairpin: a VEB");
        assertEquals("granted", er.ports().get(0).peerReflectiveRelay());
        h.inject("vm1", frame(VM2, VM1, "0800"));
        assertEquals(1, h.sent("vm2").size(), "delivered by the relay itself, not sent up a link that is down");
        h.memory.setCarrier("up", true);
        BridgeHarness.await("uplink UP", () -> "UP".equals(er.ports().get(0).state()));
        assertEquals("vepa", er.behaviour());
        h.inject("vm1", frame(VM2, VM1, "0800"));
        assertEquals(0, h.sent("vm2").size(), "VEPA again: up to the bridge");
        assertEquals(1, h.sent("up").size());
    }

    @Test
    void aModeThatGoesAwayStopsForwardingUntilItReturns() {
        var er = h.bridge(relay("vepa"));
        learnVms();
        h.bridges.removeMode(h.vepa);
        assertEquals(BridgeStatus.MODE_UNAVAILABLE, er.status());
        assertEquals("mode 'vepa' is not available", er.reason());
        h.inject("vm1", frame(VM2, VM1, "0800"));
        assertEquals(0, h.sent("up").size());
        assertEquals(1, er.drops().get(BridgeDropReason.MODE_UNAVAILABLE));
        h.bridges.addMode(h.vepa);
        assertEquals(BridgeStatus.FORWARDING, er.status());
        h.inject("vm1", frame(VM2, VM1, "0800"));
        assertEquals(1, h.sent("up").size());
        assertEquals(2, er.fdb().size(), "FDB survived");
    }

    @Test
    void anEdgeRelayModeNeedsAnUplink() {
        var er = h.bridge(props("name", "er1", "mode", "vepa", "ports", "vm1, vm2"));
        assertEquals(BridgeStatus.ERROR, er.status());
        assertTrue(er.reason().contains("set 'uplink'"), er.reason());
    }

    @Test
    void aFrameSentOnBehalfOfAVmPortIsForwardedAsIfTheVmHadSentIt() {
        var er = h.bridge(relay("vepa"));
        // a migrated VM's RARP announcement, tagged with its VLAN as a VDP filter names it
        byte[] rarp = frame(BCAST, VM1, "81000001" + "8035");
        var f = new org.openevb.codec.Frame(1600);
        f.copyFrom(rarp, 0, rarp.length);
        long rxBefore = er.ports().get(1).rxFrames();
        assertTrue(er.receiveAs("vm1", f));
        List<byte[]> up = h.sent("up");
        assertEquals(1, up.size(), "VEPA: up the uplink, like the VM's own frames");
        assertEquals(0, h.sent("vm2").size(), "VEPA: never switched locally");
        assertEquals(rxBefore + 1, er.ports().get(1).rxFrames(), "counted as received on the VM's port");
        assertTrue(er.fdb().stream().anyMatch(e -> e.port().equals("vm1") && e.mac().equals(VM1)),
                "the relay learned the VM behind its port: " + er.fdb());
        // a reflection of it does not take the VM's MAC away from its port, nor echo to it
        h.inject("up", up.get(0));
        assertEquals(0, h.sent("vm1").size());
        assertEquals(1, h.sent("vm2").size());

        er.modified(BridgeHarness.config(relay("veb")), relay("veb"));
        f.copyFrom(rarp, 0, rarp.length);
        assertTrue(er.receiveAs("vm1", f));
        assertEquals(1, h.sent("up").size(), "VEB: a broadcast goes up");
        assertEquals(1, h.sent("vm2").size(), "and to the other VMs");
        assertEquals(0, h.sent("vm1").size(), "never back to the port it is sent for");

        assertFalse(er.receiveAs("nosuch", f), "a port the relay does not have");
        assertEquals(0, h.sent("up").size());
    }
}
