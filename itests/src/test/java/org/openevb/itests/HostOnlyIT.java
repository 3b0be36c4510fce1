package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.port.PortState;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A host-only network: two VMs and the host itself on a bridge without an uplink. The host's
 * port is a tap the platform creates (driver {@code tap}); the host talks to the VMs through it
 * with its own stack (ping, and TCP whose every byte is checked), and the tap is gone once the
 * port is.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HostOnlyIT extends LabTestSupport {

    private static final String NET = "192.168.73.";
    private static final int BYTES = 1 << 20;

    private static final String SERVER = String.join("\n",
            "import hashlib, socket, sys",
            "srv = socket.socket()",
            "srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "srv.bind((sys.argv[1], 9100))",
            "srv.listen(1)",
            "srv.settimeout(30)",
            "print('ready', flush=True)",
            "c, _ = srv.accept()",
            "c.settimeout(30)",
            "h, n = hashlib.sha256(), 0",
            "while True:",
            "    b = c.recv(65536)",
            "    if not b: break",
            "    h.update(b); n += len(b)",
            "print(n, h.hexdigest(), flush=True)");
    private static final String CLIENT = String.join("\n",
            "import hashlib, socket, sys",
            "data = bytes((i * 7 + 3) % 251 for i in range(int(sys.argv[2])))",
            "s = socket.create_connection((sys.argv[1], 9100), timeout=30)",
            "s.sendall(data)",
            "s.close()",
            "print(len(data), hashlib.sha256(data).hexdigest(), flush=True)");

    private String vm(String role, String cidr) throws Exception {
        String ns = lab.namespace(role);
        lab.veth(lab.hostName(role), ns, "eth0", 1500, cidr);
        configs.create("org.openevb.port", "name", name(role), "interface", lab.hostName(role), "driver", "packet");
        return ns;
    }

    @Test
    public void vmsAndTheHostTalkOnABridgeWithoutUplinkThroughATapThePlatformMakes() throws Exception {
        String vm1 = vm("vm1", NET + "1/24");
        String vm2 = vm("vm2", NET + "2/24");
        String tap = lab.hostName("h");
        configs.create("org.openevb.port", "name", name("host"), "interface", tap, "driver", "tap");
        Await.until("the host's port UP", 20,
                () -> ports.port(name("host")).map(p -> p.state() == PortState.UP).orElse(false));
        assertTrue("the tap exists and is up", Commands.run("ip", "link", "show", tap).contains("UP"));
        Commands.run("sysctl", "-q", "-w", "net.ipv6.conf." + tap + ".disable_ipv6=1");
        Commands.run("ip", "addr", "add", NET + "254/24", "dev", tap);
        String bridge = "ho-" + lab.tag;
        configs.create("org.openevb.bridge", "name", bridge, "mode", "dot1q",
                "ports", name("vm1") + "," + name("vm2") + "," + name("host"));
        Await.until(bridge + " forwarding", 30, () -> Ready.forwardingWithPortsUp(bridges, bridge));

        assertEquals("VM1 reaches the host", 5, lab.ping(vm1, NET + "254", 5));
        assertEquals("VM2 reaches the host", 5, lab.ping(vm2, NET + "254", 5));
        assertEquals("VM1 reaches VM2", 5, lab.ping(vm1, NET + "2", 5));
        String fromHost = Commands.tryRun("ping", "-n", "-q", "-c", "5", "-i", "0.2", "-W", "1", NET + "2").output();
        assertTrue("the host reaches VM2: " + fromHost, fromHost.contains("5 received"));

        // TCP from a VM to the host's own stack, every byte checked
        Process server = new ProcessBuilder("python3", "-c", SERVER, NET + "254").redirectErrorStream(true).start();
        try {
            server.getOutputStream().close();
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(server.getInputStream()));
            assertEquals("ready", out.readLine());
            String sent = Commands.run("ip", "netns", "exec", vm1, "python3", "-c", CLIENT, NET + "254",
                    Integer.toString(BYTES)).trim();
            assertTrue(server.waitFor(30, TimeUnit.SECONDS));
            String received = out.readLine().trim();
            assertEquals("what the host received is what VM1 sent", sent, received);
            System.out.println("[host-only] VM1, VM2 and the host on bridge " + bridge + " (no uplink), the host through tap "
                    + tap + " made by the platform: pings every way; TCP VM1 -> host " + BYTES + " bytes, SHA-256 "
                    + received.split(" ")[1].substring(0, 16) + "... identical");
        } finally {
            server.destroyForcibly();
        }

        configs.deleteAll();
        Await.until("the tap gone with its port", 15, () -> Commands.tryRun("ip", "link", "show", tap).exit() != 0);
    }

    @Test
    public void isolatedVmsReachTheHostButNotEachOther() throws Exception {
        String vm1 = vm("vm1", NET + "1/24");
        String vm2 = vm("vm2", NET + "2/24");
        String tap = lab.hostName("h");
        configs.create("org.openevb.port", "name", name("host"), "interface", tap, "driver", "tap");
        Await.until("the host's port UP", 20,
                () -> ports.port(name("host")).map(p -> p.state() == PortState.UP).orElse(false));
        Commands.run("sysctl", "-q", "-w", "net.ipv6.conf." + tap + ".disable_ipv6=1");
        Commands.run("ip", "addr", "add", NET + "254/24", "dev", tap);
        // a VEB edge relay whose uplink is the host, its two VM ports isolated (a private VLAN)
        String relay = "iso-" + lab.tag;
        configs.create("org.openevb.bridge", "name", relay, "mode", "veb", "uplink", name("host"),
                "ports", name("host") + "," + name("vm1") + "," + name("vm2"),
                "port." + name("vm1") + ".isolated", "true", "port." + name("vm2") + ".isolated", "true");
        Await.until(relay + " forwarding", 30, () -> Ready.forwardingWithPortsUp(bridges, relay));

        assertEquals("VM1 reaches the host", 5, lab.ping(vm1, NET + "254", 5));
        assertEquals("VM2 reaches the host", 5, lab.ping(vm2, NET + "254", 5));
        assertEquals("VM1 does not reach VM2", 0, lab.ping(vm1, NET + "2", 5));
        // unicast straight to VM2's MAC (learned from its pings): dropped as isolated, none arrives
        String vm2Mac = lab.mac(vm2, "eth0").replace(":", "");
        byte[] f = java.util.HexFormat.of().parseHex(vm2Mac + lab.mac(vm1, "eth0").replace(":", "") + "88b5"
                + "00".repeat(46));
        NetLab.Capture atVm2 = lab.capture(vm2, "eth0", 1, true, "ether proto 0x88b5");
        lab.inject(vm1, "eth0", java.util.List.of(f, f, f, f, f));
        Await.until("five frames dropped as isolated", 10, () -> bridges.bridge(relay).orElseThrow().drops()
                .get(org.openevb.api.bridge.BridgeDropReason.ISOLATED) == 5);
        assertEquals("none reached VM2", 0, atVm2.await(2).size());
        long isolated = bridges.bridge(relay).orElseThrow().drops().get(org.openevb.api.bridge.BridgeDropReason.ISOLATED);
        System.out.println("[isolation] VEB edge relay " + relay + ", VM ports isolated, uplink the host's tap: both VMs"
                + " ping the host 5/5, VM1 -> VM2 0/5 (VM1's ARP reaches only the host), " + isolated
                + " unicast frames to VM2's MAC dropped as isolated, none arrived");
    }
}
