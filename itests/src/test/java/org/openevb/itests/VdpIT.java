package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.bridge.VsiCounter;
import org.openevb.api.bridge.VsiTraffic;
import org.openevb.api.vdp.EcpCounter;
import org.openevb.api.vdp.VdpCounter;
import org.openevb.api.vdp.VdpPortView;
import org.openevb.api.vdp.VsiView;
import org.openevb.codec.ecp.EcpPdu;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * Our VDP station against our VDP bridge over a veth pair, one instance with a station-role port
 * on one end and a bridge-role port on the other: the EVB TLV is exchanged first, then ECP and VDP
 * run with the negotiated timers. tshark decodes the ECP headers we sent and received.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VdpIT extends VdpTestSupport {

    private Optional<VsiView> vsi(String port, String role, String vsiName) {
        return vdp.vsis().stream().filter(v -> v.port().equals(port) && v.role().equals(role)
                && (vsiName == null || v.name().equals(vsiName))).findFirst();
    }

    private Optional<VsiView> bridgeVsi(String port, String filterMac) {
        return vdp.vsis().stream().filter(v -> v.port().equals(port) && v.role().equals("bridge")
                && v.filter().stream().anyMatch(f -> f.startsWith(filterMac))).findFirst();
    }

    private VdpPortView vdpPort(String port) {
        return vdp.ports().stream().filter(p -> p.port().equals(port)).findFirst()
                .orElseThrow(() -> new AssertionError("VDP does not run on " + port));
    }

    private boolean negotiated(String port) {
        return evb.ports().stream().anyMatch(p -> p.port().equals(port) && p.state().equals("negotiated"));
    }

    private Configuration vsiConfig(String vsiName, String port, String typeId, String filter, String command)
            throws Exception {
        return configs.create("org.openevb.vsi", "name", vsiName, "port", port, "manager.id", "192.0.2.1",
                "type.id", typeId, "type.version", "1", "vsiid", "mac:" + filter.substring(0, 17),
                "filter.format", "mac-vid", "filter", filter, "command", command);
    }

    @Test
    public void stationAssociatesWithBridgeRefusalsCarryTheirReasonAndSilenceDeassociates() throws Exception {
        String st = lab.hostName("st");
        String br = lab.hostName("br");
        lab.vethPair(st, br, 1500);
        String stPort = name("st");
        String brPort = name("br");
        Configuration stationPort = configs.create("org.openevb.port", "name", stPort, "interface", st);
        configs.create("org.openevb.port", "name", brPort, "interface", br);
        configs.create("org.openevb.lldp", "ports", stPort + "," + brPort, "addresses", "", "tx.interval", "1");
        // RTE 12 = 40.96 ms, RWD and RKA 14 = 163.84 ms: toutKeepAlive = 1.5 x (7 x 40.96 + 163.84) ms = 676 ms,
        // half a second more than a keep-alive period, as both ends share this JVM and its pauses
        configs.create("org.openevb.evb", "ports", stPort, "role", "station", "ecp.rte", "12", "vdp.rwd", "14",
                "vdp.rka", "14");
        configs.create("org.openevb.evb", "ports", brPort, "role", "bridge", "ecp.rte", "12", "vdp.rwd", "14",
                "vdp.rka", "14");
        Hashtable<String, Object> db = new Hashtable<>();
        db.put("vsis.per.port", "4");
        db.put("type.4242.1.vlans", "30-39");
        types.update(db);
        NetLab.Capture wire = lab.capture(null, br, 8, false, "ether proto 0x8940");

        vsiConfig("web-" + lab.tag, stPort, "4242", "02:00:00:00:bb:01/31", "associate");
        vsiConfig("any-" + lab.tag, stPort, "4242", "02:00:00:00:bb:02/0", "none");
        vsiConfig("bad-" + lab.tag, stPort, "777", "02:00:00:00:bb:03/31", "none");

        long t0 = System.nanoTime();
        Await.until("EVB TLV negotiated on both ends", 30, () -> negotiated(stPort) && negotiated(brPort));
        Await.until("web associated at the bridge", 30, () -> bridgeVsi(brPort, "02:00:00:00:bb:01")
                .map(v -> v.state().equals("associated")).orElse(false));
        long associateMillis = (System.nanoTime() - t0) / 1_000_000;
        Await.until("web associated at the station", 10, () -> vsi(stPort, "station", "web-" + lab.tag)
                .map(v -> v.state().equals("associated") && v.lastReason().equals("success")).orElse(false));

        // VID 0: the bridge assigns the type's lowest VLAN, through the shell command
        JsonObject any = JsonParser.parseString(execute("evb:vdp-associate --json -w 10 any-" + lab.tag)).getAsJsonObject();
        assertEquals("associated", any.get("state").getAsString());
        assertEquals("02:00:00:00:bb:02/30", any.getAsJsonArray("filter").get(0).getAsString());
        assertEquals("02:00:00:00:bb:02/30", bridgeVsi(brPort, "02:00:00:00:bb:02").orElseThrow().filter().get(0));

        // an unknown type: refused, the command fails with the reason
        String refusal = null;
        try {
            execute("evb:vdp-associate -w 10 bad-" + lab.tag);
            fail("associating a VSI of an unknown type must fail");
        } catch (Exception e) {
            refusal = e.getMessage();
        }
        assertTrue(refusal, refusal.contains("failed: other failure, hard"));
        VsiView bad = vsi(stPort, "station", "bad-" + lab.tag).orElseThrow();
        assertEquals("deassociated", bad.state());
        assertEquals(1, bad.failed());
        assertEquals(1, vdpPort(brPort).vdp().get(VdpCounter.REFUSED));
        assertTrue("no such VSI at the bridge", bridgeVsi(brPort, "02:00:00:00:bb:03").isEmpty());

        JsonArray list = JsonParser.parseString(execute("evb:vsi-list --json " + brPort)).getAsJsonArray();
        assertEquals("the bridge holds web and any", 2, list.size());
        String table = execute("evb:vsi-list " + stPort);
        assertTrue(table, table.contains("web-" + lab.tag) && table.contains("other failure, hard"));

        // the tshark check: ECP headers of requests and acknowledgements both ways
        List<byte[]> frames = wire.await(10);
        List<String> tshark = Tshark.fields(wire.file(), "ecp21", "ecp.ver", "ecp.op", "ecp.subtype", "ecp.seqno");
        assertEquals("tshark sees every ECP frame", frames.size(), tshark.size());
        assertTrue("requests and acknowledgements captured: " + frames.size(), frames.size() >= 4);
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            EcpPdu ours = EcpPdu.decode(f, 14, f.length - 14);
            String[] t = tshark.get(i).split("\\|", -1);
            String what = "frame " + i + ": ours " + ours + ", tshark " + tshark.get(i);
            assertEquals(what, ours.version(), (int) Integer.decode(t[0]));
            assertEquals(what, ours.op(), (int) Integer.decode(t[1]));
            assertEquals(what, ours.subtype(), (int) Integer.decode(t[2]));
            assertEquals(what, ours.sequence(), (int) Integer.decode(t[3]));
        }

        // keep-alives stop: the station's port goes away without a word; the bridge waits toutKeepAlive
        Thread.sleep(1000);
        long keepAlivesBefore = vdpPort(brPort).vdp().get(VdpCounter.KEEP_ALIVES_RECEIVED);
        long timeoutsBefore = vdpPort(brPort).vdp().get(VdpCounter.KEEP_ALIVE_TIMEOUTS);
        assertTrue("keep-alives arrive: " + keepAlivesBefore, keepAlivesBefore >= 2);
        assertEquals("both VSIs still held after a second of keep-alives", 2,
                vdp.vsis().stream().filter(v -> v.port().equals(brPort)).count());
        stationPort.delete();
        long stopped = System.nanoTime();
        Await.until("web and any de-associated by the bridge", 10,
                () -> vdp.vsis().stream().noneMatch(v -> v.port().equals(brPort)));
        long silenceMillis = (System.nanoTime() - stopped) / 1_000_000;
        VdpPortView bridgeSide = vdpPort(brPort);
        assertEquals("both ended by the keep-alive timeout, not by the EVB TLV ageing out", 2,
                bridgeSide.vdp().get(VdpCounter.KEEP_ALIVE_TIMEOUTS) - timeoutsBefore);
        assertEquals(0, bridgeSide.ecp().get(EcpCounter.MALFORMED) + bridgeSide.ecp().get(EcpCounter.BAD_VERSION));
        System.out.println("[vdp] our station <-> our bridge over a veth pair: associated " + associateMillis
                + " ms after the EVB configuration; VID 0 assigned 30; unknown type refused (" + refusal
                + "); keep-alives stopped -> de-associated after " + silenceMillis + " ms (toutKeepAlive 676 ms; "
                + timeoutsBefore + " keep-alive timeouts before); "
                + "tshark agreed on " + frames.size() + " ECP headers; bridge ECP " + bridgeSide.ecp() + ", VDP "
                + bridgeSide.vdp());
    }

    /** A frame on VLAN 31 (tagged) from {@code src} to everyone, EtherType 0x88b5, 60 bytes. */
    private static byte[] vlan31(String src) {
        byte[] f = new byte[60];
        byte[] head = HexFormat.of().parseHex("ffffffffffff" + src.replace(":", "") + "8100001f88b5");
        System.arraycopy(head, 0, f, 0, head.length);
        return f;
    }

    private static long from(List<byte[]> frames, String src) {
        byte[] mac = HexFormat.of().parseHex(src.replace(":", ""));
        return frames.stream().filter(f -> java.util.Arrays.equals(f, 6, 12, mac, 0, 6)).count();
    }

    @Test
    public void withEnforcementOnlyTheAssociatedVsisFramesPassTheBridge() throws Exception {
        String st = lab.hostName("st");
        String br = lab.hostName("br");
        String out = lab.hostName("out");
        String sink = lab.hostName("sink");
        lab.vethPair(st, br, 1500);
        lab.vethPair(out, sink, 1500);
        String stPort = name("st");
        String brPort = name("br");
        String outPort = name("out");
        String bridgeName = "br-" + lab.tag;
        configs.create("org.openevb.port", "name", stPort, "interface", st);
        configs.create("org.openevb.port", "name", brPort, "interface", br);
        configs.create("org.openevb.port", "name", outPort, "interface", out);
        configs.create("org.openevb.lldp", "ports", stPort + "," + brPort, "addresses", "", "tx.interval", "1");
        configs.create("org.openevb.evb", "ports", stPort, "role", "station", "ecp.rte", "12", "vdp.rwd", "14",
                "vdp.rka", "14");
        configs.create("org.openevb.evb", "ports", brPort, "role", "bridge", "ecp.rte", "12", "vdp.rwd", "14",
                "vdp.rka", "14");
        Hashtable<String, Object> db = new Hashtable<>();
        db.put("vsis.per.port", "4");
        db.put("type.4242.1.vlans", "30-39");
        types.update(db);
        // the bridge port facing the station carries no VLAN of its own: VLAN 31 joins it with the VSI
        configs.create("org.openevb.bridge", "name", bridgeName, "mode", "dot1q", "ports", brPort + "," + outPort,
                "port." + outPort + ".pvid", "31", "vsi.enforcement", "enforce");
        String vm = "02:00:00:00:bb:11";
        String stranger = "02:00:00:00:ee:11";
        vsiConfig("vm-" + lab.tag, stPort, "4242", vm + "/31", "associate");

        Await.until("bridge forwarding", 30, () -> bridges.bridge(bridgeName).map(b -> b.status() == BridgeStatus.FORWARDING)
                .orElse(false));
        Bridge bridge = bridges.bridge(bridgeName).orElseThrow();
        Await.until("the VSI associated and in the bridge's table", 30, () -> !bridge.vsiTraffic().isEmpty(),
                this::vdpState);
        long t0 = System.nanoTime();
        NetLab.Capture wire = lab.capture(null, sink, 100, true, "ether proto 0x88b5");
        long droppedBefore = bridge.drops().get(BridgeDropReason.VSI_UNASSOCIATED);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            frames.add(vlan31(vm));
            frames.add(vlan31(stranger));
        }
        lab.inject(null, st, frames);
        Await.until("the stranger's frames dropped", 10,
                () -> bridge.drops().get(BridgeDropReason.VSI_UNASSOCIATED) - droppedBefore >= 3);
        Thread.sleep(500);
        List<byte[]> seen = wire.await(1);
        assertEquals("the VSI's frames pass: " + seen.size() + " captured", 3, from(seen, vm));
        assertEquals("a MAC no VSI owns does not", 0, from(seen, stranger));
        for (byte[] f : seen) {
            assertEquals("untagged on the port whose PVID is 31", 0x88, f[12] & 0xFF);
        }
        // towards the VSI: its MAC was learned on its port at association, and the frame carries its VID
        String peer = "02:00:00:00:cc:11";
        NetLab.Capture toVm = lab.capture(null, st, 1, true, "ether src " + peer);
        byte[] reply = new byte[60];
        System.arraycopy(HexFormat.of().parseHex(vm.replace(":", "") + peer.replace(":", "") + "88b5"), 0, reply, 0, 14);
        lab.inject(null, sink, List.of(reply));
        List<byte[]> atVm = toVm.await(10);
        assertEquals("the frame to the VSI reaches it", 1, atVm.size());
        assertEquals("tagged with the VSI's VID", "8100001f88b5", HexFormat.of().formatHex(atVm.get(0), 12, 18));
        VsiTraffic t = bridge.vsiTraffic().get(0);
        assertEquals(1, t.counters().get(VsiCounter.FRAMES_OUT));
        assertEquals(brPort, t.port());
        assertEquals("mac:" + vm, t.vsiid());
        assertEquals(3, t.counters().get(VsiCounter.FRAMES_IN));
        assertEquals(3 * 60, t.counters().get(VsiCounter.BYTES_IN));
        JsonObject shown = JsonParser.parseString(execute("evb:vsi-show --json " + brPort + " " + vm)).getAsJsonObject();
        assertEquals(3, shown.getAsJsonObject("traffic").getAsJsonObject("counters").get("frames-in").getAsLong());
        String table = execute("evb:vsi-list " + brPort);
        assertTrue(table, table.contains("3/"));
        long dropped = bridge.drops().get(BridgeDropReason.VSI_UNASSOCIATED) - droppedBefore;
        System.out.println("[vdp] vsi.enforcement enforce on a veth: VSI " + vm + " associated on VLAN 31, 3 of its frames"
                + " forwarded, 3 from " + stranger + " dropped (vsi-unassociated +" + dropped + ", other frames of the"
                + " link included); checked in " + (System.nanoTime() - t0) / 1_000_000 + " ms; VSI counters "
                + t.counters());
    }
}
