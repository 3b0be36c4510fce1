package org.openevb.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openevb.bridge.internal.BridgeHarness.frame;
import static org.openevb.bridge.internal.BridgeHarness.props;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.driver.KernelForwarding;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortTap;

/**
 * Kernel forwarding ({@code kernel.forwarding on}) on in-memory ports, whose driver keeps the
 * kernel's table in Java: which decisions become entries, what takes them away, and that frames
 * forwarded by them are delivered once and counted.
 */
class KernelForwardingTest {

    static final String A = "02:00:00:00:00:0a";
    static final String B = "02:00:00:00:00:0b";

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

    private BridgeComponent bridge(String... more) {
        List<Object> kv = new ArrayList<>(List.of("name", "br0", "ports", "p1, p2, p3", "kernel.forwarding", "on"));
        kv.addAll(List.of((Object[]) more));
        return h.bridge(props(kv.toArray()));
    }

    private KernelForwarding table(String port) {
        return h.portRegistry.port(port).orElseThrow().kernelForwarding();
    }

    /** B learned on p2, then A to B once through the bridge. */
    private void learnBAndSendAToB() {
        h.inject("p2", frame(A, B, "0800")); // B behind p2 (A unknown: flooded)
        h.sent("p1");
        h.sent("p3");
        h.inject("p1", frame(B, A, "0800"));
        assertEquals(1, h.sent("p2").size(), "the first frame goes through the bridge");
    }

    @Test
    void knownUnicastIsHandedToTheKernelAfterItsFirstFrame() {
        BridgeComponent br = bridge();
        learnBAndSendAToB();
        assertEquals(1, table("p1").size(), "A to B on p1");
        assertEquals(0, table("p2").size(), "B to A was flooded: no entry");
        long bridgeRx = br.ports().get(0).rxFrames();
        byte[] f = frame(B, A, "0800");
        for (int i = 0; i < 10; i++) {
            h.inject("p1", f);
        }
        List<byte[]> toB = h.sent("p2");
        assertEquals(10, toB.size());
        assertArrayEquals(f, toB.get(9));
        assertEquals(0, h.sent("p3").size());
        assertEquals(bridgeRx, br.ports().get(0).rxFrames(), "the bridge saw none of them");
        assertEquals(10, table("p1").forwardedFrames());
        assertEquals(600, table("p1").forwardedBytes());
        assertEquals(10, table("p2").kernelSentFrames());
        // the ports count them as received and sent; the bridge once a second
        Port p1 = h.portRegistry.port("p1").orElseThrow();
        Port p2 = h.portRegistry.port("p2").orElseThrow();
        assertEquals(11, p1.counters().rxFrames());
        assertEquals(11, p2.counters().txFrames());
        br.age();
        BridgePortView v1 = br.ports().get(0);
        BridgePortView v2 = br.ports().get(1);
        assertEquals(bridgeRx + 10, v1.rxFrames());
        assertEquals(11, v2.txFrames());
    }

    @Test
    void offIsTheDefault() {
        h.bridge(props("name", "br0", "ports", "p1, p2, p3"));
        learnBAndSendAToB();
        assertEquals(0, table("p1").size());
    }

    @Test
    void aStationThatMovesTakesItsEntriesWithIt() {
        bridge();
        learnBAndSendAToB();
        assertEquals(1, table("p1").size());
        h.inject("p3", frame(A, B, "0800")); // B now behind p3
        assertEquals(0, table("p1").size(), "the entry to B went with the move");
        h.inject("p1", frame(B, A, "0800"));
        assertEquals(0, h.sent("p2").size());
        assertEquals(1, h.sent("p3").size(), "decided again: to p3");
        assertEquals(1, table("p1").size(), "and handed to the kernel again");
    }

    @Test
    void aFlushOrAModeChangeWithdrawsEveryEntry() {
        BridgeComponent br = bridge();
        learnBAndSendAToB();
        br.flushFdb(-1, null);
        assertEquals(0, table("p1").size(), "flushed: B is unknown again");
        learnBAndSendAToB();
        assertEquals(1, table("p1").size());
        br.modified(BridgeHarness.config(props("name", "br0", "ports", "p1, p2, p3", "kernel.forwarding", "on",
                "mode", "veb", "uplink", "p3")), props("name", "br0", "ports", "p1, p2, p3", "kernel.forwarding", "on",
                "mode", "veb", "uplink", "p3"));
        assertEquals(0, table("p1").size(), "a new configuration starts without entries");
    }

    @Test
    void aTapOnAPortTakesTheEntriesToItAndKeepsThemAway() throws Exception {
        BridgeComponent bridge = bridge();
        learnBAndSendAToB();
        Port p2 = h.portRegistry.port("p2").orElseThrow();
        List<PortTap.Direction> seen = new ArrayList<>();
        try (AutoCloseable tap = p2.addTap((direction, nanos, frame) -> seen.add(direction))) {
            assertNull(p2.kernelForwarding(), "a port with a tap is not passed in the kernel");
            assertEquals(0, table("p1").size(), "the entry to p2 went");
            h.inject("p1", frame(B, A, "0800"));
            h.inject("p1", frame(B, A, "0800"));
            assertEquals(2, h.sent("p2").size());
            assertEquals(List.of(PortTap.Direction.OUT, PortTap.Direction.OUT), seen, "the tap saw both");
            assertEquals(0, table("p1").size(), "and no entry came back");
        }
        assertNotNull(p2.kernelForwarding());
        bridge.age(); // once a second the bridge forgets entries the tables no longer have
        h.inject("p1", frame(B, A, "0800"));
        assertEquals(1, table("p1").size(), "without the tap the decision goes to the kernel again");
    }

    @Test
    void onlyFramesTheBridgeSendsUnchangedGoToTheKernel() {
        bridge("port.p1.vlans", "1,10", "port.p1.untagged", "1", "port.p2.vlans", "1,10", "port.p2.untagged", "1",
                "port.p3.pvid", "10", "port.p3.vlans", "10", "port.p3.untagged", "10");
        learnBAndSendAToB();
        assertEquals(1, table("p1").size(), "untagged to an untagged member: as it is");
        // VLAN 10: E behind p3 (untagged there), A sends tagged from p1: the tag is popped
        String e = "02:00:00:00:00:0e";
        String d = "02:00:00:00:00:0d";
        h.inject("p3", frame(A, e, "0800"));
        h.sent("p1");
        h.sent("p2");
        h.inject("p1", frame(e, A, "8100000a0800"));
        assertEquals(1, h.sent("p3").size());
        assertEquals(1, table("p1").size(), "a frame the bridge changes (tag popped) is not the kernel's");
        // tagged in, tagged out: VLAN 10 from p1 to p2
        h.inject("p2", frame(A, d, "8100000a0800"));
        h.sent("p1");
        h.inject("p1", frame(d, A, "8100500a0800"));
        assertEquals(1, h.sent("p2").size());
        assertEquals(2, table("p1").size(), "C-tagged VLAN 10 to a tagged member: as it is, keyed by its VID");
        h.inject("p1", frame(d, A, "8100e00a0800"));
        assertEquals(1, h.sent("p2").size(), "another priority, the same VID: forwarded by the entry");
        assertEquals(1, table("p1").forwardedFrames());
        // a priority-tagged frame gets the PVID written in: changed, so never the kernel's
        h.inject("p1", frame(B, A, "810060000800"));
        assertEquals(1, h.sent("p2").size());
        assertEquals(2, table("p1").size());
    }

    @Test
    void aFullTableKeepsForwardingThroughTheBridge() {
        bridge();
        h.inject("p2", frame(A, B, "0800"));
        int capacity = table("p1").capacity();
        for (int i = 0; i < capacity + 5; i++) {
            String src = String.format("02:00:00:01:%02x:%02x", i >> 8, i & 0xff);
            h.inject("p1", frame(B, src, "0800"));
        }
        assertEquals(capacity, table("p1").size());
        assertEquals(capacity + 5, h.sent("p2").size(), "every frame delivered, full table or not");
    }
}
