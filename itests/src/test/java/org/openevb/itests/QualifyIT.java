package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.port.PortState;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The qualification kit against stand-ins whose behaviour is known: lldpad as an EVB bridge on a
 * Linux bridge port with hairpin, and a Linux bridge alone with hairpin on and off. Each run goes
 * through the evb:qualify command; its report's verdicts are compared with the stand-in's expected
 * table, and tshark reads the session's pcap as the independent witness.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class QualifyIT extends LabTestSupport {

    /** Our port on a veth whose other end is {@code p1} in a new namespace {@code sw}; returns the namespace. */
    private String cabledPort(String port) throws Exception {
        String sw = lab.namespace("sw");
        lab.veth(lab.hostName("up"), sw, "p1", 1600, null);
        configs.create("org.openevb.port", "name", port, "interface", lab.hostName("up"));
        Await.until("port " + port + " UP", 20, () -> ports.port(port).map(p -> p.state() == PortState.UP).orElse(false));
        return sw;
    }

    /** Where a run's report goes: inside the kept Karaf runtime folder, under target/. */
    private Path out(String run) throws Exception {
        return Files.createDirectories(Path.of(System.getProperty("karaf.base", ".")).toAbsolutePath()
                .resolve("qualify-reports").resolve(lab.tag + "-" + run));
    }

    private JsonObject qualify(String port, Path dir, String options) throws Exception {
        String output = execute("evb:qualify --out " + dir + " " + options + " " + port); // Karaf: options before arguments
        System.out.println("[qualify] " + output.replace("\n", "\n[qualify] "));
        Path json = dir.resolve("report.json");
        assertTrue("report.json written; output: " + output, Files.exists(json));
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue("the HTML page has its summary table", html.contains("<table class=\"summary\">"));
        assertTrue("the HTML page has its timeline", html.contains("<table class=\"timeline\">"));
        assertTrue("progress while it ran: " + output, output.contains("[1/"));
        return JsonParser.parseString(Files.readString(json, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static Map<String, JsonObject> probes(JsonObject report) {
        Map<String, JsonObject> byId = new HashMap<>();
        report.getAsJsonArray("probes").forEach(p -> byId.put(p.getAsJsonObject().get("id").getAsString(), p.getAsJsonObject()));
        return byId;
    }

    private static String verdict(Map<String, JsonObject> probes, String id) {
        return probes.get(id).get("verdict").getAsString();
    }

    private static String value(Map<String, JsonObject> probes, String id, String key) {
        JsonObject values = probes.get(id).getAsJsonObject("values");
        return values.has(key) ? values.get(key).getAsString() : "(none)";
    }

    /** Compares a report's verdicts with the stand-in's expected table and prints the matrix. */
    private static void assertVerdicts(String standIn, Map<String, JsonObject> probes, Map<String, String> expected) {
        StringBuilder matrix = new StringBuilder("[qualify] " + standIn + ":");
        boolean all = true;
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(expected).entrySet()) {
            String got = verdict(probes, e.getKey());
            all &= got.equals(e.getValue());
            matrix.append(String.format(" %s expected %s got %s%s;", e.getKey(), e.getValue(), got,
                    got.equals(e.getValue()) ? "" : " (" + probes.get(e.getKey()).get("summary").getAsString() + ")"));
        }
        System.out.println(matrix);
        assertTrue(matrix.toString(), all);
    }

    @Test
    public void lldpadAsAnEvbBridgeOnAHairpinningLinuxBridge() throws Exception {
        String port = "up-" + lab.tag;
        String sw = cabledPort(port);
        // STP on, so the bridge hands LLDP to lldpad on its port instead of flooding it back to us
        lab.in(sw, "ip", "link", "add", "br0", "type", "bridge", "stp_state", "1", "forward_delay", "200");
        lab.in(sw, "sysctl", "-q", "-w", "net.ipv6.conf.br0.disable_ipv6=1");
        lab.in(sw, "ip", "link", "set", "p1", "master", "br0");
        lab.in(sw, "ip", "link", "set", "br0", "up");
        lab.in(sw, "bridge", "link", "set", "dev", "p1", "hairpin", "on");
        Await.until("switch port forwarding", 30, () -> lab.in(sw, "bridge", "link", "show", "dev", "p1").contains("forwarding"));
        Lldpad lldpad = new Lldpad(lab, sw, "p1");
        lldpad.enable();
        lldpad.evb("evbmode=bridge", "evbrrcap=yes", "ecpretries=3", "ecprte=14", "vdprwd=20", "vdprka=20", "enabletx=yes");

        Path dir = out("lldpad");
        long t0 = System.nanoTime();
        JsonObject report = qualify(port, dir, "--probes P1,P2,P3 --listen 35 --allow-flood");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        Map<String, JsonObject> probes = probes(report);
        assertVerdicts("lldpad bridge + Linux bridge hairpin on", probes, Map.of("P1", "pass", "P2", "pass", "P3", "pass"));
        assertTrue("lldpad's EVB TLV on the customer-bridge address: " + value(probes, "P1", "evb-tlv"),
                value(probes, "P1", "evb-tlv").startsWith("nearest-customer-bridge: bridge rrcap"));
        assertEquals("absent", value(probes, "P1", "cdcp-tlv"));
        assertEquals("RRCAP", value(probes, "P2", "rr-not-requested.bridge-status"));
        assertEquals("RRCAP RRCTR", value(probes, "P2", "rr-requested.bridge-status"));
        assertEquals("R 7, RTE 20, RWD 25 (ROL), RKA 25 (ROL)", value(probes, "P2", "rr-requested-long-timers.combined"));
        assertTrue(value(probes, "P2", "grant-after-withdrawal"), value(probes, "P2", "grant-after-withdrawal").startsWith("withdrawn"));
        assertEquals("reflected, unmodified", value(probes, "P3", "s-tagged"));
        assertTrue("the probes that need no VDP finish in under 2 minutes: " + seconds + " s", seconds < 120);

        // tshark, independently: every frame of the report is in the pcap, and lldpad's grant is on the wire
        Path pcap = dir.resolve("session.pcap");
        long frames = report.get("framesIn").getAsLong() + report.get("framesOut").getAsLong();
        assertEquals("every frame in and out is in the pcap", frames, Tshark.fields(pcap, "frame", "frame.number").size());
        String lldpadMac = lab.mac(sw, "p1");
        List<byte[]> evb = Tshark.rawTlvs(pcap, "eth.src == " + lldpadMac + " && lldp.ieee.802_1.subtype == 0x0d", "IEEE - EVB");
        assertTrue("tshark sees lldpad's EVB TLVs", !evb.isEmpty());
        assertTrue("and one of them grants reflective relay (RRCAP and RRCTR)", evb.stream().anyMatch(t -> (t[6] & 0x03) == 0x03));
        assertEquals("the S-tagged frame went out and came back", 2, Tshark.fields(pcap, "ieee8021ad.id == 100", "frame.number").size());
        System.out.println("[qualify] lldpad: " + frames + " frames in " + seconds + " s; P2 time to grant "
                + value(probes, "P2", "rr-requested.time-to-grant") + "; lldpad's LLDP interval "
                + value(probes, "P1", "interval.nearest-customer-bridge") + "; tshark saw " + evb.size() + " EVB TLVs from lldpad");
    }

    @Test
    public void aLinuxBridgeReflectsEverythingWithHairpinOnAndNothingWithItOff() throws Exception {
        String port = "up-" + lab.tag;
        String sw = cabledPort(port);
        lab.linuxBridge(sw, "p1", null);
        lab.in(sw, "bridge", "link", "set", "dev", "p1", "hairpin", "on");
        Await.until("switch port forwarding", 30, () -> lab.in(sw, "bridge", "link", "show", "dev", "p1").contains("forwarding"));

        Path on = out("hairpin-on");
        Map<String, JsonObject> withHairpin = probes(qualify(port, on, "--probes P3 --allow-flood"));
        assertVerdicts("Linux bridge hairpin on", withHairpin, Map.of("P3", "pass"));
        for (String c : List.of("known-unicast", "unknown-unicast", "broadcast", "multicast", "c-tagged", "s-tagged",
                "priority-tagged")) {
            assertEquals(c, "reflected, unmodified", value(withHairpin, "P3", c));
        }
        // the VLAN-unaware Linux bridge hands the S-tagged frame back byte for byte: tshark agrees
        List<String> sTagged = Tshark.fields(on.resolve("session.pcap"), "ieee8021ad.id == 100", "ieee8021ad.id", "eth.src");
        assertEquals("out and back: " + sTagged, 2, sTagged.size());
        assertEquals(sTagged.get(0), sTagged.get(1));

        lab.in(sw, "bridge", "link", "set", "dev", "p1", "hairpin", "off");
        Path off = out("hairpin-off");
        Map<String, JsonObject> withoutHairpin = probes(qualify(port, off, "--probes P3 --allow-flood"));
        assertVerdicts("Linux bridge hairpin off", withoutHairpin, Map.of("P3", "not-supported"));
        assertEquals("not reflected", value(withoutHairpin, "P3", "broadcast"));
        assertEquals("nothing came back: sent frames only", 9,
                Tshark.fields(off.resolve("session.pcap"), "frame contains \"OEVB-P3\"", "frame.number").size());

        String compared = execute("evb:qualify --compare " + on.resolve("report.json") + " " + off.resolve("report.json"));
        assertTrue(compared, compared.contains("P3 verdict: pass -> not-supported"));
        assertTrue(compared, compared.contains("P3 known-unicast: reflected, unmodified -> not reflected"));
    }
}
