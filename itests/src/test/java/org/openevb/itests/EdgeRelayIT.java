package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.port.PortState;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;

/**
 * Edge relays and reflective relay on real frames, against Linux peers: VMs are network
 * namespaces behind veths whose host ends are the relay's VSI ports; the adjacent bridge is a
 * Linux bridge (hairpin = reflective relay) or our own 802.1Q bridge facing Linux macvlans in
 * VEPA mode. Everything runs in the booted distribution, configured through ConfigAdmin.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EdgeRelayIT extends KarafTestSupport {

    private static final String NET = "192.168.66.";

    private NetLab lab;
    private final List<Configuration> configurations = new ArrayList<>();

    @Before
    public void setUp() throws IOException {
        lab = new NetLab();
    }

    @After
    public void tearDown() throws Exception {
        try {
            for (Configuration c : configurations) {
                c.delete();
            }
            Await.until("test ports removed", 10,
                    () -> ports.ports().stream().noneMatch(p -> p.name().endsWith("-" + lab.tag)));
        } finally {
            lab.close();
        }
    }

    /** The server: VMs vm1 and vm2, an edge relay, its uplink to a Linux bridge with an outside host. */
    private final class Server {
        final String vm1 = lab.namespace("vm1");
        final String vm2 = lab.namespace("vm2");
        final String sw = lab.namespace("sw");
        final String relay = "er-" + lab.tag;
        String vm1Mac;
        String vm2Mac;

        Server(String mode, boolean hairpin) throws Exception {
            lab.veth(lab.hostName("v1"), vm1, "eth0", 1500, NET + "1/24");
            lab.veth(lab.hostName("v2"), vm2, "eth0", 1500, NET + "2/24");
            lab.veth(lab.hostName("up"), sw, "p1", 1500, null);
            lab.linuxBridge(sw, "p1", NET + "254/24");
            hairpin(hairpin);
            vm1Mac = lab.mac(vm1, "eth0");
            vm2Mac = lab.mac(vm2, "eth0");
            port("vm1", lab.hostName("v1"));
            port("vm2", lab.hostName("v2"));
            port("up", lab.hostName("up"));
            bridge(Map.of("name", relay, "mode", mode, "ports", name("up") + "," + name("vm1") + "," + name("vm2"),
                    "uplink", name("up")));
            Await.until("relay forwarding", 15, () -> forwardingWithPortsUp(relay));
        }

        /** Reflective relay of the Linux bridge port facing the server. */
        void hairpin(boolean on) {
            lab.in(sw, "bridge", "link", "set", "dev", "p1", "hairpin", on ? "on" : "off");
        }

        void mode(String mode) throws IOException {
            Configuration c = configurations.get(configurations.size() - 1);
            Hashtable<String, Object> props = copy(c);
            props.put("mode", mode);
            c.update(props);
        }
    }

    private String name(String role) {
        return role + "-" + lab.tag;
    }

    private void port(String role, String itf) throws IOException {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("name", name(role));
        p.put("interface", itf);
        Configuration c = configurationAdmin.createFactoryConfiguration("org.openevb.port", "?");
        c.update(p);
        configurations.add(0, c); // ports are deleted after the bridges that use them
    }

    private Configuration bridge(Map<String, String> properties) throws IOException {
        Configuration c = configurationAdmin.createFactoryConfiguration("org.openevb.bridge", "?");
        c.update(new Hashtable<>(properties));
        configurations.add(c);
        return c;
    }

    /** Whether the bridge exists, forwards, and all its ports are UP (configuration is applied asynchronously). */
    private boolean forwardingWithPortsUp(String bridgeName) {
        return Ready.forwardingWithPortsUp(bridges, bridgeName);
    }

    private Bridge bridge(String bridgeName) {
        return bridges.bridge(bridgeName).orElseThrow(() -> new AssertionError("no bridge " + bridgeName));
    }

    private static Hashtable<String, Object> copy(Configuration c) {
        Hashtable<String, Object> props = new Hashtable<>();
        var d = c.getProperties();
        for (var keys = d.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            props.put(k, d.get(k));
        }
        return props;
    }

    private static byte[] frame(String dst, String src, int seq) {
        byte[] f = new byte[60];
        byte[] head = java.util.HexFormat.of().parseHex(dst.replace(":", "") + src.replace(":", "") + "88b5");
        System.arraycopy(head, 0, f, 0, 14);
        f[14] = (byte) (seq >>> 24);
        f[15] = (byte) (seq >>> 16);
        f[16] = (byte) (seq >>> 8);
        f[17] = (byte) seq;
        return f;
    }

    @Test
    public void ourVepaReachesTheOtherVmOnlyThroughLinuxHairpin() throws Exception {
        Server s = new Server("vepa", false);
        assertEquals("no hairpin on the adjacent bridge: VEPA VMs cannot reach each other", 0, lab.ping(s.vm1, NET + "2", 3));
        s.hairpin(true);
        NetLab.Capture uplink = lab.capture(s.sw, "p1", 6, false,
                "icmp and ether src " + s.vm1Mac + " and ether dst " + s.vm2Mac);
        assertEquals("hairpin on: VM1 reaches VM2", 3, lab.ping(s.vm1, NET + "2", 3));
        List<byte[]> upAndDown = uplink.await(10);
        assertEquals("each VM1->VM2 frame crosses the uplink twice (up, reflected down)", 6, upAndDown.size());

        NetLab.Capture atVm2 = lab.capture(s.vm2, "eth0", 5, true, "ether proto 0x88b5");
        NetLab.Capture atVm1 = lab.capture(s.vm1, "eth0", 1, true, "ether proto 0x88b5");
        List<byte[]> broadcasts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            broadcasts.add(frame("ff:ff:ff:ff:ff:ff", s.vm1Mac, i));
        }
        lab.inject(s.vm1, "eth0", broadcasts);
        assertEquals("a broadcast from VM1 reaches VM2 exactly once", 5, atVm2.await(10).size());
        assertEquals("and VM1 never", 0, atVm1.await(3).size());
        System.out.println("[edge-relay] our VEPA + Linux hairpin: ping 0/3 with hairpin off, 3/3 on; "
                + "6 VM1->VM2 frames on the uplink (up and back); 5 broadcasts reached VM2 once each, VM1 0 times");
    }

    @Test
    public void linuxVepaReachesTheOtherVmOnlyThroughOurReflectiveRelay() throws Exception {
        String st = lab.namespace("st");
        String m1 = lab.namespace("m1");
        String m2 = lab.namespace("m2");
        lab.veth(lab.hostName("st"), st, "lower", 1500, null);
        String[] vms = {m1, m2};
        for (int i = 0; i < 2; i++) {
            String mv = "mv" + (i + 1);
            lab.in(st, "ip", "link", "add", "link", "lower", "name", mv, "type", "macvlan", "mode", "vepa");
            lab.in(st, "ip", "link", "set", mv, "netns", vms[i]);
            lab.in(vms[i], "sysctl", "-q", "-w", "net.ipv6.conf." + mv + ".disable_ipv6=1");
            lab.in(vms[i], "ip", "addr", "add", "192.168.67." + (i + 1) + "/24", "dev", mv);
            lab.in(vms[i], "ip", "link", "set", mv, "up");
        }
        port("st", lab.hostName("st"));
        String br = "br-" + lab.tag;
        Configuration cfg = bridge(Map.of("name", br, "mode", "dot1q", "ports", name("st")));
        Await.until("bridge forwarding", 15, () -> forwardingWithPortsUp(br));
        assertEquals("reflective relay off: macvlan VEPA VMs cannot reach each other", 0, lab.ping(m1, "192.168.67.2", 3));

        Hashtable<String, Object> props = copy(cfg);
        props.put("port." + name("st") + ".reflective.relay", "true");
        cfg.update(props);
        Await.until("reflective relay on", 10, () -> bridge(br).ports().get(0).reflectiveRelay());
        assertEquals("reflective relay on: they can", 3, lab.ping(m1, "192.168.67.2", 3));

        props.put("port." + name("st") + ".reflective.relay", "false");
        cfg.update(props);
        Await.until("reflective relay off", 10, () -> !bridge(br).ports().get(0).reflectiveRelay());
        assertEquals("off again: cut off again", 0, lab.ping(m1, "192.168.67.2", 3));
        System.out.println("[edge-relay] Linux macvlan VEPA + our reflective relay: ping 0/3 off, 3/3 on, 0/3 off again");
    }

    @Test
    public void vebSwitchesLocallyAndSendsOnlyOutsideTrafficUp() throws Exception {
        Server s = new Server("veb", false);
        NetLab.Capture uplink = lab.capture(s.sw, "p1", 1, false,
                "ether host " + s.vm1Mac + " and ether host " + s.vm2Mac);
        assertEquals("VEB: VM1 reaches VM2 without any hairpin", 3, lab.ping(s.vm1, NET + "2", 3));
        assertEquals("VM1<->VM2 unicast never appears on the uplink", 0, uplink.await(2).size());
        NetLab.Capture outside = lab.capture(s.sw, "p1", 6, false, "icmp and ether host " + s.vm1Mac);
        assertEquals(3, lab.ping(s.vm1, NET + "254", 3));
        assertEquals("traffic to an outside host does go up", 6, outside.await(10).size());
        System.out.println("[edge-relay] VEB: ping VM1->VM2 3/3 with 0 frames on the uplink; "
                + "ping to the outside host 3/3 with 6 frames on the uplink");
    }

    @Test
    public void swappingVebAndVepaUnderLoadLosesAndDuplicatesNothing() throws Exception {
        Server s = new Server("veb", true);
        // both VMs make themselves known first, so no frame of the stream is flooded
        lab.inject(s.vm1, "eth0", List.of(frame("ff:ff:ff:ff:ff:ff", s.vm1Mac, -1)));
        lab.inject(s.vm2, "eth0", List.of(frame("ff:ff:ff:ff:ff:ff", s.vm2Mac, -1)));
        Thread.sleep(300);
        int total = 5000;
        NetLab.Capture atVm2 = lab.capture(s.vm2, "eth0", total, true, "ether proto 0x88b5 and ether src " + s.vm1Mac);
        Process sender = lab.stream(s.vm1, "eth0", s.vm2Mac, s.vm1Mac, total, 1000);
        long upBefore = uplinkTx(s);
        int swaps = 0;
        String mode = "veb";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sender.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            mode = mode.equals("veb") ? "vepa" : "veb";
            s.mode(mode);
            swaps++;
        }
        assertTrue("sender finished", sender.waitFor(30, TimeUnit.SECONDS));
        assertEquals(Integer.toString(total), new String(sender.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
        List<byte[]> got = atVm2.await(20);
        int[] lostAndDuplicated = NetLab.lostAndDuplicated(got, total);
        int lost = lostAndDuplicated[0];
        int duplicated = lostAndDuplicated[1];
        long wentUp = uplinkTx(s) - upBefore;
        System.out.println("[edge-relay] swap under load: " + swaps + " swaps VEB<->VEPA, sent " + total + ", received "
                + got.size() + ", duplicated " + duplicated + ", lost " + lost + "; " + wentUp
                + " of them took the hairpin path (VEPA), the rest the local one (VEB)"
                + " (mode changes seen by the relay: " + bridge(s.relay).modeChanges() + ")");
        assertTrue("at least 20 swaps, got " + swaps, swaps >= 20);
        assertEquals("duplicated", 0, duplicated);
        assertEquals("lost", 0, lost);
        assertTrue("both paths were used: " + wentUp + " up", wentUp > total / 10 && wentUp < total - total / 10);
    }

    private long uplinkTx(Server s) {
        return bridge(s.relay).ports().stream().filter(p -> p.name().equals(name("up"))).findFirst().orElseThrow().txFrames();
    }

    @Test
    public void stoppingTheVepaBundleStopsForwardingUntilItIsBack() throws Exception {
        Server s = new Server("vepa", true);
        assertEquals(3, lab.ping(s.vm1, NET + "2", 3));
        Bundle vepa = null;
        for (Bundle b : bundleContext.getBundles()) {
            if ("openevb-mode-vepa".equals(b.getSymbolicName())) {
                vepa = b;
            }
        }
        assertTrue("VEPA bundle installed", vepa != null);
        Map<String, Long> threadsBefore = rxThreads();
        int fdbBefore = bridge(s.relay).fdb().size();
        assertTrue(fdbBefore >= 2);
        vepa.stop();
        try {
            Await.until("mode unavailable", 10, () -> bridge(s.relay).status() == BridgeStatus.MODE_UNAVAILABLE);
            assertEquals("mode 'vepa' is not available", bridge(s.relay).reason());
            assertEquals(0, lab.ping(s.vm1, NET + "2", 3));
            assertTrue(bridge(s.relay).drops().get(BridgeDropReason.MODE_UNAVAILABLE) > 0);
        } finally {
            vepa.start();
        }
        Await.until("forwarding again", 10, () -> bridge(s.relay).status() == BridgeStatus.FORWARDING);
        assertEquals(3, lab.ping(s.vm1, NET + "2", 3));
        assertEquals("ports and their receive threads were never restarted", threadsBefore, rxThreads());
        assertTrue(ports.ports().stream().filter(p -> p.name().endsWith(lab.tag)).allMatch(p -> p.state() == PortState.UP));
        assertTrue("FDB kept", bridge(s.relay).fdb().size() >= fdbBefore);
        System.out.println("[edge-relay] VEPA bundle stopped: MODE_UNAVAILABLE, ping 0/3, drops "
                + bridge(s.relay).drops().get(BridgeDropReason.MODE_UNAVAILABLE)
                + "; started: ping 3/3; same receive threads, FDB kept");
    }

    /** The receive threads of this test's ports, by name, with their thread ids. */
    private Map<String, Long> rxThreads() {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("evb-rx-") && t.getName().endsWith(lab.tag)) {
                out.put(t.getName(), t.getId());
            }
        }
        assertFalse(out.isEmpty());
        return out;
    }
}
