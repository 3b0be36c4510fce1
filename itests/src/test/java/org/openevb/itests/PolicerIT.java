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
 * Ingress policing on real traffic: iperf3 from VM1 to VM2 across an 802.1Q bridge of the platform,
 * VM1's port policed at 100 Mbit/s, then, changed live, at 30 Mbit/s. UDP offered at twice the
 * limit must leave VM2's port within 10% of it (in Ethernet frames, which is what the policer
 * counts; the payload iperf3's receiver counts is 1400 of each 1442 bytes); TCP must stay under it (a policer drops what exceeds, and
 * TCP at sub-millisecond round trips then recovers in bursts: its figure is printed). The frames
 * the policer dropped are counted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PolicerIT extends LabTestSupport {

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
        port("vm2", vm2, NET + "2/24");
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
        String shown = execute("evb:port-list --json");
        assertTrue("port-list shows the policed drops: " + shown, shown.contains("\"rx-policed\": " + policedAll));
    }
}
