package org.openevb.port.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.PortState;
import org.openevb.api.port.PortTap;
import org.openevb.codec.Frame;
import org.openevb.driver.memory.MemoryDriver;

/** Ports on in-memory interfaces: states, reasons, retries, counters, drops, reconfiguration. */
class PortComponentTest {

    private final MemoryDriver memory = new MemoryDriver();
    private PortRegistryImpl registry;
    private final List<PortComponent> ports = new ArrayList<>();

    @BeforeEach
    void setUp() {
        registry = new PortRegistryImpl();
        registry.addDriver(memory);
    }

    @AfterEach
    void tearDown() {
        for (PortComponent p : ports) {
            p.deactivate();
        }
        registry.deactivate();
    }

    private PortComponent port(Object... keyValues) {
        Map<String, Object> values = new HashMap<>();
        values.put("driver", "memory");
        values.put("retry_interval_ms", 100);
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        PortComponent p = new PortComponent(registry, PortConfigs.of(values));
        ports.add(p);
        return p;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static Frame outgoing(int length) {
        Frame f = new Frame(2048);
        f.copyFrom(frame(length), 0, length);
        return f;
    }

    private static byte[] frame(int length) {
        byte[] f = new byte[length];
        f[0] = 2;
        f[5] = 2;
        f[6] = 2;
        f[11] = 1;
        f[12] = 0x08;
        for (int i = 14; i < length; i++) {
            f[i] = (byte) i;
        }
        return f;
    }

    @Test
    void comesUpAndDeliversReceivedFramesToTheHandler() throws Exception {
        memory.createInterface("m0");
        PortComponent p = port("name", "p0", "interface$", "m0");
        await("UP", () -> p.state() == PortState.UP);
        assertEquals("", p.reason());
        assertEquals(1500, p.mtu());
        List<byte[]> got = new CopyOnWriteArrayList<>();
        p.claim("test", (ingress, f) -> got.add(f.toByteArray()));
        byte[] f = frame(80);
        assertTrue(memory.inject("m0", f));
        assertEquals(1, got.size());
        assertArrayEquals(f, got.get(0));
        assertEquals(1, p.counters().rxFrames());
        assertEquals(80, p.counters().rxBytes());
        assertEquals(0, p.counters().totalDrops());
    }

    @Test
    void aLinkWithoutCarrierTakesThePortDownWithoutClosingItAndBackUpWhenTheCarrierReturns() throws Exception {
        memory.createInterface("m0");
        PortComponent p = port("name", "p0", "interface$", "m0");
        await("UP", () -> p.state() == PortState.UP);
        List<byte[]> got = new CopyOnWriteArrayList<>();
        p.claim("test", (ingress, f) -> got.add(f.toByteArray()));
        assertTrue(p.send(outgoing(64)));
        assertEquals(0, p.linkDowns());

        memory.setCarrier("m0", false);
        long lost = System.nanoTime();
        await("DOWN without carrier", () -> p.state() == PortState.DOWN);
        long detectedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lost);
        assertTrue(detectedMillis <= PortComponent.HEALTH_CHECK_MILLIS + 500, "seen within a health check: " + detectedMillis);
        assertEquals("no carrier", p.reason());
        assertEquals(1, p.linkDowns());
        assertTrue(memory.isOpen("m0"), "the interface stays open: nothing is reopened");
        assertEquals("test", p.owner(), "the owner keeps the port");
        assertFalse(p.send(outgoing(64)), "nothing is sent on a link without carrier");
        assertEquals(1, p.counters().drops(DropReason.TX_PORT_DOWN));
        assertEquals(1, p.counters().txFrames());

        memory.setCarrier("m0", true);
        await("UP with the carrier back", () -> p.state() == PortState.UP);
        assertEquals("", p.reason());
        assertEquals(1, p.linkDowns());
        assertTrue(memory.inject("m0", frame(80)));
        assertEquals(1, got.size(), "the same handler receives again");
        assertTrue(p.send(outgoing(64)));
        assertEquals(2, p.counters().txFrames(), "counters kept through the flap");

        memory.setCarrier("m0", false);
        await("DOWN again", () -> p.state() == PortState.DOWN);
        assertEquals(2, p.linkDowns(), "one per transition, not per check");
        Thread.sleep(PortComponent.HEALTH_CHECK_MILLIS + 200);
        assertEquals(2, p.linkDowns());
        assertEquals(1, p.counters().rxFrames());
    }

    @Test
    void aPortOpenedOnALinkWithoutCarrierStartsDownAndComesUpWithIt() throws Exception {
        memory.createInterface("m0");
        memory.setCarrier("m0", false);
        PortComponent p = port("name", "p0", "interface$", "m0");
        await("open", () -> memory.isOpen("m0"));
        await("DOWN", () -> "no carrier".equals(p.reason()));
        assertEquals(PortState.DOWN, p.state());
        memory.setCarrier("m0", true);
        await("UP", () -> p.state() == PortState.UP);
        assertEquals(1, p.linkDowns());
    }

    @Test
    void aLinkFlapIsRefusedByNameWhenTheDriverCannotOrThePortIsDown() throws Exception {
        PortComponent absent = port("name", "p1", "interface$", "m1");
        await("DOWN", () -> absent.state() == PortState.DOWN);
        IllegalStateException down = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> absent.setLinkUp(false));
        assertTrue(down.getMessage().startsWith("port 'p1' is DOWN"), down.getMessage());
        memory.createInterface("m0");
        PortComponent p = port("name", "p0", "interface$", "m0");
        await("UP", () -> p.state() == PortState.UP);
        UnsupportedOperationException cannot = org.junit.jupiter.api.Assertions.assertThrows(
                UnsupportedOperationException.class, () -> p.setLinkUp(false));
        assertEquals("the memory driver of port 'p0' cannot set the link of its interface", cannot.getMessage());
        assertEquals(PortState.UP, p.state(), "nothing changed");
    }

    @Test
    void thePolicerDropsWhatExceedsItsBurstSparesControlFramesAndChangesLive() throws Exception {
        memory.createInterface("m0");
        // 1 frame/s with a burst of 3: a fast run of frames gets three through
        PortComponent p = port("name", "p0", "interface$", "m0", "police_pps", "1", "police_burst_frames", "3");
        await("UP", () -> p.state() == PortState.UP);
        List<byte[]> got = new CopyOnWriteArrayList<>();
        p.claim("test", (ingress, f) -> got.add(f.toByteArray()));
        List<byte[]> control = new CopyOnWriteArrayList<>();
        p.addControlHandler(0x88CC, (ingress, f) -> control.add(f.toByteArray()));
        byte[] lldp = frame(64);
        lldp[12] = (byte) 0x88;
        lldp[13] = (byte) 0xCC;
        for (int i = 0; i < 10; i++) {
            memory.inject("m0", frame(64));
            memory.inject("m0", lldp);
        }
        assertEquals(3, got.size());
        assertEquals(7, p.counters().drops(DropReason.RX_POLICED));
        assertEquals(10, control.size(), "LLDP is never policed");
        assertEquals(20, p.counters().rxFrames(), "policed frames were received");

        p.modified(PortConfigs.of(Map.of("name", "p0", "interface$", "m0", "driver", "memory", "retry_interval_ms", 100)), Map.of());
        for (int i = 0; i < 10; i++) {
            memory.inject("m0", frame(64));
        }
        assertEquals(13, got.size(), "no policer any more, and the port stayed open");
        assertEquals(PortState.UP, p.state());
    }

    @Test
    void aShapedPortSendsFromItsOwnThreadAndCountsWhatItsQueueCannotHold() throws Exception {
        memory.createInterface("m0");
        // 8 Mbit/s: one 1000-byte frame per millisecond after the 10 ms bucket
        PortComponent p = port("name", "p0", "interface$", "m0", "shape_rate", "8M", "shape_queue_frames", "16");
        await("UP", () -> p.state() == PortState.UP);
        Frame f = new Frame(2000);
        f.copyFrom(frame(1000), 0, 1000);
        int taken = 0;
        for (int i = 0; i < 40; i++) {
            if (p.send(f)) {
                taken++;
            }
        }
        int accepted = taken;
        assertTrue(accepted >= 16 && accepted < 40, "the queue holds 16 (and the thread may have taken some): " + accepted);
        assertEquals(40 - accepted, p.counters().drops(DropReason.TX_QUEUE_FULL));
        // the pacing itself is ShaperTest's, on a simulated clock; here: every accepted frame goes out
        List<byte[]> out = new ArrayList<>();
        await("every accepted frame sent", () -> {
            out.addAll(memory.drainSent("m0"));
            return out.size() == accepted;
        });
        assertEquals(accepted, p.counters().txFrames());
        assertTrue(threadAlive("evb-shape-p0"));
        p.modified(PortConfigs.of(Map.of("name", "p0", "interface$", "m0", "driver", "memory", "retry_interval_ms", 100)),
                Map.of());
        await("the shaper's thread gone once shaping is off", () -> !threadAlive("evb-shape-p0"));
        assertTrue(p.send(f));
        assertEquals(1, memory.drainSent("m0").size(), "sent at once");
    }

    @Test
    void framesReceivedWhileUnattachedAreCounted() throws Exception {
        memory.createInterface("m0");
        PortComponent p = port("interface$", "m0");
        await("UP", () -> p.state() == PortState.UP);
        assertEquals("m0", p.name(), "name defaults to the interface");
        memory.inject("m0", frame(64));
        memory.inject("m0", frame(64));
        assertEquals(2, p.counters().drops(DropReason.RX_UNATTACHED));
    }

    @Test
    void missingInterfaceIsDownWithReasonAndOpensWhenItAppears() throws Exception {
        PortComponent p = port("name", "late", "interface$", "m9");
        await("DOWN with reason", () -> p.reason().equals("no such interface 'm9'"));
        assertEquals(PortState.DOWN, p.state());
        memory.createInterface("m9");
        await("UP after the interface appeared", () -> p.state() == PortState.UP);
    }

    @Test
    void interfaceThatDisappearsIsRetriedUntilItReturns() throws Exception {
        memory.createInterface("m0");
        PortComponent p = port("interface$", "m0");
        await("UP", () -> p.state() == PortState.UP);
        memory.removeInterface("m0");
        await("DOWN", () -> p.state() == PortState.DOWN);
        assertTrue(p.reason().contains("'m0'"), p.reason());
        memory.createInterface("m0");
        await("UP again", () -> p.state() == PortState.UP);
        memory.inject("m0", frame(60));
        assertEquals(1, p.counters().rxFrames(), "counters kept across the flap");
    }

    @Test
    void missingDriverIsDownUntilTheDriverArrives() throws Exception {
        PortRegistryImpl empty = new PortRegistryImpl();
        try {
            memory.createInterface("m0");
            PortComponent p = new PortComponent(empty, PortConfigs.of(Map.of("interface$", "m0", "driver", "memory")));
            await("DOWN", () -> p.reason().equals("driver 'memory' is not available"));
            empty.addDriver(memory);
            await("UP", () -> p.state() == PortState.UP);
            empty.removeDriver(memory);
            assertEquals(PortState.DOWN, p.state());
            assertEquals("driver 'memory' is not available", p.reason());
            p.deactivate();
        } finally {
            empty.deactivate();
        }
    }

    @Test
    void invalidConfigurationIsAnErrorNamingEveryBadKey() {
        PortComponent p = port("name", "bad name!", "interface$", "", "max_frame_size", 10, "retry_interval_ms", 5);
        assertEquals(PortState.ERROR, p.state());
        assertTrue(p.reason().contains("interface: missing"), p.reason());
        assertTrue(p.reason().contains("name: 'bad name!'"), p.reason());
        assertTrue(p.reason().contains("max.frame.size: '10' is not a whole number in 64..65535"), p.reason());
        assertTrue(p.reason().contains("retry.interval.ms: '5' is not a whole number in 100..60000"), p.reason());
    }

    @Test
    void duplicateNameIsAnErrorUntilTheOtherPortGoes() throws Exception {
        memory.createInterface("m0");
        memory.createInterface("m1");
        PortComponent first = port("name", "same", "interface$", "m0");
        PortComponent second = port("name", "same", "interface$", "m1");
        await("first UP", () -> first.state() == PortState.UP);
        assertEquals(PortState.ERROR, second.state());
        assertEquals("name: 'same' is already used by another port", second.reason());
        assertEquals(first, registry.port("same").orElseThrow());
        first.deactivate();
        ports.remove(first);
        await("second UP once the first is gone", () -> second.state() == PortState.UP);
        // re-admitted on the supervisor's thread, which opens it and then tells the directory
        await("second holds the name", () -> registry.port("same").orElse(null) == second);
    }

    @Test
    void sameInterfaceTwiceIsAnError() throws Exception {
        memory.createInterface("m0");
        PortComponent first = port("name", "a", "interface$", "m0");
        PortComponent second = port("name", "b", "interface$", "m0");
        assertEquals(PortState.ERROR, second.state());
        assertEquals("interface: 'm0' is already used by port 'a'", second.reason());
        await("first UP", () -> first.state() == PortState.UP);
    }

    @Test
    void sendPadsShortFramesAndCounts() throws Exception {
        memory.createInterface("m0");
        PortComponent p = port("interface$", "m0");
        await("UP", () -> p.state() == PortState.UP);
        Frame f = new Frame(2048);
        byte[] shortFrame = frame(42);
        f.copyFrom(shortFrame, 0, shortFrame.length);
        assertTrue(p.send(f));
        List<byte[]> sent = memory.drainSent("m0");
        assertEquals(1, sent.size());
        assertEquals(60, sent.get(0).length);
        for (int i = 0; i < 42; i++) {
            assertEquals(shortFrame[i], sent.get(0)[i]);
        }
        for (int i = 42; i < 60; i++) {
            assertEquals(0, sent.get(0)[i]);
        }
        assertEquals(1, p.counters().txFrames());
        assertEquals(60, p.counters().txBytes());
    }

    @Test
    void paddingCanBeTurnedOff() throws Exception {
        memory.createInterface("m0");
        PortComponent p = port("interface$", "m0", "pad_short_frames", false);
        await("UP", () -> p.state() == PortState.UP);
        Frame f = new Frame(2048);
        f.copyFrom(frame(42), 0, 42);
        assertTrue(p.send(f));
        assertEquals(42, memory.drainSent("m0").get(0).length);
    }

    @Test
    void oversizeAndDownSendsAreDroppedAndCounted() throws Exception {
        memory.createInterface("m0", 1500, 0x020000000001L);
        PortComponent p = port("interface$", "m0");
        await("UP", () -> p.state() == PortState.UP);
        Frame f = new Frame(4096);
        f.copyFrom(frame(1515), 0, 1515);
        assertFalse(p.send(f), "MTU 1500 + 14 + 1");
        byte[] tagged = frame(1518);
        tagged[12] = (byte) 0x81;
        tagged[13] = 0x00;
        f.copyFrom(tagged, 0, tagged.length);
        assertTrue(p.send(f), "one C-tag on top of the MTU is allowed");
        tagged[12] = (byte) 0x88;
        tagged[13] = (byte) 0xa8;
        f.copyFrom(tagged, 0, tagged.length);
        assertFalse(p.send(f), "an S-tag gets no allowance from the kernel");
        assertEquals(2, p.counters().drops(DropReason.TX_OVERSIZE));
        memory.removeInterface("m0");
        await("DOWN", () -> p.state() == PortState.DOWN);
        f.copyFrom(frame(64), 0, 64);
        assertFalse(p.send(f));
        assertEquals(1, p.counters().drops(DropReason.TX_PORT_DOWN));
    }

    @Test
    void aFailingHandlerIsCountedAndThePortGoesOn() throws Exception {
        memory.createInterface("m0");
        PortComponent p = port("interface$", "m0");
        await("UP", () -> p.state() == PortState.UP);
        p.claim("test", (ingress, f) -> {
            throw new IllegalStateException("boom");
        });
        memory.inject("m0", frame(64));
        memory.inject("m0", frame(64));
        assertEquals(2, p.counters().drops(DropReason.RX_HANDLER_ERROR));
        assertEquals(PortState.UP, p.state());
    }

    @Test
    void receivedFramesLongerThanTheMaximumAreDropped() throws Exception {
        memory.createInterface("m0");
        PortComponent p = port("interface$", "m0", "max_frame_size", 100);
        await("UP", () -> p.state() == PortState.UP);
        List<Integer> delivered = new ArrayList<>();
        p.claim("test", (ingress, f) -> delivered.add(f.length()));
        memory.inject("m0", frame(101));
        memory.inject("m0", frame(100));
        memory.inject("m0", frame(9000)); // longer than the port's buffer: arrives cut, still oversize
        assertEquals(2, p.counters().drops(DropReason.RX_OVERSIZE));
        assertEquals(3, p.counters().rxFrames());
        assertEquals(List.of(100), delivered);
    }

    @Test
    void reconfiguringTheInterfaceReopensThePortKeepingCounters() throws Exception {
        memory.createInterface("m0");
        memory.createInterface("m1");
        PortComponent p = port("name", "p", "interface$", "m0");
        await("UP on m0", () -> p.state() == PortState.UP);
        memory.inject("m0", frame(64));
        p.modified(PortConfigs.of(Map.of("name", "p", "interface$", "m1", "driver", "memory")), Map.of());
        await("UP on m1", () -> p.state() == PortState.UP && memory.isOpen("m1"));
        assertFalse(memory.isOpen("m0"));
        memory.inject("m1", frame(64));
        assertEquals(2, p.counters().rxFrames());
        p.modified(PortConfigs.of(Map.of("name", "p", "interface$", "m1", "driver", "memory", "enabled", false)), Map.of());
        await("disabled", () -> p.reason().startsWith("disabled"));
        assertFalse(memory.isOpen("m1"));
        p.modified(PortConfigs.of(Map.of("name", "p", "interface$", "m1", "driver", "memory", "enabled", true)), Map.of());
        await("UP again", () -> p.state() == PortState.UP);
        // an invalid value (or a file read half-written) keeps the port on its last good configuration
        String file = "file:/opt/evb/etc/org.openevb.port-p.cfg";
        p.modified(PortConfigs.of(Map.of("name", "p", "interface$", "m1", "driver", "memory", "max_frame_size", 1)),
                Map.of("felix.fileinstall.filename", file));
        assertEquals(PortState.UP, p.state());
        assertEquals("file /opt/evb/etc/org.openevb.port-p.cfg is invalid (max.frame.size: '1' is not a whole number in 64..65535): "
                + "running the last good configuration", p.reason());
        memory.inject("m1", frame(64));
        assertEquals(3, p.counters().rxFrames(), "still receiving");
        p.modified(PortConfigs.of(Map.of()), Map.of("felix.fileinstall.filename", file));
        assertEquals("p", p.name(), "an empty file changes nothing either");
        assertEquals(PortState.UP, p.state());
    }

    @Test
    void aPortWhoseFirstConfigurationIsInvalidIsInErrorNamingItsFile() {
        PortComponent p = new PortComponent(registry, PortConfigs.of(Map.of("name", "p", "interface$", "m0",
                "driver", "memory", "max_frame_size", 1)), Map.of("felix.fileinstall.filename", "file:/e/org.openevb.port-p.cfg"));
        ports.add(p);
        assertEquals(PortState.ERROR, p.state());
        assertEquals("file /e/org.openevb.port-p.cfg is invalid: max.frame.size: '1' is not a whole number in 64..65535", p.reason());
    }

    @Test
    void tapsSeeBothDirections() throws Exception {
        memory.link("a0", "b0");
        PortComponent a = port("interface$", "a0");
        PortComponent b = port("interface$", "b0");
        await("both UP", () -> a.state() == PortState.UP && b.state() == PortState.UP);
        List<String> seen = new CopyOnWriteArrayList<>();
        AutoCloseable tapA = a.addTap((dir, ts, frame) -> seen.add("a " + dir + " " + frame.length()));
        AutoCloseable tapB = b.addTap((dir, ts, frame) -> seen.add("b " + dir + " " + frame.length()));
        Frame f = new Frame(2048);
        f.copyFrom(frame(64), 0, 64);
        assertTrue(a.send(f));
        assertEquals(List.of("b IN 64", "a OUT 64"), seen);
        tapA.close();
        tapB.close();
        assertTrue(a.send(f));
        assertEquals(2, seen.size());
        assertEquals(PortTap.Direction.values().length, 2);
    }

    @Test
    void deactivatedPortLeavesTheRegistryAndClosesTheInterface() throws Exception {
        memory.createInterface("m0");
        PortComponent p = port("name", "gone", "interface$", "m0");
        await("UP", () -> p.state() == PortState.UP);
        p.deactivate();
        ports.remove(p);
        assertTrue(registry.port("gone").isEmpty());
        assertFalse(memory.isOpen("m0"));
        assertEquals(PortState.DOWN, p.state());
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void theKernelForwardingTableIsOfferedOnlyWhileThePortNeedsNotSeeEveryFrame() throws Exception {
        memory.createInterface("m0");
        memory.createInterface("m1");
        PortComponent p = port("name", "p0", "interface$", "m0");
        PortComponent q = port("name", "p1", "interface$", "m1");
        await("open", () -> p.state() == PortState.UP && q.state() == PortState.UP);
        org.openevb.api.driver.KernelForwarding table = p.kernelForwarding();
        assertNotNull(table);
        assertTrue(table.add(0x0b, 0x0a, 0, q.kernelForwarding().ifindex()));
        assertTrue(q.kernelForwarding().add(0x0a, 0x0b, 0, table.ifindex()));
        try (AutoCloseable tap = q.addTap((direction, nanos, frame) -> { })) {
            assertNull(q.kernelForwarding(), "a tap sees every frame: no table");
            assertEquals(0, table.size(), "the entry to the tapped port went");
            assertEquals(0, q.kernelTable().size(), "and the tapped port's own");
        }
        assertNotNull(q.kernelForwarding());
        PortComponent policed = port("name", "p2", "interface$", "m2", "police_pps", "100");
        memory.createInterface("m2");
        await("policed open", () -> policed.state() == PortState.UP);
        assertNull(policed.kernelForwarding(), "a policer sees every frame");
        PortComponent nativeXdp = port("name", "p3", "interface$", "m3", "xdp_mode", "native");
        memory.createInterface("m3");
        await("native open", () -> nativeXdp.state() == PortState.UP);
        assertNull(nativeXdp.kernelForwarding(), "a native XDP program's redirects may be lost: no table");
    }
}
