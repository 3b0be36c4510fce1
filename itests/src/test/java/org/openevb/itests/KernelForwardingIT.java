package org.openevb.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.driver.KernelForwarding;
import org.openevb.api.port.Port;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * An 802.1Q bridge with {@code kernel.forwarding on} over xdp ports on veths: once it has
 * forwarded a known unicast frame, the frames that follow are forwarded by the kernel (the xdp
 * driver's program), delivered byte for byte and counted, and a station that moves, or a capture
 * on a port, brings the frames back through the bridge.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KernelForwardingIT extends LabTestSupport {

    private static final String VM1 = "02:00:00:00:6b:01";
    private static final String VM2 = "02:00:00:00:6b:02";
    private static final int FRAMES = 1000;

    private static byte[] frame(String dst, String src, int seq) {
        byte[] f = HexFormat.of().parseHex(dst.replace(":", "") + src.replace(":", "") + "88b5" + "00".repeat(46));
        f[14] = (byte) (seq >>> 24);
        f[15] = (byte) (seq >>> 16);
        f[16] = (byte) (seq >>> 8);
        f[17] = (byte) seq;
        return f;
    }

    private static List<byte[]> frames(String dst, String src, int from, int count) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(frame(dst, src, from + i));
        }
        return out;
    }

    private String vm(String role, String mac) throws Exception {
        String ns = lab.namespace(role);
        lab.veth(lab.hostName(role), ns, "eth0", 1500, null);
        lab.in(ns, "ip", "link", "set", "eth0", "address", mac);
        configs.create("org.openevb.port", "name", name(role), "interface", lab.hostName(role), "driver", "xdp");
        return ns;
    }

    private KernelForwarding table(String port) {
        return ports.port(port).map(Port::kernelForwarding).orElse(null);
    }

    @Test
    public void knownUnicastIsForwardedByTheKernelUntilTheStationMovesOrAPortIsCaptured() throws Exception {
        String vm1 = vm("vm1", VM1);
        String vm2 = vm("vm2", VM2);
        String vm3 = vm("vm3", "02:00:00:00:6b:03");
        String bridgeName = "kf-" + lab.tag;
        configs.create("org.openevb.bridge", "name", bridgeName, "mode", "dot1q", "kernel.forwarding", "on",
                "ports", name("vm1") + "," + name("vm2") + "," + name("vm3"));
        Await.until(bridgeName + " forwarding", 30, () -> Ready.forwardingWithPortsUp(bridges, bridgeName));
        Bridge bridge = bridges.bridge(bridgeName).orElseThrow();
        assertNotNull("xdp ports have a kernel forwarding table", table(name("vm1")));

        // VM2 makes itself known, VM1 sends to it: the first frame through the bridge adds the entry
        lab.inject(vm2, "eth0", List.of(frame(VM1, VM2, -1)));
        lab.inject(vm1, "eth0", List.of(frame(VM2, VM1, -2)));
        Await.until("the entry VM1 -> VM2 on VM1's port", 10, () -> table(name("vm1")).size() == 1);
        long bridgeRx = bridge.ports().get(0).rxFrames();

        NetLab.Capture atVm2 = lab.capture(vm2, "eth0", FRAMES, true, "ether proto 0x88b5");
        // at a rate: a burst of 1000 at once overflows the kernel's receive backlog (1000 frames) on
        // the way through two veths, for the Linux bridge as for the table
        Process stream = lab.stream(vm1, "eth0", VM2, VM1, FRAMES, 5000);
        assertTrue("the stream ended", stream.waitFor(20, java.util.concurrent.TimeUnit.SECONDS));
        List<byte[]> got = atVm2.await(20);
        int[] lostDup = NetLab.lostAndDuplicated(got, FRAMES);
        assertEquals("lost", 0, lostDup[0]);
        assertEquals("duplicated", 0, lostDup[1]);
        assertArrayEquals("byte for byte", frame(VM2, VM1, FRAMES - 1), got.stream()
                .filter(f -> f[17] == (byte) (FRAMES - 1) && f[16] == (byte) ((FRAMES - 1) >> 8)).findFirst().orElseThrow());
        KernelForwarding t1 = table(name("vm1"));
        assertEquals("every frame forwarded by the kernel", FRAMES, t1.forwardedFrames());
        assertEquals(FRAMES * 60L, t1.forwardedBytes());
        long byKernel = t1.forwardedFrames();
        assertEquals("the bridge saw none of them", bridgeRx, bridge.ports().get(0).rxFrames());
        long portRx = ports.port(name("vm1")).orElseThrow().counters().rxFrames();
        assertTrue("the port counts them as received: " + portRx, portRx >= FRAMES + 1);
        Await.until("the bridge's counters once it read the entries", 5,
                () -> bridge.ports().get(0).rxFrames() == bridgeRx + FRAMES
                        && bridge.ports().get(1).txFrames() >= FRAMES + 1);

        // VM2 moves behind VM3's port: the entry goes, the frames follow it
        lab.inject(vm3, "eth0", List.of(frame(VM1, VM2, -3)));
        Await.until("the entry to VM2 withdrawn", 10, () -> table(name("vm1")).size() == 0);
        NetLab.Capture atVm3 = lab.capture(vm3, "eth0", 100, true, "ether proto 0x88b5 and ether src " + VM1);
        lab.inject(vm1, "eth0", frames(VM2, VM1, 0, 100));
        assertEquals("all 100 to VM2's new port", 100, atVm3.await(20).size());
        Await.until("and handed to the kernel again", 10, () -> table(name("vm1")).size() == 1);

        // a tap on VM3's port (what evb:capture and mirrors use): its frames must pass the port again
        java.util.concurrent.atomic.AtomicInteger tapped = new java.util.concurrent.atomic.AtomicInteger();
        try (AutoCloseable tap = ports.port(name("vm3")).orElseThrow().addTap((direction, nanos, f) -> {
            if (direction == org.openevb.api.port.PortTap.Direction.OUT && f.length() == 60) {
                tapped.incrementAndGet();
            }
        })) {
            Await.until("the entry to the tapped port withdrawn", 10, () -> table(name("vm1")).size() == 0);
            lab.inject(vm1, "eth0", frames(VM2, VM1, 0, 50));
            Await.until("the tap saw the 50 frames", 20, () -> tapped.get() == 50);
            assertEquals("none added past the tapped port", 0, table(name("vm1")).size());
        }

        System.out.println("[kernel-forwarding] bridge " + bridgeName + " on xdp ports: " + FRAMES
                + " frames VM1 -> VM2 after the first, all by the kernel (the table counted " + byKernel
                + " frames), 0 lost, 0 duplicated, the bridge's own receive count unchanged; VM2 moved: entry withdrawn,"
                + " 100 of 100 to the new port, entry back; a tap on that port: entry withdrawn, the tap saw 50 of 50");
    }
}
