package org.openevb.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.evb.EvbPortStatus;
import org.openevb.api.evb.EvbService;
import org.openevb.api.lldp.LldpService;
import org.openevb.api.schannel.SChannelDropReason;
import org.openevb.api.schannel.SChannelService;
import org.openevb.api.schannel.SChannelStatus;
import org.openevb.api.schannel.SComponentStatus;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * The 802.1Qbg control plane on real frames: the EVB TLV against lldpad in both roles, S-channels
 * through Open vSwitch's 802.1ad tunnel ports, and CDCP between our own station and bridge, with
 * tshark checking what went over the wire.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ControlPlaneIT extends LabTestSupport {

    private static final HexFormat HEX = HexFormat.of();

    @Inject
    EvbService evb;

    @Inject
    SChannelService schannels;

    @Inject
    LldpService lldp;

    private void port(String role, String itf) throws Exception {
        configs.create("org.openevb.port", "name", name(role), "interface", itf);
    }

    private Bridge bridge(String bridgeName) {
        return bridges.bridge(bridgeName).orElseThrow(() -> new AssertionError("no bridge " + bridgeName));
    }

    private BridgePortView bridgePort(String bridgeName, String port) {
        return bridge(bridgeName).ports().stream().filter(p -> p.name().equals(port)).findFirst()
                .orElseThrow(() -> new AssertionError("no port " + port + " in " + bridgeName));
    }

    private boolean forwardingWithPortsUp(String bridgeName) {
        return Ready.forwardingWithPortsUp(bridges, bridgeName);
    }

    private Optional<EvbPortStatus> evbStatus(String port) {
        return evb.ports().stream().filter(p -> p.port().equals(port)).findFirst();
    }

    private Optional<SComponentStatus> schannel(String port) {
        return schannels.components().stream().filter(c -> c.port().equals(port)).findFirst();
    }

    /**
     * Every LLDPDU in the capture, decoded by tshark and by our codec: chassis ID, port ID and TTL
     * as tshark's fields, the EVB TLV byte for byte from its PDML. Returns how many frames agreed.
     */
    private int assertTsharkAgrees(java.nio.file.Path pcap, List<byte[]> frames) throws Exception {
        List<String> lines = Tshark.fields(pcap, "lldp", "lldp.time_to_live", "lldp.port.id");
        List<byte[]> evbTlvs = Tshark.rawTlvs(pcap, "lldp", "IEEE - EVB");
        assertEquals("tshark sees every LLDPDU", frames.size(), lines.size());
        int evbIndex = 0;
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            Lldpdu pdu = Lldpdu.decode(f, 14, f.length - 14);
            String[] fields = lines.get(i).split("\\|", -1);
            assertEquals("TTL", Integer.toString(pdu.ttl().orElseThrow().seconds()), fields[0]);
            String portId = pdu.portId().orElseThrow().idAsString();
            assertTrue("port ID " + portId + " vs tshark " + fields[1], fields[1].equals(portId) || fields[1].contains(portId)
                    || portId.contains(fields[1]));
            Optional<LldpTlv> evbTlv = pdu.tlvs().stream().filter(t -> t.type() == 127 && t.value().length == 9
                    && (t.value()[3] & 0xFF) == 0x0D && (t.value()[0] & 0xFF) == 0x00 && (t.value()[1] & 0xFF) == 0x80).findFirst();
            if (evbTlv.isPresent()) {
                assertArrayEquals("EVB TLV bytes as tshark shows them", evbTlv.get().encode(), evbTlvs.get(evbIndex++));
            }
        }
        assertEquals("every EVB TLV tshark found was one of ours to compare", evbTlvs.size(), evbIndex);
        return frames.size();
    }

    @Test
    public void stationInAutoModeStaysVebUntilLldpadGrantsReflectiveRelayThenRunsVepa() throws Exception {
        String net = "192.168.71.";
        String vm1 = lab.namespace("vm1");
        String vm2 = lab.namespace("vm2");
        String sw = lab.namespace("sw");
        lab.veth(lab.hostName("v1"), vm1, "eth0", 1500, net + "1/24");
        lab.veth(lab.hostName("v2"), vm2, "eth0", 1500, net + "2/24");
        lab.veth(lab.hostName("up"), sw, "p1", 1500, null);
        // the adjacent switch: a Linux bridge that hairpins (its data plane), lldpad on the same port (its
        // EVB TLV). STP on, so the bridge hands LLDP to the port (and lldpad) instead of flooding it.
        lab.in(sw, "ip", "link", "add", "br0", "type", "bridge", "stp_state", "1", "forward_delay", "200");
        lab.in(sw, "sysctl", "-q", "-w", "net.ipv6.conf.br0.disable_ipv6=1");
        lab.in(sw, "ip", "link", "set", "p1", "master", "br0");
        lab.in(sw, "ip", "link", "set", "br0", "up");
        lab.in(sw, "bridge", "link", "set", "dev", "p1", "hairpin", "on");
        Await.until("switch port forwarding", 30, () -> lab.in(sw, "bridge", "link", "show", "dev", "p1").contains("forwarding"));
        Lldpad lldpad = new Lldpad(lab, sw, "p1");
        lldpad.enable();
        lldpad.evb("evbmode=bridge", "evbrrcap=no", "ecpretries=3", "ecprte=14", "vdprwd=20", "vdprka=20", "enabletx=yes");

        port("vm1", lab.hostName("v1"));
        port("vm2", lab.hostName("v2"));
        port("up", lab.hostName("up"));
        configs.create("org.openevb.evb", "ports", name("up"), "role", "station", "ecp.rte", "8", "vdp.rwd", "18",
                "vdp.rka", "18");
        String relay = "auto-" + lab.tag;
        configs.create("org.openevb.bridge", "name", relay, "mode", "auto",
                "ports", name("up") + "," + name("vm1") + "," + name("vm2"), "uplink", name("up"));
        Await.until("relay forwarding", 20, () -> forwardingWithPortsUp(relay));

        Await.until("lldpad's EVB TLV received", 40, () -> evbStatus(name("up")).map(s -> s.remote() != null).orElse(false));
        EvbPortStatus refused = evbStatus(name("up")).orElseThrow();
        assertFalse("lldpad does not grant reflective relay yet", refused.reflectiveRelay());
        Await.until("the relay knows it is refused", 10, () -> "refused".equals(bridgePort(relay, name("up")).peerReflectiveRelay()));
        assertEquals("a bridge that refuses: the auto relay stays a VEB", "veb", bridge(relay).behaviour());
        assertEquals("and its VMs stay connected", 3, lab.ping(vm1, net + "2", 3));

        long t0 = System.nanoTime();
        lldpad.evb("evbrrcap=yes");
        try {
            Await.until("relay runs VEPA", 40, () -> "vepa".equals(bridge(relay).behaviour()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; EVB: " + evbStatus(name("up")) + "; lldpad: " + lldpad.localEvb(), e);
        }
        long switchMillis = (System.nanoTime() - t0) / 1_000_000;
        EvbPortStatus granted = evbStatus(name("up")).orElseThrow();
        assertTrue(granted.reflectiveRelay());
        assertEquals(EvbTlv.RRSTAT_YES, granted.local().rrstat());
        assertTrue("lldpad's RRCTR", granted.remote().rrctr());
        assertEquals("R = lldpad's", 3, granted.r());
        assertEquals("RTE = max(ours 8, lldpad's 14)", 14, granted.rte());
        assertEquals("RWD = max(18, 20)", 20, granted.rwd());
        assertEquals("RKA = max(18, 20)", 20, granted.rka());
        assertTrue("switched within one LLDP interval of lldpad (30 s): " + switchMillis + " ms", switchMillis < 30_000);

        Await.until("lldpad sees our RRSTAT enabled", 40, () -> Lldpad.rrstat(lldpad.neighbourEvb()) == 1);
        NetLab.Capture uplink = lab.capture(sw, "p1", 6, false, "icmp and ether src " + lab.mac(vm1, "eth0")
                + " and ether dst " + lab.mac(vm2, "eth0"));
        assertEquals("VEPA with lldpad's switch hairpinning: VMs still connected", 3, lab.ping(vm1, net + "2", 3));
        assertEquals("each VM1->VM2 frame crosses the uplink twice", 6, uplink.await(10).size());

        NetLab.Capture lldpFrames = lab.capture(sw, "p1", 2, false, "ether proto 0x88cc");
        lldpad.evb("vdprka=21"); // makes both sides send again at once
        List<byte[]> captured = lldpFrames.await(40);
        int agreed = assertTsharkAgrees(lldpFrames.file(), captured);
        System.out.println("[control-plane] lldpad bridge -> our auto station: VEB (ping 3/3) while refused; VEPA "
                + switchMillis + " ms after lldpad granted RR; ping 3/3 through its hairpin, 6 frames on the uplink; "
                + "negotiated R " + granted.r() + " RTE " + granted.rte() + " RWD " + granted.rwd() + " RKA " + granted.rka()
                + "; lldpad shows our TLV: " + lldpad.neighbourEvb().replaceAll("\\s+", " ").trim()
                + "; tshark agreed on " + agreed + " LLDPDUs");
    }

    @Test
    public void bridgeGrantsLldpadStationReflectiveRelayAndWithdrawsItWhenItsTtlRunsOut() throws Exception {
        String srv = lab.namespace("srv");
        lab.veth(lab.hostName("p1"), srv, "eth0", 1500, null);
        Lldpad lldpad = new Lldpad(lab, srv, "eth0");
        lldpad.enable();
        lldpad.evb("evbmode=station", "evbrrreq=yes", "enabletx=yes");
        port("p1", lab.hostName("p1"));
        String br = "br-" + lab.tag;
        configs.create("org.openevb.bridge", "name", br, "mode", "dot1q", "ports", name("p1"));
        configs.create("org.openevb.evb", "ports", name("p1"), "role", "bridge");
        Await.until("bridge forwarding", 20, () -> forwardingWithPortsUp(br));
        assertEquals("default", bridgePort(br, name("p1")).reflectiveRelaySource());

        Await.until("reflective relay negotiated on", 40, () -> bridgePort(br, name("p1")).reflectiveRelay());
        assertEquals("negotiated", bridgePort(br, name("p1")).reflectiveRelaySource());
        Await.until("lldptool reports RRSTAT enabled", 40, () -> Lldpad.rrstat(lldpad.localEvb()) == 1);
        String lldpadSays = lldpad.localEvb().replaceAll("\\s+", " ").trim();

        long t0 = System.nanoTime();
        lldpad.kill();
        Thread.sleep(5000);
        assertTrue("no shutdown LLDPDU from a killed lldpad: still on 5 s later", bridgePort(br, name("p1")).reflectiveRelay());
        Await.until("reflective relay withdrawn when the TTL ran out", 150,
                () -> !bridgePort(br, name("p1")).reflectiveRelay());
        long offAfter = (System.nanoTime() - t0) / 1_000_000_000;
        assertEquals("default", bridgePort(br, name("p1")).reflectiveRelaySource());
        assertEquals("waiting", evbStatus(name("p1")).orElseThrow().state());
        System.out.println("[control-plane] our bridge <- lldpad station: RR on (negotiated), lldptool: " + lldpadSays
                + "; lldpad killed: RR off " + offAfter + " s later (its TTL 120 s ran out)");
    }

    /** A VM: a namespace behind a veth whose host end is a port of ours. */
    private String vm(String role, String ip) throws Exception {
        String ns = lab.namespace(role);
        lab.veth(lab.hostName(role), ns, "eth0", 1500, ip + "/24");
        port(role, lab.hostName(role));
        return ns;
    }

    private void relay(String relayName, String mode, String uplink, String... vsis) throws Exception {
        StringBuilder portList = new StringBuilder(uplink);
        for (String v : vsis) {
            portList.append(',').append(v);
        }
        configs.create("org.openevb.bridge", "name", relayName, "mode", mode, "ports", portList.toString(), "uplink", uplink);
    }

    private static byte[] frame(String dst, String src, String tagsHex, int seq) {
        byte[] head = HEX.parseHex(dst.replace(":", "") + src.replace(":", "") + tagsHex + "88b5");
        byte[] f = new byte[Math.max(64, head.length + 4 + 46)];
        System.arraycopy(head, 0, f, 0, head.length);
        f[head.length] = (byte) (seq >>> 8);
        f[head.length + 1] = (byte) seq;
        return f;
    }

    @Test
    public void sChannelsThroughOpenVswitchTunnelPortsReachOnlyTheirOwnEdgeRelays() throws Exception {
        String net = "192.168.72.";
        String h10 = lab.namespace("h10");
        String h20 = lab.namespace("h20");
        String ovsUplink = lab.hostName("ou");
        String uap = lab.hostName("uap");
        lab.vethPair(uap, ovsUplink, 1600);
        lab.veth(lab.hostName("c10"), h10, "eth0", 1500, net + "10/24");
        lab.veth(lab.hostName("c20"), h20, "eth0", 1500, net + "20/24");
        Ovs ovs = new Ovs(lab, null);
        ovs.addBridge("br0");
        ovs.vsctl("set", "Open_vSwitch", ".", "other_config:vlan-limit=2");
        ovs.vsctl("add-port", "br0", ovsUplink, "--", "set", "port", ovsUplink, "vlan_mode=trunk", "trunks=10,20");
        for (String c : new String[] {"c10", "c20"}) {
            String itf = lab.hostName(c);
            ovs.vsctl("add-port", "br0", itf, "--", "set", "port", itf, "vlan_mode=dot1q-tunnel", "tag=" + c.substring(1),
                    "other_config:qinq-ethtype=802.1ad");
        }
        ovs.vsctl("set", "bridge", "br0", "other_config:hwaddr=02:00:00:00:0b:01");

        port("uap", uap);
        String vmA = vm("vma", net + "1");
        String vmB = vm("vmb", net + "2");
        configs.create("org.openevb.schannel", "port", name("uap"), "role", "station", "cdcp", "false",
                "channels", "2:10,3:20");
        relay("ra-" + lab.tag, "veb", name("uap") + "-ch2", name("vma"));
        relay("rb-" + lab.tag, "veb", name("uap") + "-ch3", name("vmb"));
        Await.until("relays forwarding", 30, () -> forwardingWithPortsUp("ra-" + lab.tag) && forwardingWithPortsUp("rb-" + lab.tag));

        assertEquals("h10 (OVS tunnel S-VID 10) reaches the edge relay of channel 2", 3, lab.ping(h10, net + "1", 3));
        assertEquals("h20 (S-VID 20) reaches channel 3", 3, lab.ping(h20, net + "2", 3));
        assertEquals("h10 never reaches channel 3", 0, lab.ping(h10, net + "2", 2));
        assertEquals("h20 never reaches channel 2", 0, lab.ping(h20, net + "1", 2));

        // no capture filter: the kernel may hold a received S-tag outside the bytes a filter sees
        NetLab.Capture wire = lab.capture(null, uap, 12, true, "");
        String h10Mac = lab.mac(h10, "eth0");
        String h20Mac = lab.mac(h20, "eth0");
        NetLab.Capture atA = lab.capture(vmA, "eth0", 10, true, "ether proto 0x88b5");
        NetLab.Capture atB = lab.capture(vmB, "eth0", 10, true, "ether proto 0x88b5");
        List<byte[]> fromH10 = new ArrayList<>();
        List<byte[]> fromH20 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fromH10.add(frame("ff:ff:ff:ff:ff:ff", h10Mac, "", i));
            fromH20.add(frame("ff:ff:ff:ff:ff:ff", h20Mac, "", 100 + i));
        }
        lab.inject(h10, "eth0", fromH10);
        lab.inject(h20, "eth0", fromH20);
        List<byte[]> gotA = atA.await(5);
        List<byte[]> gotB = atB.await(5);
        long aFromH10 = gotA.stream().filter(f -> MacText.src(f).equals(h10Mac)).count();
        long aFromH20 = gotA.stream().filter(f -> MacText.src(f).equals(h20Mac)).count();
        long bFromH20 = gotB.stream().filter(f -> MacText.src(f).equals(h20Mac)).count();
        long bFromH10 = gotB.stream().filter(f -> MacText.src(f).equals(h10Mac)).count();
        assertEquals("channel 2's VM gets h10's 5 broadcasts", 5, aFromH10);
        assertEquals("channel 3's VM gets h20's 5 broadcasts", 5, bFromH20);
        assertEquals("none of h20's reach channel 2", 0, aFromH20);
        assertEquals("none of h10's reach channel 3", 0, bFromH10);

        wire.await(5);
        List<String> tshark = Tshark.fields(wire.file(), "ieee8021ad", "ieee8021ad.id", "eth.src");
        int checked = 0;
        for (String line : tshark) {
            String[] f = line.split("\\|");
            String src = f[1];
            String expected = src.equals(h10Mac) ? "10" : src.equals(h20Mac) ? "20" : null;
            if (expected != null) {
                assertEquals("S-VID of a frame from " + src + " (tshark)", expected, f[0]);
                checked++;
            }
        }
        assertTrue("tshark checked S-tagged frames from both hosts: " + checked + " of " + tshark, checked >= 10);
        SComponentStatus sc = schannel(name("uap")).orElseThrow();
        System.out.println("[control-plane] S-channels through Open vSwitch dot1q-tunnel ports: ping h10->ch2 3/3, h20->ch3 3/3, "
                + "across 0/2 both ways; broadcasts: ch2 VM got " + aFromH10 + " from h10 and " + aFromH20 + " from h20, ch3 VM got "
                + bFromH20 + " from h20 and " + bFromH10 + " from h10; tshark confirmed the S-VID of " + checked
                + " frames; drops " + sc.dropsByReason());
    }

    @Test
    public void cdcpBringsUpThreeChannelsEachWithItsOwnVepaRelayAndNothingCrossesChannels() throws Exception {
        String net = "192.168.73.";
        String cs = lab.hostName("cs");
        String cb = lab.hostName("cb");
        lab.vethPair(cs, cb, 1600);
        port("cs", cs);
        port("cb", cb);
        String csPort = name("cs");
        String cbPort = name("cb");
        // quick LLDP on these ports so the test does not wait for 30 s intervals
        configs.create("org.openevb.lldp", "ports", csPort + "*," + cbPort + "*", "addresses", "", "tx.interval", "2");
        configs.create("org.openevb.schannel", "port", csPort, "role", "station", "channels", "2,3,4");
        configs.create("org.openevb.schannel", "port", cbPort, "role", "bridge", "svid.pool", "100-199");
        configs.create("org.openevb.evb", "ports", csPort + "-ch*", "role", "station");
        configs.create("org.openevb.evb", "ports", cbPort + "-ch*", "role", "bridge");
        String vm2a = vm("vm2a", net + "21");
        String vm2b = vm("vm2b", net + "22");
        String vm3 = vm("vm3", net + "31");
        String vm4 = vm("vm4", net + "41");
        relay("r2-" + lab.tag, "vepa", csPort + "-ch2", name("vm2a"), name("vm2b"));
        relay("r3-" + lab.tag, "vepa", csPort + "-ch3", name("vm3"));
        relay("r4-" + lab.tag, "vepa", csPort + "-ch4", name("vm4"));
        String sb = "sb-" + lab.tag;
        configs.create("org.openevb.bridge", java.util.Map.of("name", sb, "mode", "dot1q",
                "ports", cbPort + "-ch2," + cbPort + "-ch3," + cbPort + "-ch4",
                "port." + cbPort + "-ch2.pvid", "102", "port." + cbPort + "-ch3.pvid", "103",
                "port." + cbPort + "-ch4.pvid", "104"));
        long t0 = System.nanoTime();
        Await.until("three channels up on both sides", 60, () -> upChannels(csPort) == 4 && upChannels(cbPort) == 4);
        long cdcpMillis = (System.nanoTime() - t0) / 1_000_000;
        Await.until("reflective relay negotiated on every channel", 60, () -> bridge(sb).ports().stream()
                .allMatch(p -> p.reflectiveRelay() && p.reflectiveRelaySource().equals("negotiated")));
        for (String r : new String[] {"r2", "r3", "r4"}) {
            Await.until(r + " forwarding, granted", 30, () -> forwardingWithPortsUp(r + "-" + lab.tag)
                    && bridge(r + "-" + lab.tag).ports().get(0).peerReflectiveRelay().equals("granted"));
        }
        SComponentStatus station = schannel(csPort).orElseThrow();
        SComponentStatus bridgeSide = schannel(cbPort).orElseThrow();
        List<String> pairs = new ArrayList<>();
        for (SChannelStatus c : station.channels()) {
            pairs.add(c.scid() + ":" + c.svid());
            SChannelStatus other = bridgeSide.channels().stream().filter(b -> b.scid() == c.scid()).findFirst().orElseThrow();
            assertEquals("both ends agree on SCID " + c.scid(), c.svid(), other.svid());
        }

        assertEquals("same channel: VM reaches VM (through the bridge's reflective relay)", 3, lab.ping(vm2a, net + "22", 3));
        assertEquals("channel 2 -> channel 3: never", 0, lab.ping(vm2a, net + "31", 2));
        assertEquals("channel 3 -> channel 4: never", 0, lab.ping(vm3, net + "41", 2));

        // crafted frames arriving at the station's uplink: only the well-tagged one may reach VMs, of its channel only
        int svid2 = svid(station, 2);
        int svid3 = svid(station, 3);
        String src = "02:00:00:00:77:01";
        List<byte[]> crafted = List.of(
                frame("ff:ff:ff:ff:ff:ff", src, String.format("88a8%04x", svid2), 1),                          // channel 2: delivered
                frame("ff:ff:ff:ff:ff:ff", src, "88a80fa0", 2),                                               // S-VID 4000: no channel
                frame("ff:ff:ff:ff:ff:ff", src, String.format("88a8%04x88a8%04x", svid2, svid3), 3),          // two S-tags
                frame("ff:ff:ff:ff:ff:ff", src, "81000001", 4),                                               // C-tag only
                frame("ff:ff:ff:ff:ff:ff", src, "", 5));                                                      // untagged
        java.util.Map<String, NetLab.Capture> captures = new java.util.LinkedHashMap<>();
        for (String v : new String[] {vm2a, vm2b, vm3, vm4}) {
            captures.put(v, lab.capture(v, "eth0", 5, true, "ether src " + src));
        }
        var droppedBefore = schannel(csPort).orElseThrow().dropsByReason();
        lab.inject(null, cb, crafted);
        java.util.Map<String, Integer> got = new java.util.LinkedHashMap<>();
        int crossed = 0;
        for (var e : captures.entrySet()) {
            List<byte[]> frames = e.getValue().await(e.getKey().equals(vm2a) || e.getKey().equals(vm2b) ? 5 : 3);
            got.put(e.getKey(), frames.size());
            for (byte[] f : frames) {
                int type = ((f[12] & 0xFF) << 8) | (f[13] & 0xFF);
                int seq = ((f[14] & 0xFF) << 8) | (f[15] & 0xFF);
                boolean channel2Vm = e.getKey().equals(vm2a) || e.getKey().equals(vm2b);
                if (type != 0x88b5 || seq != 1 || !channel2Vm) {
                    crossed++;
                }
            }
        }
        var dropped = schannel(csPort).orElseThrow().dropsByReason();
        assertEquals("frames that crossed channels or escaped isolation", 0, crossed);
        assertEquals(1, (int) got.get(vm2a));
        assertEquals(1, (int) got.get(vm2b));
        assertEquals(1, dropped.get(SChannelDropReason.UNKNOWN_SVID) - droppedBefore.get(SChannelDropReason.UNKNOWN_SVID));
        assertEquals(1, dropped.get(SChannelDropReason.STACKED_S_TAG) - droppedBefore.get(SChannelDropReason.STACKED_S_TAG));
        assertEquals(2, dropped.get(SChannelDropReason.UNTAGGED) - droppedBefore.get(SChannelDropReason.UNTAGGED));

        NetLab.Capture lldpCapture = lab.capture(null, cs, 2, false, "ether dst 01:80:c2:00:00:03");
        List<byte[]> cdcpFrames = lldpCapture.await(15);
        List<byte[]> rawCdcp = Tshark.rawTlvs(lldpCapture.file(), "lldp", "IEEE - CDCP");
        assertEquals("tshark finds the CDCP TLV in every LLDPDU to the non-TPMR address", cdcpFrames.size(), rawCdcp.size());
        for (int i = 0; i < cdcpFrames.size(); i++) {
            byte[] f = cdcpFrames.get(i);
            org.openevb.codec.lldp.CdcpTlv ours = Lldpdu.decode(f, 14, f.length - 14).cdcp().orElseThrow();
            assertArrayEquals("CDCP TLV: our encoding = the bytes tshark shows", ours.toTlv().encode(), rawCdcp.get(i));
        }
        System.out.println("[control-plane] our station <-> our bridge: CDCP up in " + cdcpMillis + " ms, channels (SCID:SVID) "
                + pairs + ", reflective relay negotiated on each; ping same channel 3/3, across channels 0/2 and 0/2; "
                + "crafted frames: per VM " + got + ", crossed channels 0 (" + crossed + "), dropped by the S-component "
                + dropped + "; tshark matched " + rawCdcp.size() + " CDCP TLVs byte for byte");
    }

    private int upChannels(String port) {
        return schannel(port).map(s -> (int) s.channels().stream().filter(c -> c.state().equals("up")).count()).orElse(0);
    }

    private static int svid(SComponentStatus s, int scid) {
        return s.channels().stream().filter(c -> c.scid() == scid).findFirst().orElseThrow().svid();
    }

    /** MAC addresses of captured frames, as text. */
    private static final class MacText {
        static String src(byte[] f) {
            return String.format("%02x:%02x:%02x:%02x:%02x:%02x", f[6], f[7], f[8], f[9], f[10], f[11]);
        }
    }
}
