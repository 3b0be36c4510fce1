package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.evb.EvbPortStatus;
import org.openevb.api.vdp.EcpCounter;
import org.openevb.api.vdp.VdpCounter;
import org.openevb.api.vdp.VdpPortView;
import org.openevb.api.vdp.VsiView;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.pcap.PcapReader;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VsiTlv;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * VDP against lldpad, the open-source 802.1Qbg implementation, over a veth pair: lldpad in a
 * namespace of the test's own on one end, a port of ours on the other. lldpad's station, driven
 * by {@code vdptool}, against our bridge; and lldpad's bridge (its role latched at start, so it is
 * restarted after {@code evbmode=bridge}) against our station's configured VSIs.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LldpadVdpIT extends VdpTestSupport {

    private static final String UUID_WEB = "a2eda2f9-ed3c-4a9b-8c0e-3e2ed0ae0c11";
    private static final String UUID_DB = "a2eda2f9-ed3c-4a9b-8c0e-3e2ed0ae0c12";
    private static final String UUID_BAD = "a2eda2f9-ed3c-4a9b-8c0e-3e2ed0ae0c13";

    private Optional<EvbPortStatus> evbStatus(String port) {
        return evb.ports().stream().filter(p -> p.port().equals(port)).findFirst();
    }

    private boolean negotiated(String port) {
        return evbStatus(port).map(s -> s.state().equals("negotiated")).orElse(false);
    }

    private VdpPortView vdpPort(String port) {
        return vdp.ports().stream().filter(p -> p.port().equals(port)).findFirst()
                .orElseThrow(() -> new AssertionError("VDP does not run on " + port));
    }

    /** Our bridge's VSI of that UUID as {@code evb:vsi-list --json PORT} shows it, or null. */
    private JsonObject listed(String port, String uuid) throws Exception {
        JsonArray list = JsonParser.parseString(execute("evb:vsi-list --json " + port)).getAsJsonArray();
        for (JsonElement e : list) {
            JsonObject v = e.getAsJsonObject();
            if (v.get("vsiid").getAsString().equalsIgnoreCase(uuid)) {
                return v;
            }
        }
        return null;
    }

    private static String state(JsonObject v) {
        return v == null ? "absent" : v.get("state").getAsString();
    }

    private static void answered(String what, Commands.Result r, String mode) {
        assertEquals(what + ": vdptool exit code; it printed:\n" + r.output(), 0, r.exit());
        assertTrue(what + ": vdptool shows the bridge's response:\n" + r.output(),
                r.output().contains("Response from VDP") && r.output().contains("mode = " + mode));
    }

    /** Every ECP frame of a capture, one line each: time, source, operation, sequence, VSI TLVs with status. */
    private static String trace(java.nio.file.Path pcap) {
        StringBuilder out = new StringBuilder();
        try {
            List<PcapReader.Record> records = PcapReader.readAll(pcap);
            long t0 = records.isEmpty() ? 0 : records.get(0).timestampNanos();
            for (PcapReader.Record r : records) {
                byte[] f = r.data();
                EcpPdu p = EcpPdu.decode(f, 14, f.length - 14);
                out.append(String.format("%n  +%d ms %02x%02x op %d seq %d", (r.timestampNanos() - t0) / 1_000_000, f[10], f[11],
                        p.op(), p.sequence()));
                if (p.op() == EcpPdu.OP_REQUEST) {
                    for (VsiTlv t : VdpPdu.decode(p.payload(), 0, p.payload().length).vsiTlvs()) {
                        byte[] id = t.vsiid();
                        out.append(String.format(" vsi ..%02x type %d status 0x%02x", id[id.length - 1], t.type(), t.status()));
                    }
                }
            }
        } catch (Exception e) {
            out.append(" (").append(e).append(')');
        }
        return out.toString();
    }

    @Test
    public void lldpadStationAssociatesPreassociatesAndDeassociatesWithOurBridgeWhichRefusesAnUnknownType()
            throws Exception {
        String srv = lab.namespace("srv");
        String host = lab.hostName("br");
        lab.veth(host, srv, "eth0", 1500, null);
        String brPort = name("br");
        Hashtable<String, Object> db = new Hashtable<>();
        db.put("vsis.per.port", "8");
        db.put("type.5.4.vlans", "10-19");
        types.update(db);
        configs.create("org.openevb.port", "name", brPort, "interface", host);
        configs.create("org.openevb.lldp", "ports", brPort, "addresses", "", "tx.interval", "1");
        configs.create("org.openevb.evb", "ports", brPort, "role", "bridge", "vdp.rka", "16");

        // lldpad is a station by default: no restart needed for its VDP role. RKA 16 on both ends: it
        // repeats each VSI's request every 655 ms, so our bridge sees its keep-alives within the test
        Lldpad lldpad = new Lldpad(lab, srv, "eth0");
        lldpad.enable();
        lldpad.evb("evbmode=station", "evbrrreq=yes", "ecpretries=3", "ecprte=14", "vdprwd=20", "vdprka=16", "enabletx=yes");
        NetLab.Capture wire = lab.capture(null, host, 200, false, "ether proto 0x8940");

        long t0 = System.nanoTime();
        Await.until("EVB TLV negotiated with lldpad", 40, () -> negotiated(brPort));
        Await.until("lldpad sees our TLV (RRSTAT enabled)", 40, () -> Lldpad.rrstat(lldpad.localEvb()) == 1);
        Await.until("VDP runs on our bridge port", 10, () -> vdp.ports().stream().anyMatch(p -> p.port().equals(brPort)));
        long negotiatedMillis = (System.nanoTime() - t0) / 1_000_000;
        EvbPortStatus ours = evbStatus(brPort).orElseThrow();

        String mac1 = "02:00:00:00:ad:01";
        String mac2 = "02:00:00:00:ad:02";
        // associate: answered, our table holds it associated with lldpad's filter
        Commands.Result assoc = lldpad.vdp("assoc", "mgrid2=openevb", "typeid=5", "typeidver=4", "uuid=" + UUID_WEB,
                "hints=none", "filter=12-" + mac1);
        answered("associate", assoc, "assoc");
        JsonObject web = listed(brPort, UUID_WEB);
        assertEquals("associated", state(web));
        assertEquals("mac-vid", web.get("filterFormat").getAsString());
        assertEquals(mac1 + "/12", web.getAsJsonArray("filter").get(0).getAsString());
        assertEquals(5, web.get("typeId").getAsInt());
        assertEquals(4, web.get("typeVersion").getAsInt());

        // pre-associate another VSI with VID 0: answered with the VID our bridge chose
        Commands.Result pre = lldpad.vdp("preassoc", "mgrid2=openevb", "typeid=5", "typeidver=4", "uuid=" + UUID_DB,
                "hints=none", "filter=0-" + mac2);
        answered("pre-associate", pre, "preassoc");
        JsonObject dbVsi = listed(brPort, UUID_DB);
        assertEquals("preassociated", state(dbVsi));
        assertEquals(mac2 + "/10", dbVsi.getAsJsonArray("filter").get(0).getAsString());
        boolean vidSeen = pre.output().contains("filter = 10-" + mac2);

        // then associate it, and de-associate the first
        answered("associate after pre-associate", lldpad.vdp("assoc", "mgrid2=openevb", "typeid=5", "typeidver=4",
                "uuid=" + UUID_DB, "hints=none", "filter=10-" + mac2), "assoc");
        assertEquals("associated", state(listed(brPort, UUID_DB)));
        answered("de-associate", lldpad.vdp("deassoc", "mgrid2=openevb", "typeid=5", "typeidver=4", "uuid=" + UUID_WEB,
                "hints=none", "filter=12-" + mac1), "deassoc");
        assertEquals("de-associated: gone from our table", "absent", state(listed(brPort, UUID_WEB)));
        assertEquals("the other stays", "associated", state(listed(brPort, UUID_DB)));

        // a type ID our database does not know: refused with its reason, and vdptool says so
        long refusedBefore = vdpPort(brPort).vdp().get(VdpCounter.REFUSED);
        Commands.Result bad = lldpad.vdp("assoc", "mgrid2=openevb", "typeid=999", "typeidver=1", "uuid=" + UUID_BAD,
                "hints=none", "filter=12-02:00:00:00:ad:03");
        assertEquals("refused at our bridge", 1, vdpPort(brPort).vdp().get(VdpCounter.REFUSED) - refusedBefore);
        assertEquals("nothing held for it", "absent", state(listed(brPort, UUID_BAD)));
        // lldpad's station ends a VSI whose request was refused without Keep and tells vdptool so:
        // the response it shows is the VSI in mode "deassoc", not the "assoc" it asked for
        assertTrue("vdptool shows the refusal as the VSI ended (exit " + bad.exit() + "):\n" + bad.output(),
                bad.output().contains("Response from VDP") && bad.output().contains("mode = deassoc")
                        && bad.output().contains("typeid = 999"));
        String held = lldpad.vsis().output();
        assertTrue("lldpad holds the associated VSI and not the refused one:\n" + held,
                held.contains(UUID_DB) && !held.contains(UUID_BAD) && !held.contains(UUID_WEB));

        // lldpad's keep-alives of the associated VSI: answered, the VSI stays
        long keepAlives = vdpPort(brPort).vdp().get(VdpCounter.KEEP_ALIVES_RECEIVED);
        Thread.sleep(2000);
        VdpPortView bridgeSide = vdpPort(brPort);
        long keepAlivesIn2s = bridgeSide.vdp().get(VdpCounter.KEEP_ALIVES_RECEIVED) - keepAlives;
        assertTrue("lldpad's keep-alives every 655 ms reach our bridge: " + keepAlivesIn2s + " in 2 s", keepAlivesIn2s >= 2);
        assertEquals("still associated", "associated", state(listed(brPort, UUID_DB)));
        // ECP both ways without a hitch: lldpad never had to repeat a request (it took our
        // acknowledgements), and took our answers at once (we never retransmitted)
        assertEquals("lldpad repeated none of its requests: " + bridgeSide.ecp(), 0, bridgeSide.ecp().get(EcpCounter.DUPLICATES));
        assertEquals(bridgeSide.ecp().toString(), 0, bridgeSide.ecp().get(EcpCounter.RETRANSMITTED)
                + bridgeSide.ecp().get(EcpCounter.GIVEN_UP) + bridgeSide.ecp().get(EcpCounter.UNEXPECTED_ACKS)
                + bridgeSide.ecp().get(EcpCounter.MALFORMED) + bridgeSide.ecp().get(EcpCounter.BAD_VERSION));
        long unacknowledged = bridgeSide.ecp().get(EcpCounter.SENT) - bridgeSide.ecp().get(EcpCounter.ACKNOWLEDGED);
        assertTrue("lldpad acknowledged every answer but one in flight: " + bridgeSide.ecp(), unacknowledged <= 1);
        assertEquals(0, bridgeSide.vdp().get(VdpCounter.MALFORMED) + bridgeSide.vdp().get(VdpCounter.UNEXPECTED));

        // what went over the wire: lldpad's requests and our answers, with their status bytes
        List<byte[]> frames = wire.await(1);
        java.util.Map<String, Integer> exchange = new java.util.TreeMap<>();
        for (byte[] f : frames) {
            EcpPdu p = EcpPdu.decode(f, 14, f.length - 14);
            if (p.op() == EcpPdu.OP_REQUEST) {
                for (VsiTlv t : VdpPdu.decode(p.payload(), 0, p.payload().length).vsiTlvs()) {
                    exchange.merge(String.format("%s type %d status 0x%02x", t.isResponse() ? "answer" : "request", t.type(),
                            t.status()), 1, Integer::sum);
                }
            }
        }
        assertEquals("the refusal went out once with code 4 (other failure) and the Hard bit: " + exchange, 1,
                (int) exchange.getOrDefault("answer type 3 status 0x54", 0));
        System.out.println("[vdp-lldpad] lldpad station (vdptool) -> our bridge: EVB TLV negotiated in " + negotiatedMillis
                + " ms (R " + ours.r() + " RTE " + ours.rte() + " RWD " + ours.rwd() + " RKA " + ours.rka()
                + "); associate, pre-associate (VID 0 -> 10" + (vidSeen ? ", vdptool shows 10" : ", vdptool shows its own 0")
                + "), associate, de-associate each answered and shown by evb:vsi-list; unknown type 999 refused, vdptool: "
                + bad.output().replaceAll("\\s+", " ").trim() + " (exit " + bad.exit() + "); vdptool -t: "
                + held.replaceAll("\\s+", " ").trim() + "; " + keepAlivesIn2s + " keep-alives from lldpad answered in 2 s; on the wire: "
                + exchange + "; our ECP " + bridgeSide.ecp());
    }

    @Test
    public void ourStationsVsisAssociateWithLldpadBridgeAndStayAliveAtItsTimers() throws Exception {
        String sw = lab.namespace("sw");
        String host = lab.hostName("st");
        lab.veth(host, sw, "p1", 1500, null);
        Lldpad lldpad = new Lldpad(lab, sw, "p1");
        lldpad.enable();
        // lldpad's timers are the larger ones, so they are the ones in use: RTE 14 (163.84 ms), RWD 20
        // (10.49 s), RKA 18 (2.62 s, keep-alives every 2.6 s)
        lldpad.evb("evbmode=bridge", "evbrrcap=yes", "ecpretries=3", "ecprte=14", "vdprwd=20", "vdprka=18", "enabletx=yes");
        lldpad.restart();

        String stPort = name("st");
        configs.create("org.openevb.port", "name", stPort, "interface", host);
        configs.create("org.openevb.lldp", "ports", stPort, "addresses", "", "tx.interval", "1");
        configs.create("org.openevb.evb", "ports", stPort, "role", "station", "ecp.rte", "8", "vdp.rwd", "14", "vdp.rka",
                "14");
        NetLab.Capture wire = lab.capture(sw, "p1", 400, false, "ether proto 0x8940");
        String[] names = {"web-" + lab.tag, "db-" + lab.tag};
        String[] macs = {"02:00:00:00:ae:01", "02:00:00:00:ae:02"};
        for (int i = 0; i < names.length; i++) {
            configs.create("org.openevb.vsi", "name", names[i], "port", stPort, "manager.id", "192.0.2.1", "type.id",
                    "5", "type.version", "4", "vsiid", "mac:" + macs[i], "filter.format", "mac-vid", "filter",
                    macs[i] + "/" + (20 + i), "command", "associate");
        }

        long t0 = System.nanoTime();
        Await.until("EVB TLV negotiated with lldpad's bridge", 40, () -> negotiated(stPort));
        Await.until("both VSIs associated", 40, () -> vdp.vsis().stream()
                .filter(v -> v.port().equals(stPort) && v.state().equals("associated")).count() == 2);
        long associateMillis = (System.nanoTime() - t0) / 1_000_000;
        EvbPortStatus ours = evbStatus(stPort).orElseThrow();
        assertEquals("lldpad's RTE", 14, ours.rte());
        assertEquals("lldpad's RKA", 18, ours.rka());
        long keepAliveMillis = 10L * (1L << ours.rka()) / 1000;

        // several keep-alive intervals: every VSI still associated, answered each time
        List<VsiView> first = vdp.vsis().stream().filter(v -> v.port().equals(stPort)).toList();
        long[] before = first.stream().mapToLong(VsiView::succeeded).toArray();
        long[] failedBefore = first.stream().mapToLong(VsiView::failed).toArray();
        // lldpad may not listen yet when our side has negotiated (it starts ECP once it has our TLV):
        // a first request repeated by ECP is expected then; once associated, nothing may be repeated
        long startupRepeats = vdpPort(stPort).ecp().get(EcpCounter.RETRANSMITTED);
        Thread.sleep(4 * keepAliveMillis + 500);
        List<VsiView> after = vdp.vsis().stream().filter(v -> v.port().equals(stPort)).toList();
        assertEquals(2, after.size());
        for (int i = 0; i < after.size(); i++) {
            VsiView v = after.get(i);
            assertEquals(v.name() + " still associated", "associated", v.state());
            assertEquals(v.name() + " answered", "success", v.lastReason());
            assertTrue(v.name() + ": keep-alives answered: " + (v.succeeded() - before[i]), v.succeeded() - before[i] >= 3);
            assertTrue(v.name() + ": last answer " + v.keepAliveAgeMillis() + " ms ago",
                    v.keepAliveAgeMillis() <= keepAliveMillis + 1000);
            assertEquals(v.name() + ": no failure once associated: " + v + "; ECP " + vdpPort(stPort).ecp() + "; VDP "
                    + vdpPort(stPort).vdp() + "; wire " + trace(wire.file()), failedBefore[i], v.failed());
        }
        VdpPortView stationSide = vdpPort(stPort);
        String diagnosis = "; our ECP " + stationSide.ecp() + "; VDP " + stationSide.vdp() + "; VSIs " + after + "; wire"
                + trace(wire.file());
        assertEquals("once associated, lldpad took every request at once" + diagnosis, 0,
                stationSide.ecp().get(EcpCounter.RETRANSMITTED) - startupRepeats + stationSide.ecp().get(EcpCounter.GIVEN_UP)
                        + stationSide.ecp().get(EcpCounter.UNEXPECTED_ACKS));
        assertEquals("lldpad repeated none of its answers (it took our acknowledgements)" + diagnosis, 0,
                stationSide.ecp().get(EcpCounter.DUPLICATES));
        assertEquals("nothing malformed, unexpected or unanswered" + diagnosis, 0,
                stationSide.ecp().get(EcpCounter.MALFORMED) + stationSide.ecp().get(EcpCounter.BAD_VERSION)
                + stationSide.vdp().get(VdpCounter.MALFORMED) + stationSide.vdp().get(VdpCounter.UNEXPECTED)
                + stationSide.vdp().get(VdpCounter.TIMEOUTS));
        String table = execute("evb:vsi-list " + stPort);
        assertTrue(table, table.contains(names[0]) && table.contains(names[1]) && table.contains("associated"));

        // lldpad's side, seen on the wire: its answers to each VSI, and its ECP acknowledgements of ours
        List<byte[]> frames = wire.await(1);
        String ourMac = Commands.run("cat", "/sys/class/net/" + host + "/address").trim();
        int answers = 0;
        int acks = 0;
        long minGapMicros = Long.MAX_VALUE;
        long lastRequestAt = Long.MIN_VALUE;
        for (PcapReader.Record r : PcapReader.readAll(wire.file())) {
            byte[] f = r.data();
            boolean fromUs = String.format("%02x:%02x:%02x:%02x:%02x:%02x", f[6], f[7], f[8], f[9], f[10], f[11]).equals(ourMac);
            if (fromUs && EcpPdu.decode(f, 14, f.length - 14).op() == EcpPdu.OP_REQUEST) {
                if (lastRequestAt != Long.MIN_VALUE) {
                    minGapMicros = Math.min(minGapMicros, (r.timestampNanos() - lastRequestAt) / 1000);
                }
                lastRequestAt = r.timestampNanos();
            }
        }
        // sent 10 ms apart; the wire may see less when the first one's send is delayed, but never
        // the 2 ms within which lldpad's VDP loses the earlier of two requests
        assertTrue("our requests at least 2 ms apart as lldpad received them: " + minGapMicros + " µs",
                minGapMicros >= 2_000);
        for (byte[] f : frames) {
            boolean fromLldpad = !String.format("%02x:%02x:%02x:%02x:%02x:%02x", f[6], f[7], f[8], f[9], f[10], f[11])
                    .equals(ourMac);
            EcpPdu p = EcpPdu.decode(f, 14, f.length - 14);
            if (fromLldpad && p.op() == EcpPdu.OP_ACK) {
                acks++;
            } else if (fromLldpad) {
                for (VsiTlv t : VdpPdu.decode(p.payload(), 0, p.payload().length).vsiTlvs()) {
                    if (t.isResponse() && t.type() == 3 && (t.status() & 0x0f) == 0) {
                        answers++;
                    }
                }
            }
        }
        assertTrue("lldpad answered each keep-alive of both VSIs: " + answers, answers >= 8);
        Commands.Result lldpadView = lldpad.vsis();
        String early = first.stream().filter(v -> v.failed() > 0).map(v -> v.name() + " " + v.failed())
                .reduce((a, b) -> a + ", " + b).orElse("none");
        if (!early.equals("none")) {
            System.out.println("[vdp-lldpad] before the first association: " + first + "; wire" + trace(wire.file()));
        }
        System.out.println("[vdp-lldpad] our station -> lldpad bridge (restarted after evbmode=bridge): both VSIs associated "
                + associateMillis + " ms after the configuration, at lldpad's timers (R " + ours.r() + " RTE " + ours.rte()
                + " RWD " + ours.rwd() + " RKA " + ours.rka() + ": keep-alive every " + keepAliveMillis
                + " ms); exchanges that ended unanswered before the first association: " + early
                + "; requests ECP repeated before then: " + startupRepeats + "; still associated after " + (4 * keepAliveMillis + 500) + " ms; lldpad answered " + answers
                + " associates/keep-alives with success and acknowledged " + acks + " ECP PDUs; our requests at least " + minGapMicros / 1000.0 + " ms apart; our ECP " + stationSide.ecp()
                + "; vdptool -t on lldpad's bridge: "
                + lldpadView.output().replaceAll("\\s+", " ").trim());
    }
}
