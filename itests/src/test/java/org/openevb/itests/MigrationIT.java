package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.vdp.VdpCounter;
import org.openevb.api.vdp.VsiView;
import org.openevb.codec.CodecException;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.pcap.PcapReader;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * A VM migrating between two stations under one bridge while a host behind the bridge streams
 * 1000 frames/s to it. The bridge ({@code dot1q}, {@code vsi.enforcement enforce}) has a port
 * towards each station and one towards the host (a network namespace); each station is a
 * station-role VDP port of the same instance on the other end of a veth pair. The VM is a network
 * namespace with a macvlan (mode vepa, as libvirt's {@code direct} interfaces) on each station's
 * interface, both with the VM's MAC: the copy of the VM at each station. Each migration is
 * libvirt's sequence through the shell commands: pre-associate with reservation at the
 * destination, associate there with the migrate-to hint, de-associate at the source with the
 * migrate-from hint; five migrations, back and forth. tcpdump on the VM's two interfaces records
 * what reached it at each station, and on the stations' cables the bridge's VDP answers and the
 * announcements, with
 * timestamps: the blackout is the time from the last stream frame at the source to the first at
 * the destination, and frames at the source after the bridge's Associate answer crossed to the
 * destination count as delivered to the old location.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MigrationIT extends VdpTestSupport {

    private static final int RUNS = 5;
    private static final int RATE = 1000;
    private static final long BLACKOUT_LIMIT_NANOS = 50_000_000;
    private static final String VM = "02:00:00:00:4d:01";
    private static final String HOST = "02:00:00:00:4d:99";

    @Test
    public void aVmMigratesBackAndForthUnderAStreamWithAShortBlackoutAndNothingToTheOldLocation() throws Exception {
        String ns = lab.namespace("host");
        String eA = lab.hostName("sta");
        String bA = lab.hostName("bra");
        String eB = lab.hostName("stb");
        String bB = lab.hostName("brb");
        String out = lab.hostName("out");
        lab.vethPair(eA, bA, 1500);
        lab.vethPair(eB, bB, 1500);
        lab.veth(out, ns, "h0", 1500, null);
        lab.in(ns, "ip", "link", "set", "h0", "address", HOST);
        String vmNs = lab.namespace("vm");
        String[] vmItf = {"a0", "b0"};
        for (int s = 0; s < 2; s++) {
            String host = lab.hostName("vm" + (s == 0 ? "a" : "b"));
            Commands.run("ip", "link", "add", host, "link", s == 0 ? eA : eB, "address", VM, "type", "macvlan",
                    "mode", "vepa");
            Commands.run("ip", "link", "set", host, "netns", vmNs);
            lab.in(vmNs, "ip", "link", "set", host, "name", vmItf[s]);
            lab.in(vmNs, "sysctl", "-q", "-w", "net.ipv6.conf." + vmItf[s] + ".disable_ipv6=1");
            lab.in(vmNs, "ip", "link", "set", vmItf[s], "up");
        }
        String[] station = {name("sta"), name("stb")};
        String[] bridgePort = {name("bra"), name("brb")};
        String[] itf = {eA, eB};
        String outPort = name("out");
        String bridgeName = "mig-" + lab.tag;
        configs.create("org.openevb.port", "name", station[0], "interface", eA);
        configs.create("org.openevb.port", "name", station[1], "interface", eB);
        configs.create("org.openevb.port", "name", bridgePort[0], "interface", bA);
        configs.create("org.openevb.port", "name", bridgePort[1], "interface", bB);
        configs.create("org.openevb.port", "name", outPort, "interface", out);
        vdpBetween(station, bridgePort);
        configs.create("org.openevb.bridge", "name", bridgeName, "mode", "dot1q",
                "ports", bridgePort[0] + "," + bridgePort[1] + "," + outPort, "vsi.enforcement", "enforce");
        // the same VM as each station knows it: associated at A from the start, nothing at B yet
        String[] vsi = {"vm-a-" + lab.tag, "vm-b-" + lab.tag};
        for (int s = 0; s < 2; s++) {
            configs.create("org.openevb.vsi", "name", vsi[s], "port", station[s], "manager.id", "192.0.2.1",
                    "type.id", "4343", "type.version", "1", "vsiid", "mac:" + VM, "filter.format", "mac-vid",
                    "filter", VM + "/1", "command", s == 0 ? "associate" : "none");
        }
        Await.until("bridge forwarding", 30, () -> bridges.bridge(bridgeName)
                .map(b -> b.status() == BridgeStatus.FORWARDING).orElse(false));
        Bridge bridge = bridges.bridge(bridgeName).orElseThrow();
        Await.until("the VM associated at A", 30, () -> bridge.vsiTraffic().stream()
                .anyMatch(t -> t.port().equals(bridgePort[0])), this::vdpState);

        NetLab.Capture[] wire = new NetLab.Capture[2];
        NetLab.Capture[] atVm = new NetLab.Capture[2];
        for (int s = 0; s < 2; s++) {
            // the VM's own interface never sees a frame from its own MAC (macvlan): RARP on the cable
            wire[s] = lab.capture(null, itf[s], 1_000_000, true, "ether proto 0x8940 or ether proto 0x8035");
            atVm[s] = lab.capture(vmNs, vmItf[s], 1_000_000, true, "ether proto 0x88b5 or ether proto 0x8035");
        }
        long[] announcedBefore = {announced(station[0]), announced(station[1])};
        int total = 20 * RATE;
        Process stream = lab.stream(ns, "h0", VM, HOST, total, RATE);
        Thread.sleep(1000);
        long[] preAt = new long[RUNS];
        long streamStart = System.nanoTime();
        for (int run = 0; run < RUNS; run++) {
            int from = run % 2;
            int to = 1 - from;
            preAt[run] = wallNanos();
            // libvirt: the incoming migration starts (reservation at the destination) ...
            execute("evb:vdp-preassociate --rr -w 10 " + vsi[to]);
            Thread.sleep(300);
            // ... it finishes: associate at the destination, then release the source
            JsonObject moved = JsonParser.parseString(execute("evb:vdp-associate --migrate-to --json -w 10 " + vsi[to]))
                    .getAsJsonObject();
            assertEquals("associated", moved.get("state").getAsString());
            assertEquals("migrate-to", moved.get("hints").getAsString());
            JsonObject left = JsonParser.parseString(execute("evb:vdp-deassociate --migrate-from --json -w 10 " + vsi[from]))
                    .getAsJsonObject();
            assertEquals("deassociated", left.get("state").getAsString());
            // the announcements run 800 ms; the next migration starts after them
            Thread.sleep(1200);
        }
        long streamedMillis = (System.nanoTime() - streamStart) / 1_000_000;
        stream.destroy();
        stream.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        List<List<PcapReader.Record>> at = List.of(atVm[0].records(1), atVm[1].records(1));
        List<List<PcapReader.Record>> answers = List.of(wire[0].records(1), wire[1].records(1));

        List<Long> blackouts = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        long lateTotal = 0;
        for (int run = 0; run < RUNS; run++) {
            int from = run % 2;
            int to = 1 - from;
            long start = preAt[run];
            long end = run + 1 < RUNS ? preAt[run + 1] : Long.MAX_VALUE;
            long associated = associateAnswer(answers.get(to), start, end);
            assertTrue("run " + run + ": the bridge's Associate answer seen at the destination", associated > 0);
            long lastAtSource = Long.MIN_VALUE;
            int lastSeq = -1;
            long late = 0;
            for (PcapReader.Record r : at.get(from)) {
                if (stream(r) && r.timestampNanos() >= start && r.timestampNanos() < end) {
                    if (r.timestampNanos() > associated) {
                        late++;
                    } else {
                        lastAtSource = Math.max(lastAtSource, r.timestampNanos());
                        lastSeq = Math.max(lastSeq, seq(r));
                    }
                }
            }
            long firstAtDestination = Long.MAX_VALUE;
            int firstSeq = -1;
            for (PcapReader.Record r : at.get(to)) {
                if (stream(r) && r.timestampNanos() > lastAtSource && r.timestampNanos() < end
                        && r.timestampNanos() < firstAtDestination) {
                    firstAtDestination = r.timestampNanos();
                    firstSeq = seq(r);
                }
            }
            assertTrue("run " + run + ": stream frames at the source before the migration", lastAtSource > Long.MIN_VALUE);
            assertTrue("run " + run + ": stream frames at the destination after it", firstAtDestination < Long.MAX_VALUE);
            long blackout = firstAtDestination - lastAtSource;
            blackouts.add(blackout);
            lateTotal += late;
            List<Long> rarp = new ArrayList<>();
            for (PcapReader.Record r : answers.get(from)) {
                if (rarpFromVm(r) && r.timestampNanos() >= associated && r.timestampNanos() < end) {
                    rarp.add((r.timestampNanos() - associated) / 1_000_000);
                }
            }
            assertEquals("run " + run + ": five RARP rounds from the destination reach the source's cable: " + rarp,
                    5, rarp.size());
            report.append(String.format("%n[migration]   run %d %s -> %s: blackout %.3f ms (last frame #%d at the source, "
                    + "first #%d at the destination, %d lost), %d frames to the old location after the association, "
                    + "RARP at +%s ms", run + 1, from == 0 ? "A" : "B", to == 0 ? "A" : "B", blackout / 1e6, lastSeq,
                    firstSeq, Math.max(0, firstSeq - lastSeq - 1), late, rarp));
            assertEquals("run " + run + ": frames delivered to the old location after the new association", 0, late);
        }
        // the stream's own gaps away from the migrations (sender and path jitter on this machine):
        // consecutive frames at one location, leaving out each migration's last and first frames
        List<Long> gaps = new ArrayList<>();
        for (List<PcapReader.Record> records : at) {
            PcapReader.Record previous = null;
            for (PcapReader.Record r : records) {
                if (!stream(r)) {
                    continue;
                }
                if (previous != null && seq(r) == seq(previous) + 1) {
                    gaps.add(r.timestampNanos() - previous.timestampNanos());
                }
                previous = r;
            }
        }
        long[] g = gaps.stream().mapToLong(Long::longValue).sorted().toArray();
        assertTrue("the stream reached the VM: " + g.length + " gaps", g.length > RATE);
        report.append(String.format("%n[migration]   the stream's own gaps between consecutive frames at one location: "
                + "median %.3f ms, p99 %.3f ms, max %.3f ms (%d gaps)", g[g.length / 2] / 1e6,
                g[(int) (g.length * 0.99)] / 1e6, g[g.length - 1] / 1e6, g.length));
        long[] sorted = blackouts.stream().mapToLong(Long::longValue).sorted().toArray();
        long median = sorted[sorted.length / 2];
        long max = sorted[sorted.length - 1];
        long[] announced = {announced(station[0]) - announcedBefore[0], announced(station[1]) - announcedBefore[1]};
        System.out.println(String.format("[migration] a VM moved %d times between two stations under one bridge with "
                + "%d frames/s streaming to it (%d ms): blackout median %.3f ms, max %.3f ms; %d frames delivered to the "
                + "old location after the new association; RARP announcements sent: A %d, B %d", RUNS, RATE,
                streamedMillis, median / 1e6, max / 1e6, lateTotal, announced[0], announced[1]) + report);
        assertTrue("blackout median " + median / 1e6 + " ms", median <= BLACKOUT_LIMIT_NANOS);
        assertEquals("five rounds per migration to A", 5L * (RUNS / 2), announced[0]);
        assertEquals("five rounds per migration to B", 5L * ((RUNS + 1) / 2), announced[1]);
        VsiView atB = vdp.vsis().stream().filter(v -> v.name().equals(vsi[1])).findFirst().orElseThrow();
        assertEquals("associated", atB.state());
        assertEquals("the VM ends at B, associated there alone", 1,
                vdp.vsis().stream().filter(v -> v.role().equals("bridge")).count());
        String table = execute("evb:vsi-list " + station[1]);
        assertTrue(table, table.contains("associate, migrate-to"));
    }

    /**
     * The VM behind edge relays, as a hypervisor's vswitch holds it: each station's VDP port is the
     * uplink of an edge relay (VEPA) whose other port is the VM's tap (a veth into the VM's
     * namespace, at each station). The VSI is attached to that relay port, so after the migration
     * its announcements are forwarded by the destination's relay as the VM's own frames: they
     * leave by the relay's uplink, the relay learns the VM on its port, and the bridge sees them on
     * the destination's port, where its FDB already moved the VM's MAC at the association.
     */
    @Test
    public void aVsiAttachedToAnEdgeRelayPortIsAnnouncedThroughTheRelayAndTheBridgeFollows() throws Exception {
        String eA = lab.hostName("sta");
        String bA = lab.hostName("bra");
        String eB = lab.hostName("stb");
        String bB = lab.hostName("brb");
        lab.vethPair(eA, bA, 1500);
        lab.vethPair(eB, bB, 1500);
        String vmNs = lab.namespace("vm");
        String[] tapItf = {lab.hostName("tpa"), lab.hostName("tpb")};
        String[] vmItf = {"a0", "b0"};
        for (int s = 0; s < 2; s++) {
            lab.veth(tapItf[s], vmNs, vmItf[s], 1500, null);
            lab.in(vmNs, "ip", "link", "set", vmItf[s], "address", VM);
        }
        String[] station = {name("sta"), name("stb")};
        String[] tap = {name("tpa"), name("tpb")};
        String[] relay = {"era-" + lab.tag, "erb-" + lab.tag};
        String[] bridgePort = {name("bra"), name("brb")};
        String bridgeName = "mgr-" + lab.tag;
        configs.create("org.openevb.port", "name", station[0], "interface", eA);
        configs.create("org.openevb.port", "name", station[1], "interface", eB);
        configs.create("org.openevb.port", "name", tap[0], "interface", tapItf[0]);
        configs.create("org.openevb.port", "name", tap[1], "interface", tapItf[1]);
        configs.create("org.openevb.port", "name", bridgePort[0], "interface", bA);
        configs.create("org.openevb.port", "name", bridgePort[1], "interface", bB);
        vdpBetween(station, bridgePort);
        for (int s = 0; s < 2; s++) {
            configs.create("org.openevb.bridge", "name", relay[s], "mode", "vepa", "ports", station[s] + "," + tap[s],
                    "uplink", station[s]);
        }
        configs.create("org.openevb.bridge", "name", bridgeName, "mode", "dot1q",
                "ports", bridgePort[0] + "," + bridgePort[1], "vsi.enforcement", "enforce");
        String[] vsi = {"vr-a-" + lab.tag, "vr-b-" + lab.tag};
        for (int s = 0; s < 2; s++) {
            // B's file names no relay port: the command attaches it (the hypervisor knows the VM's new tap)
            configs.create("org.openevb.vsi", "name", vsi[s], "port", station[s], "relay.port", s == 0 ? tap[0] : "",
                    "manager.id", "192.0.2.1", "type.id", "4343", "type.version", "1", "vsiid", "mac:" + VM,
                    "filter.format", "mac-vid", "filter", VM + "/1", "command", s == 0 ? "associate" : "none");
        }
        for (String b : new String[] {relay[0], relay[1], bridgeName}) {
            Await.until(b + " forwarding", 30, () -> bridges.bridge(b)
                    .map(x -> x.status() == BridgeStatus.FORWARDING).orElse(false));
        }
        Bridge bridge = bridges.bridge(bridgeName).orElseThrow();
        Await.until("the VM associated at A", 30, () -> bridge.vsiTraffic().stream()
                .anyMatch(t -> t.port().equals(bridgePort[0])), this::vdpState);
        assertEquals(bridgePort[0], fdbPort(bridge));
        // what reaches the bridge from station B, and what reaches the VM's interface there
        NetLab.Capture atBridge = lab.capture(null, bB, 5, true, "ether proto 0x8035");
        NetLab.Capture atVm = lab.capture(vmNs, vmItf[1], 1_000, true, "ether proto 0x8035");
        Bridge relayB = bridges.bridge(relay[1]).orElseThrow();
        long tapRx = relayB.ports().get(1).rxFrames();

        execute("evb:vdp-preassociate --rr -w 10 " + vsi[1]);
        JsonObject moved = JsonParser.parseString(execute("evb:vdp-associate --migrate-to --relay-port " + tap[1]
                + " --json -w 10 " + vsi[1])).getAsJsonObject();
        assertEquals("associated", moved.get("state").getAsString());
        assertEquals(tap[1], moved.get("relayPort").getAsString());
        // the bridge moved the MAC at the association, before any frame from the VM
        assertEquals(bridgePort[1], fdbPort(bridge));
        execute("evb:vdp-deassociate --migrate-from -w 10 " + vsi[0]);

        List<byte[]> rarp = atBridge.await(5);
        assertEquals("five RARP rounds reached the bridge from B's relay uplink", 5, rarp.size());
        for (byte[] f : rarp) {
            assertTrue(rarpFromVm(new PcapReader.Record(0, f.length, f)));
        }
        Await.until("B's relay counted them received on the VM's port", 5,
                () -> relayB.ports().get(1).rxFrames() - tapRx >= 5);
        assertTrue("B's relay learned the VM on its port: " + relayB.fdb(), relayB.fdb().stream()
                .anyMatch(e -> e.mac().equals(VM) && e.port().equals(tap[1])));
        assertEquals("and sent them up, never back to the VM (VEPA)", 0, atVm.await(1).size());
        assertEquals(bridgePort[1], fdbPort(bridge));
        assertEquals(5L, announced(station[1]));
        assertEquals(0L, (long) vdp.ports().stream().filter(p -> p.port().equals(station[1])).findFirst().orElseThrow()
                .vdp().get(VdpCounter.ANNOUNCEMENTS_NOT_RELAYED));
        String shown = execute("evb:vsi-show " + station[1] + " " + vsi[1]);
        assertTrue(shown, shown.contains("attached to edge relay port " + tap[1]));
    }

    /** The port of the bridge's FDB entry for the VM, or "" if it has none. */
    private static String fdbPort(Bridge bridge) {
        return bridge.fdb().stream().filter(e -> e.mac().equals(VM)).map(e -> e.port()).findFirst().orElse("");
    }

    private long announced(String port) {
        return vdp.ports().stream().filter(p -> p.port().equals(port)).findFirst()
                .map(p -> p.vdp().get(VdpCounter.ANNOUNCEMENTS_SENT)).orElse(0L);
    }

    private static long wallNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static boolean stream(PcapReader.Record r) {
        byte[] f = r.data();
        return f.length >= 18 && (f[12] & 0xFF) == 0x88 && (f[13] & 0xFF) == 0xb5
                && Arrays.equals(f, 0, 6, mac(VM), 0, 6);
    }

    private static int seq(PcapReader.Record r) {
        byte[] f = r.data();
        return ((f[14] & 0xFF) << 24) | ((f[15] & 0xFF) << 16) | ((f[16] & 0xFF) << 8) | (f[17] & 0xFF);
    }

    private static boolean rarpFromVm(PcapReader.Record r) {
        byte[] f = r.data();
        return f.length >= 14 && (f[12] & 0xFF) == 0x80 && (f[13] & 0xFF) == 0x35 && Arrays.equals(f, 6, 12, mac(VM), 0, 6);
    }

    private static byte[] mac(String text) {
        byte[] b = new byte[6];
        MacAddress.write(MacAddress.parse(text), b, 0);
        return b;
    }

    /** When the bridge's first successful Associate answer in [start, end) crossed to the station. */
    private static long associateAnswer(List<PcapReader.Record> records, long start, long end) {
        for (PcapReader.Record r : records) {
            byte[] f = r.data();
            if (r.timestampNanos() < start || r.timestampNanos() >= end || f.length < 18
                    || ((f[12] & 0xFF) << 8 | (f[13] & 0xFF)) != EtherType.ECP) {
                continue;
            }
            try {
                EcpPdu ecp = EcpPdu.decode(f, 14, f.length - 14);
                if (!ecp.isRequest() || ecp.subtype() != EcpPdu.SUBTYPE_VDP) {
                    continue;
                }
                byte[] ulpdu = ecp.payload();
                for (VsiTlv t : VdpPdu.decode(ulpdu, 0, ulpdu.length).vsiTlvs()) {
                    if (t.type() == VdpTlv.ASSOCIATE && t.isResponse() && t.errorCode() == 0) {
                        return r.timestampNanos();
                    }
                }
            } catch (CodecException | IllegalArgumentException e) {
                // not a VDP answer
            }
        }
        return -1;
    }

    /**
     * LLDP and the EVB TLV on the station ports (station role) and the bridge ports (bridge role),
     * with VdpIT's timers: RTE 12 (40.96 ms), RWD and RKA 14 (163.84 ms); and a type database of
     * type 4343 version 1 on VLAN 1, four VSIs per port.
     */
    private void vdpBetween(String[] station, String[] bridgePort) throws Exception {
        configs.create("org.openevb.lldp", "ports", String.join(",", station) + "," + String.join(",", bridgePort),
                "addresses", "", "tx.interval", "1");
        configs.create("org.openevb.evb", "ports", String.join(",", station), "role", "station", "ecp.rte", "12",
                "vdp.rwd", "14", "vdp.rka", "14");
        configs.create("org.openevb.evb", "ports", String.join(",", bridgePort), "role", "bridge", "ecp.rte", "12",
                "vdp.rwd", "14", "vdp.rka", "14");
        Hashtable<String, Object> db = new Hashtable<>();
        db.put("vsis.per.port", "4");
        db.put("type.4343.1.vlans", "1");
        types.update(db);
    }
}
