package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A port that receives on two lanes (rx.lanes = 2, packet driver): the kernel spreads its frames
 * over two receive threads by flow hash. Through an 802.1Q bridge, every frame of 32 UDP flows
 * arrives, each flow in its order, and both lanes carried some; a driver without lanes refuses.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LanesIT extends LabTestSupport {

    private static final int FLOWS = 32;
    private static final int PER_FLOW = 50;
    private static final int UDP_PORT = 47000;

    private String vm(String role, String... portKeys) throws Exception {
        String ns = lab.namespace(role);
        lab.veth(lab.hostName(role), ns, "eth0", 1500, null);
        List<String> keys = new ArrayList<>(List.of("name", name(role), "interface", lab.hostName(role), "driver", "packet"));
        keys.addAll(List.of(portKeys));
        configs.create("org.openevb.port", keys.toArray(String[]::new)); // later keys override earlier ones
        return ns;
    }

    /** An IPv4 UDP frame of flow {@code flow} (its source port) carrying sequence number {@code seq}. */
    private static byte[] udp(String dstMac, String srcMac, int flow, int seq) {
        ByteBuffer b = ByteBuffer.allocate(60);
        b.put(HexFormat.of().parseHex(dstMac + srcMac + "0800"));
        int ipAt = b.position();
        b.put((byte) 0x45).put((byte) 0).putShort((short) 46).putShort((short) seq).putShort((short) 0x4000);
        b.put((byte) 64).put((byte) 17).putShort((short) 0).putInt(0x0a000101).putInt(0x0a000102);
        int sum = 0;
        for (int i = ipAt; i < ipAt + 20; i += 2) {
            sum += b.getShort(i) & 0xFFFF;
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        b.putShort(ipAt + 10, (short) ~((sum & 0xFFFF) + (sum >>> 16)));
        b.putShort((short) (40000 + flow)).putShort((short) UDP_PORT).putShort((short) 26).putShort((short) 0);
        b.putInt(flow).putInt(seq);
        return b.array();
    }

    @Test
    public void twoLanesDeliverEveryFrameAndKeepEachFlowInOrder() throws Exception {
        String vm1 = vm("vm1", "rx.lanes", "2");
        String vm2 = vm("vm2");
        String bridge = "br-" + lab.tag;
        configs.create("org.openevb.bridge", "name", bridge, "mode", "dot1q", "ports", name("vm1") + "," + name("vm2"));
        Await.until(bridge + " forwarding", 30, () -> Ready.forwardingWithPortsUp(bridges, bridge));
        assertTrue("lane 0's receive thread", Await.threadAlive("evb-rx-" + name("vm1") + "-0"));
        assertTrue("lane 1's receive thread", Await.threadAlive("evb-rx-" + name("vm1") + "-1"));

        String dst = lab.mac(vm2, "eth0").replace(":", "");
        String src = lab.mac(vm1, "eth0").replace(":", "");
        List<byte[]> frames = new ArrayList<>();
        for (int seq = 0; seq < PER_FLOW; seq++) {
            for (int flow = 0; flow < FLOWS; flow++) {
                frames.add(udp(dst, src, flow, seq));
            }
        }
        NetLab.Capture atVm2 = lab.capture(vm2, "eth0", frames.size(), true, "udp dst port " + UDP_PORT);
        // in bursts of 200 (each its own sender process): 1600 frames at once from one socket can
        // overrun the kernel's per-CPU input backlog (1000 frames by default) before any port sees them
        for (int from = 0; from < frames.size(); from += 200) {
            lab.inject(vm1, "eth0", frames.subList(from, Math.min(from + 200, frames.size())));
        }
        List<byte[]> delivered = atVm2.await(20);

        Port in = ports.port(name("vm1")).orElseThrow();
        Port out = ports.port(name("vm2")).orElseThrow();
        assertEquals("every frame crossed the bridge; received per lane " + in.rxFramesByLane() + ", kernel drops in "
                + in.counters().kernelDrops() + ", sent on " + name("vm2") + " " + out.counters().txFrames() + ", its drops "
                + out.counters().drops(), frames.size(), delivered.size());
        int[] next = new int[FLOWS];
        for (byte[] f : delivered) {
            ByteBuffer b = ByteBuffer.wrap(f);
            int flow = b.getInt(42);
            int seq = b.getInt(46);
            assertEquals("flow " + flow + " in order", next[flow], seq);
            next[flow]++;
        }
        Port port = ports.port(name("vm1")).orElseThrow();
        List<Long> byLane = port.rxFramesByLane();
        assertEquals("two lanes: " + byLane, 2, byLane.size());
        assertTrue("both lanes received: " + byLane, byLane.get(0) > 0 && byLane.get(1) > 0);
        assertTrue("the lanes together received every frame: " + byLane, byLane.get(0) + byLane.get(1) >= frames.size());

        JsonArray lanes = JsonParser.parseString(execute("evb:port-show --json " + name("vm1"))).getAsJsonObject()
                .getAsJsonArray("rxFramesByLane");
        assertEquals(2, lanes.size());
        String shown = execute("evb:port-show " + name("vm1"));
        assertTrue(shown, shown.contains("RX lanes    2"));
        System.out.println("[lanes] " + FLOWS + " UDP flows x " + PER_FLOW + " frames into a port with rx.lanes 2: "
                + delivered.size() + " of " + frames.size() + " delivered, every flow in order; frames per lane " + byLane);
    }

    @Test
    public void aDriverWithoutLanesLeavesThePortDownSayingSo() throws Exception {
        vm("vm1", "driver", "pcap", "rx.lanes", "2");
        Await.until("port down with the reason", 20, () -> ports.port(name("vm1"))
                .map(p -> p.state() == PortState.DOWN && p.reason().contains("rx.lanes 2")).orElse(false));
        String reason = ports.port(name("vm1")).orElseThrow().reason();
        assertTrue(reason, reason.contains("pcap driver receives on one thread"));
        System.out.println("[lanes] pcap with rx.lanes 2: " + reason);
    }
}
