package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.PortCounters;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The guards of VM ports on real frames: a DHCP server (dnsmasq) behind a trusted port, two VMs
 * behind guarded ports of an 802.1Q bridge. VM1's DHCP exchange (udhcpc) completes through its
 * guards and binds its lease; VM2 claiming VM1's address in ARP, answering DHCP, and sending
 * from a MAC not its own are dropped and counted, and none of it reaches the server's side.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GuardIT extends LabTestSupport {

    private static final String NET = "192.168.74.";
    private static final HexFormat HEX = HexFormat.of();

    private String ns(String role, String cidr, String... portKeys) throws Exception {
        String ns = lab.namespace(role);
        lab.veth(lab.hostName(role), ns, "eth0", 1500, cidr);
        String[] keys = new String[6 + portKeys.length];
        System.arraycopy(new String[] {"name", name(role), "interface", lab.hostName(role), "driver", "packet"}, 0, keys, 0, 6);
        System.arraycopy(portKeys, 0, keys, 6, portKeys.length);
        configs.create("org.openevb.port", keys);
        return ns;
    }

    private static byte[] arpReply(String senderMac, String senderIp) {
        return HEX.parseHex("ffffffffffff" + senderMac + "0806" + "0001080006040002" + senderMac + senderIp
                + "000000000000" + "c0a84afe" + "00".repeat(18));
    }

    @Test
    public void dhcpCompletesThroughTheGuardsWhileSpoofingAndRogueServersAreDropped() throws Exception {
        String srv = ns("srv", NET + "254/24");
        String vm1 = lab.namespace("vm1");
        lab.veth(lab.hostName("vm1"), vm1, "eth0", 1500, null);
        String mac1 = lab.mac(vm1, "eth0");
        configs.create("org.openevb.port", "name", name("vm1"), "interface", lab.hostName("vm1"), "driver", "packet",
                "guard.arp", "true", "guard.dhcp", "true", "guard.source.macs", mac1);
        String vm2 = lab.namespace("vm2");
        lab.veth(lab.hostName("vm2"), vm2, "eth0", 1500, null);
        String mac2 = lab.mac(vm2, "eth0");
        configs.create("org.openevb.port", "name", name("vm2"), "interface", lab.hostName("vm2"), "driver", "packet",
                "guard.arp", "true", "guard.dhcp", "true", "guard.source.macs", mac2,
                "guard.bindings", mac2 + " " + NET + "20");
        String bridge = "br-" + lab.tag;
        configs.create("org.openevb.bridge", "name", bridge, "mode", "dot1q",
                "ports", name("srv") + "," + name("vm1") + "," + name("vm2"));
        Await.until(bridge + " forwarding", 30, () -> Ready.forwardingWithPortsUp(bridges, bridge));

        Process dnsmasq = new ProcessBuilder("ip", "netns", "exec", srv, "dnsmasq", "--no-daemon", "--port=0",
                "--interface=eth0", "--bind-interfaces", "--dhcp-range=" + NET + "50," + NET + "99,1h",
                "--dhcp-leasefile=" + lab.workDir().resolve("leases"), "--pid-file=" + lab.workDir().resolve("dnsmasq.pid"),
                "--log-dhcp").redirectErrorStream(true).redirectOutput(lab.workDir().resolve("dnsmasq.log").toFile()).start();
        try {
            Await.until("dnsmasq listening", 10, () -> lab.in(srv, "ss", "-lun").contains(":67"));
            // VM1's DHCP exchange, through its guards: the acknowledgement its port sends binds the lease
            Commands.Result dhcp = Commands.tryRun("ip", "netns", "exec", vm1, "udhcpc", "-i", "eth0", "-n", "-q", "-f",
                    "-t", "5", "-T", "1", "-s", "/bin/true");
            Matcher lease = Pattern.compile("lease of ([0-9.]+) obtained").matcher(dhcp.output());
            assertTrue("udhcpc got a lease through the guarded port (exit " + dhcp.exit() + "):\n" + dhcp.output(), lease.find());
            String leased = lease.group(1);
            String leasedHex = ipHex(leased);

            NetLab.Capture atServer = lab.capture(srv, "eth0", 100, true, "arp or udp port 68 or ether proto 0x88b5");
            // VM2 claims VM1's leased address; VM2 answers DHCP as a server; VM2 sends from VM1's MAC
            String m1 = mac1.replace(":", "");
            String m2 = mac2.replace(":", "");
            byte[] spoof = arpReply(m2, leasedHex);
            byte[] rogue = rogueOffer(m2);
            byte[] stolenMac = HEX.parseHex("ffffffffffff" + m1 + "88b5" + "00".repeat(46));
            lab.inject(vm2, "eth0", List.of(spoof, rogue, stolenMac));
            // and the legitimate: VM1 announces its lease, VM2 its configured binding
            byte[] vm1Own = arpReply(m1, leasedHex);
            byte[] vm2Own = arpReply(m2, ipHex(NET + "20"));
            lab.inject(vm1, "eth0", List.of(vm1Own));
            lab.inject(vm2, "eth0", List.of(vm2Own));
            Await.until("VM2's three frames dropped by its guards", 10, () -> guarded(name("vm2")) == 3);
            List<byte[]> seen = atServer.await(3);
            int legitimate = 0;
            for (byte[] f : seen) {
                assertTrue("a dropped frame reached the server's side: " + HEX.formatHex(f),
                        !java.util.Arrays.equals(f, 0, 60, spoof, 0, 60) && !java.util.Arrays.equals(f, 0, 60, stolenMac, 0, 60)
                                && !(f.length > 40 && f[34] == 0 && f[35] == 67 && f[36] == 0 && f[37] == 68
                                        && java.util.Arrays.equals(f, 6, 12, rogue, 6, 12)));
                if (java.util.Arrays.equals(f, 0, 42, vm1Own, 0, 42) || java.util.Arrays.equals(f, 0, 42, vm2Own, 0, 42)) {
                    legitimate++;
                }
            }
            assertEquals("both legitimate ARP announcements arrived", 2, legitimate);
            PortCounters c2 = ports.port(name("vm2")).orElseThrow().counters();
            assertEquals(1, c2.drops(DropReason.RX_GUARD_ARP));
            assertEquals(1, c2.drops(DropReason.RX_GUARD_DHCP));
            assertEquals(1, c2.drops(DropReason.RX_GUARD_SOURCE_MAC));
            assertEquals("nothing of VM1's was dropped", 0, guarded(name("vm1")));
            System.out.println("[guards] udhcpc in VM1 leased " + leased + " from dnsmasq through VM1's guarded port (its"
                    + " acknowledgement bound the lease); VM2 claiming that address (ARP), offering DHCP, and sending from"
                    + " VM1's MAC: dropped as rx-guard-arp 1, rx-guard-dhcp 1, rx-guard-source-mac 1, none seen at the"
                    + " server; both VMs' own ARP announcements arrived");
        } finally {
            dnsmasq.destroy();
            if (!dnsmasq.waitFor(5, TimeUnit.SECONDS)) {
                dnsmasq.destroyForcibly();
            }
        }
    }

    private long guarded(String port) {
        PortCounters c = ports.port(port).orElseThrow().counters();
        return c.drops(DropReason.RX_GUARD_ARP) + c.drops(DropReason.RX_GUARD_DHCP) + c.drops(DropReason.RX_GUARD_ND)
                + c.drops(DropReason.RX_GUARD_SOURCE_MAC);
    }

    private static String ipHex(String ip) {
        StringBuilder s = new StringBuilder();
        for (String p : ip.split("\\.")) {
            s.append(String.format("%02x", Integer.parseInt(p)));
        }
        return s.toString();
    }

    /** A DHCPOFFER from {@code mac} (UDP 67 -> 68, broadcast). */
    private static byte[] rogueOffer(String mac) {
        String bootp = "02010600" + "00000001" + "00000000" + "00000000" + "c0a84a07" + "00000000" + "00000000"
                + "02000000aaaa" + "00".repeat(10) + "00".repeat(192) + "63825363" + "350102" + "ff";
        int udpLength = 8 + bootp.length() / 2;
        String udp = String.format("00430044%04x0000", udpLength) + bootp;
        String ip = String.format("4500%04x000000004011%04x", 20 + udpLength, 0) + "c0a84a02" + "ffffffff";
        return HEX.parseHex("ffffffffffff" + mac + "0800" + ip + udp);
    }
}
