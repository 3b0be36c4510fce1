package org.openevb.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.openevb.api.driver.PortDriver;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.PortCounters;
import org.openevb.api.port.PortState;
import org.openevb.codec.Frame;
import org.openevb.port.internal.PortComponent;
import org.openevb.port.internal.PortConfigs;
import org.openevb.port.internal.PortRegistryImpl;

/**
 * What every driver of real interfaces must do, on real frames: a port on one end of a veth, frames
 * injected from a network namespace at the other end must arrive byte-identical, and frames the
 * port sends must arrive byte-identical in the namespace. One subclass per driver. Runs as root;
 * fails, never skips, where it cannot.
 */
public abstract class RealFrameContract {

    private static final int MTU = 1500;
    private static final HexFormat HEX = HexFormat.of();
    private static int framesChecked;

    private VethLab lab;
    private PortRegistryImpl registry;
    private PortComponent port;
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private String tag;

    /** A new instance of the driver under test. */
    protected abstract PortDriver driver();

    /** Whether the driver tells when the link loses its carrier. */
    protected boolean seesCarrier() {
        return false;
    }

    /** Whether the driver hears the kernel announce link changes, so the port sees them at once. */
    protected boolean announcesLinkChanges() {
        return false;
    }

    @Before
    public void setUp() throws Exception {
        lab = VethLab.create(MTU);
        registry = new PortRegistryImpl();
        PortDriver driver = driver();
        tag = "[real-frame " + driver.name() + "]";
        registry.addDriver(driver);
        port = new PortComponent(registry, PortConfigs.of(Map.of("name", "wire", "interface$", lab.hostInterface,
                "driver", driver.name())));
        Await.until("port UP", 10, () -> port.state() == PortState.UP);
        port.claim("test", (ingress, frame) -> received.add(frame.toByteArray()));
    }

    @After
    public void tearDown() {
        try {
            if (port != null) {
                port.deactivate();
            }
            if (registry != null) {
                registry.deactivate();
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    @AfterClass
    public static void report() {
        System.out.println("[real-frame] " + framesChecked + " frames checked byte for byte on veth pairs so far");
    }

    @Test
    public void injectedFramesArriveByteIdentical() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        frames.addAll(Vectors.frames("evb-vectors-a.pcap"));
        frames.addAll(Vectors.frames("evb-vectors-b.pcap"));
        frames.add(shortFrame(42));
        frames.add(shortFrame(18));
        lab.inject(frames);
        Await.until("all " + frames.size() + " frames received", 10, () -> received.size() >= frames.size());
        assertEquals("frames received", frames.size(), received.size());
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals("frame " + (i + 1) + " " + HEX.formatHex(frames.get(i)), frames.get(i), received.get(i));
        }
        PortCounters c = port.counters();
        assertEquals(frames.size(), c.rxFrames());
        assertEquals(frames.stream().mapToLong(f -> f.length).sum(), c.rxBytes());
        assertEquals(0, c.kernelDrops());
        framesChecked += frames.size();
        System.out.println(tag + " received " + frames.size() + " injected frames byte-identical"
                + " (C-tag, S-tag, Q-in-Q, 0x9100, VN-Tag, E-Tag, LLDP, ECP/VDP, 42- and 18-byte frames)");
    }

    @Test
    public void aBurstWithinTheCaptureBufferIsReceivedWhole() throws Exception {
        List<byte[]> burst = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            byte[] f = TestFrames.ethernet(0x0800, 60 + i % 1000);
            f[20] = (byte) (i >> 8);
            f[21] = (byte) i;
            burst.add(f);
        }
        lab.inject(burst);
        Await.until("400 frames received", 10, () -> received.size() >= burst.size());
        for (int i = 0; i < burst.size(); i++) {
            assertArrayEquals("frame " + i, burst.get(i), received.get(i));
        }
        assertEquals(0, port.counters().kernelDrops());
        framesChecked += burst.size();
        System.out.println(tag + " a burst of 400 frames received whole, in order, 0 kernel drops");
    }

    @Test
    public void sentFramesArriveByteIdentical() throws Exception {
        List<byte[]> frames = new ArrayList<>();
        frames.addAll(Vectors.frames("evb-vectors-a.pcap"));
        frames.addAll(Vectors.frames("evb-vectors-b.pcap"));
        byte[] shortOne = shortFrame(42);
        frames.add(shortOne);
        NetLab.Capture capture = lab.capture(frames.size());
        Frame frame = new Frame(2048);
        for (byte[] f : frames) {
            frame.copyFrom(f, 0, f.length);
            assertTrue("send accepted", port.send(frame));
        }
        List<byte[]> seen = capture.await(15);
        if (seen.size() != frames.size()) {
            StringBuilder missing = new StringBuilder();
            for (int i = 0; i < frames.size(); i++) {
                byte[] expected = padded(frames.get(i));
                if (seen.stream().noneMatch(f -> Arrays.equals(f, expected))) {
                    missing.append("\n  frame ").append(i + 1).append(": ").append(HEX.formatHex(expected));
                }
            }
            throw new AssertionError("frames seen in the namespace: " + seen.size() + " of " + frames.size()
                    + "; missing:" + missing);
        }
        for (int i = 0; i < frames.size(); i++) {
            byte[] expected = padded(frames.get(i));
            assertArrayEquals("frame " + (i + 1), expected, seen.get(i));
        }
        assertEquals(60, seen.get(seen.size() - 1).length);
        assertEquals(frames.size(), port.counters().txFrames());
        framesChecked += frames.size();
        System.out.println(tag + " sent " + frames.size() + " frames, all seen byte-identical in the namespace"
                + " (the 42-byte one zero-padded to 60)");
    }

    @Test
    public void oversizeSendsAreCountedNotSent() throws Exception {
        NetLab.Capture capture = lab.capture(2);
        Frame frame = new Frame(4096);
        // MTU + 14 untagged is the largest frame the kernel takes; one more byte is refused
        byte[] largest = TestFrames.ethernet(0x0800, MTU + 14);
        byte[] tooLarge = TestFrames.ethernet(0x0800, MTU + 15);
        // the kernel allows 4 more bytes for an outer 802.1Q C-tag, none for an 802.1ad S-tag
        byte[] cTaggedLargest = TestFrames.ethernet(0x8100, MTU + 18);
        byte[] sTagged = TestFrames.ethernet(0x88a8, MTU + 18);
        frame.copyFrom(tooLarge, 0, tooLarge.length);
        assertFalse(port.send(frame));
        frame.copyFrom(largest, 0, largest.length);
        assertTrue(port.send(frame));
        frame.copyFrom(cTaggedLargest, 0, cTaggedLargest.length);
        assertTrue(port.send(frame));
        frame.copyFrom(sTagged, 0, sTagged.length);
        assertFalse(port.send(frame));
        List<byte[]> seen = capture.await(10);
        assertEquals(2, seen.size());
        assertArrayEquals(largest, seen.get(0));
        assertArrayEquals(cTaggedLargest, seen.get(1));
        PortCounters c = port.counters();
        assertEquals("counted before the kernel refuses", 2, c.drops(DropReason.TX_OVERSIZE));
        assertEquals(0, c.drops(DropReason.TX_ERROR));
        assertEquals(2, c.txFrames());
        System.out.println(tag + " oversize: 2 refused and counted as tx-oversize (untagged MTU+15, S-tagged MTU+18),"
                + " largest untagged (MTU+14) and C-tagged (MTU+18) frames sent");
    }

    @Test
    public void interfaceThatDisappearsAndReturnsIsReopened() throws Exception {
        lab.removeHostEnd();
        Await.until("port DOWN after the interface disappeared", 5, () -> port.state() == PortState.DOWN);
        assertTrue(port.reason(), port.reason().contains(lab.hostInterface));
        assertFalse("receive thread gone", Await.threadAlive("evb-rx-wire"));
        lab.recreate();
        Await.until("port UP again", 10, () -> port.state() == PortState.UP);
        List<byte[]> frames = List.of(TestFrames.ethernet(0x0800, 100));
        lab.inject(frames);
        Await.until("frame after the interface came back", 10, () -> received.size() == 1);
        assertArrayEquals(frames.get(0), received.get(0));
        System.out.println(tag + " interface removed: DOWN (" + "reason shown" + "); re-created: UP, frames flow");
    }

    @Test
    public void aPeerThatGoesDownTakesThePortDownWithoutReopeningItUntilItReturns() throws Exception {
        long lost = System.nanoTime(); // the ip command's own time included
        lab.setPeerUp(false);
        if (seesCarrier()) {
            Await.until("port DOWN without carrier", 3, () -> port.state() == PortState.DOWN);
            long downMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lost);
            assertEquals("no carrier", port.reason());
            assertEquals(1, port.linkDowns());
            if (announcesLinkChanges()) {
                assertTrue("seen at the kernel's announcement: " + downMillis + " ms", downMillis <= 250);
            } else {
                assertTrue("seen by the once-a-second check: " + downMillis + " ms", downMillis <= 2000);
            }
            assertTrue("the receive thread stays", Await.threadAlive("evb-rx-wire"));
            assertFalse("nothing sent without carrier", port.send(frameOf(TestFrames.ethernet(0x0800, 100))));
            assertEquals(1, port.counters().drops(DropReason.TX_PORT_DOWN));
            long back = System.nanoTime();
            lab.setPeerUp(true);
            Await.until("port UP with the carrier back", 3, () -> port.state() == PortState.UP);
            long upMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
            System.out.println(tag + " peer down: DOWN 'no carrier' after " + downMillis + " ms, the socket kept; up: UP after "
                    + upMillis + " ms");
        } else {
            Thread.sleep(1500);
            assertEquals("a driver that cannot tell keeps the port UP", PortState.UP, port.state());
            assertEquals(0, port.linkDowns());
            lab.setPeerUp(true);
            System.out.println(tag + " peer down: the driver cannot tell, the port stays UP");
        }
        List<byte[]> frames = List.of(TestFrames.ethernet(0x0800, 100));
        lab.inject(frames);
        Await.until("a frame after the peer came back", 10, () -> received.size() == 1);
        assertArrayEquals(frames.get(0), received.get(0));
    }

    private static Frame frameOf(byte[] bytes) {
        Frame f = new Frame(2048);
        f.copyFrom(bytes, 0, bytes.length);
        return f;
    }

    @Test
    public void deactivatingStopsTheReceiveThreadWithinTwoSeconds() throws Exception {
        assertTrue(Await.threadAlive("evb-rx-wire"));
        long start = System.nanoTime();
        port.deactivate();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        port = null;
        assertTrue("stopped in " + millis + " ms", millis < 2000);
        assertFalse(Await.threadAlive("evb-rx-wire"));
        System.out.println(tag + " port stopped in " + millis + " ms, receive thread gone");
    }

    @Test
    public void missingInterfaceLeavesThePortDownWithTheReason() throws Exception {
        PortComponent missing = new PortComponent(registry,
                PortConfigs.of(Map.of("name", "missing", "interface$", "evbtnothere0", "driver", driver().name())));
        try {
            Await.until("port DOWN with reason", 5, () -> missing.reason().contains("no such interface"));
            assertEquals(PortState.DOWN, missing.state());
        } finally {
            missing.deactivate();
        }
    }

    @Test
    public void theReceiveThreadRunsOnItsConfiguredCpuAndACpuNotOnlineLeavesThePortDownWithTheReason() throws Exception {
        String cpu = String.valueOf(Runtime.getRuntime().availableProcessors() - 1);
        port.deactivate(); // one port per interface
        port = null;
        PortComponent pinned = new PortComponent(registry, PortConfigs.of(Map.of("name", "pinned", "interface$",
                lab.hostInterface, "driver", driver().name(), "rx_cpus", cpu)));
        PortComponent nowhere = null;
        try {
            Await.until("pinned port UP", 10, () -> pinned.state() == PortState.UP);
            // the kernel's view of the thread: /proc/self/task/TID/comm is its name, status its CPUs
            String allowed = null;
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    if (Files.readString(task.resolve("comm")).trim().equals("evb-rx-pinned")) {
                        allowed = Files.readAllLines(task.resolve("status")).stream()
                                .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                                .substring("Cpus_allowed_list:".length()).trim();
                    }
                }
            }
            assertEquals("the receive thread's CPUs as the kernel has them", cpu, allowed);
            List<byte[]> seen = new CopyOnWriteArrayList<>();
            pinned.claim("test", (ingress, frame) -> seen.add(frame.toByteArray()));
            byte[] f = TestFrames.ethernet(0x88b5, 60);
            lab.inject(List.of(f));
            Await.until("a frame received on the pinned thread", 10, () -> seen.size() == 1);
            assertArrayEquals(f, seen.get(0));

            pinned.deactivate();
            PortComponent bad = new PortComponent(registry, PortConfigs.of(Map.of("name", "nowhere", "interface$",
                    lab.hostInterface, "driver", driver().name(), "rx_cpus", "1023")));
            nowhere = bad;
            Await.until("port on CPU 1023 DOWN with the reason", 10, () -> bad.reason().contains("rx.cpus"));
            assertEquals(PortState.DOWN, nowhere.state());
            assertFalse("no receive thread left behind", Await.threadAlive("evb-rx-nowhere"));
            System.out.println(tag + " rx.cpus " + cpu + ": receive thread allowed on CPU " + allowed
                    + " (kernel's view), frames received; rx.cpus 1023: DOWN, " + nowhere.reason());
        } finally {
            pinned.deactivate();
            if (nowhere != null) {
                nowhere.deactivate();
            }
        }
    }

    private static byte[] shortFrame(int length) {
        return TestFrames.ethernet(0x88b5, length); // local experimental EtherType
    }

    private static byte[] padded(byte[] f) {
        return f.length >= 60 ? f : Arrays.copyOf(f, 60);
    }
}
