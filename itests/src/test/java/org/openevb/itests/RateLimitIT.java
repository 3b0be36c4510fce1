package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.port.DropReason;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * Rate limits on real traffic. Ingress policing: iperf3 from VM1 to VM2 across an 802.1Q bridge of the platform,
 * VM1's port policed at 100 Mbit/s, then, changed live, at 30 Mbit/s. UDP offered at twice the
 * limit must leave VM2's port within 10% of it (in Ethernet frames, which is what the policer
 * counts; the payload iperf3's receiver counts is 1400 of each 1442 bytes); TCP must stay under it (a policer drops what exceeds, and
 * TCP at sub-millisecond round trips then recovers in bursts: its figure is printed). The frames
 * the policer dropped are counted. Egress shaping: two classes by PCP contend for a shaped port,
 * and each gets what its guarantee and its place in the order promise.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RateLimitIT extends LabTestSupport {

    private static final String NET = "192.168.71.";
    private static final int SECONDS = 5;

    private Configuration port(String role, String ns, String cidr) throws IOException {
        lab.veth(lab.hostName(role), ns, "eth0", 1500, cidr);
        return configs.create("org.openevb.port", "name", name(role), "interface", lab.hostName(role), "driver", "packet");
    }

    /**
     * One iperf3 run from vm1 to vm2, {@code udpRate} bits per second of UDP or, when 0, TCP (its
     * first second not counted: the burst of the bucket would inflate a short run); the
     * receiver's bits per second.
     */
    private double iperf(String vm1, String vm2, long udpRate) throws Exception {
        Process server = new ProcessBuilder("ip", "netns", "exec", vm2, "iperf3", "-s", "-1", "-B", NET + "2")
                .redirectErrorStream(true).start();
        try {
            server.getOutputStream().close();
            Await.until("iperf3 server listening", 10, () -> lab.in(vm2, "ss", "-ltn").contains(NET + "2:5201"));
            List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", vm1, "iperf3", "-c", NET + "2", "-t",
                    Integer.toString(SECONDS), "-J"));
            cmd.addAll(udpRate > 0 ? List.of("-u", "-l", "1400", "-b", Long.toString(udpRate)) : List.of("-O", "1"));
            Commands.Result r = Commands.tryRun(cmd.toArray(new String[0]));
            assertEquals("iperf3 client: " + r.output(), 0, r.exit());
            JsonObject end = JsonParser.parseString(r.output()).getAsJsonObject().getAsJsonObject("end");
            return end.getAsJsonObject("sum_received").get("bits_per_second").getAsDouble();
        } finally {
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    private long txBytes(String port) {
        return ports.port(port).orElseThrow().counters().txBytes();
    }

    private static void within(String what, double limit, double measured) {
        assertTrue(String.format("%s: %.1f Mbit/s against a limit of %.0f", what, measured / 1e6, limit / 1e6),
                Math.abs(measured - limit) <= 0.1 * limit);
    }

    @Test
    public void aPolicedPortHoldsTcpWithinTenPercentOfItsRateAndTheRateChangesLive() throws Exception {
        String vm1 = lab.namespace("vm1");
        String vm2 = lab.namespace("vm2");
        Configuration policed = port("vm1", vm1, NET + "1/24");
        Configuration receiving = port("vm2", vm2, NET + "2/24");
        String bridge = "br-" + lab.tag;
        configs.create("org.openevb.bridge", "name", bridge, "mode", "dot1q", "ports", name("vm1") + "," + name("vm2"));
        Await.until(bridge + " forwarding", 30, () -> Ready.forwardingWithPortsUp(bridges, bridge));
        assertEquals("VM2 answers", 3, lab.ping(vm1, NET + "2", 3));

        double free = iperf(vm1, vm2, 0);
        Configs.update(policed, "police.rate", "100M");
        Thread.sleep(1000); // configuration admin hands the change to the port asynchronously
        long out = txBytes(name("vm2"));
        double udp100 = iperf(vm1, vm2, 200_000_000L);
        double wire100 = (txBytes(name("vm2")) - out) * 8.0 / SECONDS;
        double tcp100 = iperf(vm1, vm2, 0);
        long policed100 = ports.port(name("vm1")).orElseThrow().counters().drops(DropReason.RX_POLICED);
        Configs.update(policed, "police.rate", "30M");
        Thread.sleep(1000);
        out = txBytes(name("vm2"));
        double udp30 = iperf(vm1, vm2, 60_000_000L);
        double wire30 = (txBytes(name("vm2")) - out) * 8.0 / SECONDS;
        double tcp30 = iperf(vm1, vm2, 0);
        long policedAll = ports.port(name("vm1")).orElseThrow().counters().drops(DropReason.RX_POLICED);
        System.out.printf("[policer] VM1 -> VM2 over an 802.1Q bridge, iperf3 %d s per run: unpoliced TCP %.0f Mbit/s;"
                + " police.rate 100M (default burst 100 ms = 1.25 MB): UDP offered 200M -> %.1f Mbit/s of frames out of"
                + " VM2's port, %.1f Mbit/s of payload at the receiver; TCP %.1f Mbit/s (%d frames policed); changed"
                + " live to 30M: UDP offered 60M -> %.1f on the wire, %.1f at the receiver; TCP %.1f Mbit/s (%d more"
                + " policed)%n", SECONDS, free / 1e6, wire100 / 1e6, udp100 / 1e6, tcp100 / 1e6, policed100,
                wire30 / 1e6, udp30 / 1e6, tcp30 / 1e6, policedAll - policed100);
        assertTrue("unpoliced TCP is faster than the limit, so the limit is what holds it: " + free, free > 150e6);
        // the policer counts Ethernet frames, so its precision shows in the frames it let through
        within("UDP at twice police.rate 100M, frames delivered", 100e6, wire100);
        within("UDP at twice police.rate 30M (changed live), frames delivered", 30e6, wire30);
        assertTrue("TCP held under 100M: " + tcp100, tcp100 <= 110e6);
        assertTrue("TCP held under 30M: " + tcp30, tcp30 <= 33e6);
        assertTrue("the policer dropped frames at 100M", policed100 > 0);
        assertTrue("and at 30M", policedAll > policed100);
        // the same TCP flow shaped instead (VM2's port, egress): queued, not dropped, it gets the rate
        Configs.update(policed, "police.rate", null);
        Configs.update(receiving, "shape.rate", "100M");
        Thread.sleep(1000);
        double shapedTcp = iperf(vm1, vm2, 0);
        System.out.printf("[shaper] the same TCP flow with VM2's port shaped at 100M instead: %.1f Mbit/s of payload"
                + " (%d frames dropped with the queue full)%n", shapedTcp / 1e6,
                ports.port(name("vm2")).orElseThrow().counters().drops(DropReason.TX_QUEUE_FULL));
        // TCP payload is 1448 of each 1514 bytes on the wire
        within("TCP through a port shaped at 100M", 100e6 * 1448 / 1514, shapedTcp);
        String shown = execute("evb:port-list --json");
        assertTrue("port-list shows the policed drops: " + shown, shown.contains("\"rx-policed\": " + policedAll));
    }

    /** Sends 1000-byte frames tagged VID 10 with a PCP, the PCP also in the first payload byte, at a rate. */
    private static final String TAGGED_SENDER = String.join("\n",
            "import socket, sys, time",
            "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)",
            "s.bind(('eth0', 0))",
            "dst, src, pcp, rate, secs = bytes.fromhex(sys.argv[1]), bytes.fromhex(sys.argv[2]), int(sys.argv[3]),"
                    + " float(sys.argv[4]), float(sys.argv[5])",
            "f = dst + src + b'\\x81\\x00' + ((pcp << 13) | 10).to_bytes(2, 'big') + b'\\x88\\xb5' + bytes([pcp]) * 982",
            "t0 = time.perf_counter(); n = 0",
            "while True:",
            "    now = time.perf_counter() - t0",
            "    if now >= secs: break",
            "    while n < now * rate:",
            "        s.send(f); n += 1",
            "    time.sleep(0.0005)",
            "print(n, flush=True)");
    /** Counts the bytes of frames by their first payload byte (the PCP), tag stripped by the kernel or not. */
    private static final String COUNTER = String.join("\n",
            "import socket, sys, time",
            "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))",
            "s.bind(('eth0', 0))",
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)",
            "s.settimeout(0.2)",
            "start, secs = float(sys.argv[1]), float(sys.argv[2])",
            "counts = {}",
            "print('ready', flush=True)",
            "end = time.time() + start + secs",
            "while time.time() < end:",
            "    try:",
            "        f = s.recv(4096)",
            "    except socket.timeout:",
            "        continue",
            "    at = 14 if f[12:14] == b'\\x88\\xb5' else 18 if f[16:18] == b'\\x88\\xb5' else 0",
            "    if at and time.time() >= end - secs:",
            "        counts[f[at]] = counts.get(f[at], 0) + len(f) + (4 if at == 14 else 0)",
            "print(' '.join('%d:%d' % kv for kv in sorted(counts.items())), flush=True)");

    @Test
    public void aShapedPortGivesEachClassItsGuaranteeUnderContention() throws Exception {
        String vm1 = lab.namespace("vm1");
        String vm2 = lab.namespace("vm2");
        port("vm1", vm1, null);
        // VM2's port sends at most 50 Mbit/s: PCP 5 first, with 30 Mbit/s guaranteed, PCP 0 with 10
        lab.veth(lab.hostName("vm2"), vm2, "eth0", 1500, null);
        configs.create("org.openevb.port", "name", name("vm2"), "interface", lab.hostName("vm2"), "driver", "packet",
                "shape.rate", "50M", "shape.classes", "voice: 5 30M, bulk: 0 10M");
        String bridge = "br-" + lab.tag;
        configs.create("org.openevb.bridge", "name", bridge, "mode", "dot1q", "ports", name("vm1") + "," + name("vm2"),
                "port." + name("vm1") + ".vlans", "10", "port." + name("vm2") + ".vlans", "10");
        Await.until(bridge + " forwarding", 30, () -> Ready.forwardingWithPortsUp(bridges, bridge));
        String dst = lab.mac(vm2, "eth0").replace(":", "");
        String src = lab.mac(vm1, "eth0").replace(":", "");
        int seconds = 4;
        double warmUp = 1.0;
        Process counter = new ProcessBuilder("ip", "netns", "exec", vm2, "python3", "-c", COUNTER,
                Double.toString(warmUp), Integer.toString(seconds - 2)).redirectErrorStream(true).start();
        try {
            counter.getOutputStream().close();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(counter.getInputStream()));
            assertEquals("ready", out.readLine());
            // 40 Mbit/s offered in each class: 5000 frames of 1000 bytes per second
            Process voice = new ProcessBuilder("ip", "netns", "exec", vm1, "python3", "-c", TAGGED_SENDER, dst, src, "5",
                    "5000", Integer.toString(seconds)).redirectErrorStream(true).start();
            Process bulk = new ProcessBuilder("ip", "netns", "exec", vm1, "python3", "-c", TAGGED_SENDER, dst, src, "0",
                    "5000", Integer.toString(seconds)).redirectErrorStream(true).start();
            assertTrue(voice.waitFor(seconds + 20, TimeUnit.SECONDS) && bulk.waitFor(20, TimeUnit.SECONDS));
            assertTrue("the counter ends", counter.waitFor(20, TimeUnit.SECONDS));
            String line = out.readLine();
            double voiceRate = 0;
            double bulkRate = 0;
            for (String kv : line.trim().split(" ")) {
                String[] p = kv.split(":");
                double rate = Long.parseLong(p[1]) * 8.0 / (seconds - 2);
                if (p[0].equals("5")) {
                    voiceRate = rate;
                } else if (p[0].equals("0")) {
                    bulkRate = rate;
                }
            }
            long full = ports.port(name("vm2")).orElseThrow().counters().drops(DropReason.TX_QUEUE_FULL);
            System.out.printf("[shaper] VM2's port shaped at 50M (voice: PCP 5, 30M guaranteed, first; bulk: PCP 0, 10M);"
                    + " 40 Mbit/s offered in each class from VM1: voice %.1f, bulk %.1f, together %.1f Mbit/s of frames"
                    + " at VM2 over %d s; %d frames dropped with their class's queue full%n", voiceRate / 1e6,
                    bulkRate / 1e6, (voiceRate + bulkRate) / 1e6, seconds - 2, full);
            within("the shaped port's rate", 50e6, voiceRate + bulkRate);
            assertTrue("voice gets at least its guarantee: " + voiceRate, voiceRate >= 0.9 * 30e6);
            within("bulk gets its guarantee, voice the rest", 10e6, bulkRate);
            assertTrue("the queues overflowed and it was counted", full > 0);
            JsonObject shown = JsonParser.parseString(execute("evb:rate-show --json " + name("vm2"))).getAsJsonArray().get(0)
                    .getAsJsonObject();
            assertEquals(50_000_000L, shown.get("shapeBitsPerSecond").getAsLong());
            JsonObject bulkClass = shown.getAsJsonArray("classes").get(1).getAsJsonObject();
            assertEquals("bulk", bulkClass.get("name").getAsString());
            assertTrue("rate-show counts bulk's queue-full drops: " + bulkClass, bulkClass.get("queueFull").getAsLong() > 0);
        } finally {
            counter.destroyForcibly();
        }
    }
}
