package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.extension.ControllingBridges;
import org.openevb.api.extension.PortExtenders;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.VnTag;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * Port extension on real frames. Hosts are network namespaces behind port extenders; extenders
 * and the controlling bridge run in the booted distribution on veth cascade links (MTU 1600, both
 * ends ports of the platform), and the controlling bridge's extended ports are switched by an
 * ordinary dot1q bridge. tcpdump captures the cascade links; tshark decodes every tag, and each
 * field is checked against the expected value and against our own codec's decode.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortExtensionIT extends KarafTestSupport {

    private static final String MARK = "88b5";

    @Inject
    PortExtenders extenders;

    @Inject
    ControllingBridges controllingBridges;

    private NetLab lab;
    /** Extenders, controlling bridges and bridges, deleted first (newest first), then the ports. */
    private final List<Configuration> users = new ArrayList<>();
    private final List<Configuration> portConfigs = new ArrayList<>();

    @Before
    public void setUp() throws IOException {
        lab = new NetLab();
        if (Commands.tryRun("sh", "-c", "command -v tshark").exit() != 0) {
            throw new AssertionError("the port extension tests need tshark: run .ci/setup");
        }
    }

    @After
    public void tearDown() throws Exception {
        try {
            for (int i = users.size() - 1; i >= 0; i--) {
                users.get(i).delete();
            }
            for (Configuration c : portConfigs) {
                c.delete();
            }
            Await.until("test ports removed", 15,
                    () -> ports.ports().stream().noneMatch(p -> p.name().endsWith("-" + lab.tag)));
        } finally {
            lab.close();
        }
    }

    // ---- topology helpers ----

    private String name(String role) {
        return role + "-" + lab.tag;
    }

    /** A host: a namespace with eth0 on a veth whose other end is the platform port {@code name(role)}. */
    private final class Host {
        final String role;
        final String ns;
        final String ip;
        final String mac;

        Host(String role, String ip) throws IOException {
            this.role = role;
            this.ns = lab.namespace(role);
            this.ip = ip;
            lab.veth(lab.hostName(role), ns, "eth0", 1500, ip + "/24");
            this.mac = lab.mac(ns, "eth0");
            PortExtensionIT.this.port(role, lab.hostName(role));
        }

        String port() {
            return name(role);
        }
    }

    /** A cascade link: a veth pair, MTU 1600, each end a platform port. */
    private void cascadeLink(String a, String b) throws IOException {
        lab.vethPair(lab.hostName(a), lab.hostName(b), 1600);
        port(a, lab.hostName(a));
        port(b, lab.hostName(b));
    }

    private void port(String role, String itf) throws IOException {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("name", name(role));
        p.put("interface", itf);
        Configuration c = configurationAdmin.createFactoryConfiguration("org.openevb.port", "?");
        c.update(p);
        portConfigs.add(c);
    }

    private Configuration configure(String factoryPid, Map<String, String> properties) throws IOException {
        Configuration c = configurationAdmin.createFactoryConfiguration(factoryPid, "?");
        c.update(new Hashtable<>(properties));
        users.add(c);
        return c;
    }

    private static void update(Configuration c, String key, String value) throws IOException {
        Hashtable<String, Object> props = new Hashtable<>();
        var d = c.getProperties();
        for (var keys = d.keys(); keys.hasMoreElements();) {
            String k = keys.nextElement();
            props.put(k, d.get(k));
        }
        props.put(key, value);
        c.update(props);
    }

    private void awaitExtenderUp(String extender) throws InterruptedException {
        Await.until("extender " + extender + " UP", 20, () -> Ready.extenderUp(extenders, extender));
    }

    private void awaitCbUp(String cb) throws InterruptedException {
        Await.until("controlling bridge " + cb + " UP", 20, () -> Ready.controllingBridgeUp(controllingBridges, cb));
    }

    private void awaitBridge(String bridge) throws InterruptedException {
        Await.until("bridge " + bridge + " forwarding with its ports UP", 20, () -> Ready.forwardingWithPortsUp(bridges, bridge));
    }

    // ---- frames, captures, tshark ----

    private static byte[] marked(String dst, String src, int seq) {
        byte[] f = new byte[60];
        byte[] head = java.util.HexFormat.of().parseHex(dst.replace(":", "") + src.replace(":", "") + MARK);
        System.arraycopy(head, 0, f, 0, 14);
        f[14] = (byte) (seq >>> 8);
        f[15] = (byte) seq;
        return f;
    }

    /** Captures of marked frames arriving at each host. */
    private Map<String, NetLab.Capture> listen(List<Host> hosts, int count) throws IOException {
        Map<String, NetLab.Capture> out = new LinkedHashMap<>();
        for (Host h : hosts) {
            out.put(h.role, lab.capture(h.ns, "eth0", count, true, "ether proto 0x" + MARK));
        }
        return out;
    }

    /**
     * Sends {@code count} marked broadcasts from {@code from} and counts, per host, frames
     * received, duplicates, and frames that came back to the source.
     */
    private Map<String, Integer> broadcast(Host from, List<Host> all, int count) throws Exception {
        Map<String, NetLab.Capture> captures = listen(all, count);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(marked("ff:ff:ff:ff:ff:ff", from.mac, i));
        }
        lab.inject(from.ns, "eth0", frames);
        Map<String, Integer> got = new TreeMap<>();
        int duplicates = 0;
        for (Host h : all) {
            List<byte[]> seen = captures.get(h.role).await(h == from ? 2 : 10);
            Set<Integer> seqs = new HashSet<>();
            for (byte[] f : seen) {
                if (!seqs.add(((f[14] & 0xFF) << 8) | (f[15] & 0xFF))) {
                    duplicates++;
                }
            }
            got.put(h.role, seen.size());
        }
        System.out.println("[port-extension]   broadcast x" + count + " from " + from.role + ": frames per host " + got
                + ", duplicates " + duplicates + ", echoes to source " + got.get(from.role));
        for (Host h : all) {
            assertEquals("broadcasts from " + from.role + " at " + h.role, h == from ? 0 : count, (int) got.get(h.role));
        }
        assertEquals("duplicates", 0, duplicates);
        return got;
    }

    /** One decoded frame: tshark's fields by name, and the frame's bytes as captured. */
    private record Decoded(Map<String, String> fields, byte[] bytes) {
        long num(String field) {
            String v = fields.get(field);
            if (v == null || v.isEmpty()) {
                throw new AssertionError("tshark gave no " + field + " in " + fields);
            }
            return v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
        }

        String text(String field) {
            return fields.get(field);
        }
    }

    private static final String[] ETAG_FIELDS = {"etag.pcp", "etag.dei", "etag.iecid_base", "etag.group", "etag.ecid_base",
        "etag.iecid_ext", "etag.ecid_ext", "etag.etype"};
    private static final String[] VNTAG_FIELDS = {"vntag.dir", "vntag.ptr", "vntag.dst", "vntag.looped", "vntag.version",
        "vntag.src", "vntag.etype"};

    /** Runs tshark on a capture (stderr discarded: it warns when run as root) and pairs each line with its frame. */
    private static List<Decoded> tshark(NetLab.Capture capture, List<byte[]> frames, String filter, String... fields)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", capture.file().toString(), "-Y", filter, "-T", "fields",
                "-E", "separator=,", "-e", "frame.number", "-e", "eth.src", "-e", "eth.dst"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(Redirect.DISCARD).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("tshark failed on " + capture.file() + ": " + out);
        }
        List<Decoded> decoded = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] v = line.split(",", -1);
            Map<String, String> m = new HashMap<>();
            m.put("eth.src", v[1]);
            m.put("eth.dst", v[2]);
            for (int i = 0; i < fields.length; i++) {
                m.put(fields[i], v[3 + i]);
            }
            decoded.add(new Decoded(m, frames.get(Integer.parseInt(v[0]) - 1)));
        }
        return decoded;
    }

    /** Every E-Tag field as tshark decoded it equals our codec's decode of the same bytes. */
    private static void agreesWithOurCodec(Decoded d, boolean etag) throws Exception {
        if (etag) {
            ETag t = ETag.decode(d.bytes(), 12, d.bytes().length - 12);
            int next = ((d.bytes()[20] & 0xFF) << 8) | (d.bytes()[21] & 0xFF);
            assertEquals(List.of((long) t.pcp(), t.dei() ? 1L : 0L, (long) t.ingressEcidBase(), (long) t.grp(), (long) t.ecidBase(),
                    (long) t.ingressEcidExt(), (long) t.ecidExt(), (long) next),
                    List.of(d.num("etag.pcp"), d.num("etag.dei"), d.num("etag.iecid_base"), d.num("etag.group"),
                            d.num("etag.ecid_base"), d.num("etag.iecid_ext"), d.num("etag.ecid_ext"), d.num("etag.etype")));
        } else {
            VnTag t = VnTag.decode(d.bytes(), 12, d.bytes().length - 12);
            int next = ((d.bytes()[18] & 0xFF) << 8) | (d.bytes()[19] & 0xFF);
            assertEquals(List.of(t.direction() ? 1L : 0L, t.pointer() ? 1L : 0L, (long) t.dvif(), t.looped() ? 1L : 0L,
                    (long) t.version(), (long) t.svif(), (long) next),
                    List.of(d.num("vntag.dir"), d.num("vntag.ptr"), d.num("vntag.dst"), d.num("vntag.looped"),
                            d.num("vntag.version"), d.num("vntag.src"), d.num("vntag.etype")));
        }
    }

    /** The expected tag, as the list of tshark's fields in order. */
    private static List<Long> etag(int iecid, int group, int ecidBase, int etype) {
        return List.of(0L, 0L, (long) iecid, (long) group, (long) ecidBase, 0L, 0L, (long) etype);
    }

    private static List<Long> vntag(int dir, int ptr, int dst, int looped, int src, int etype) {
        return List.of((long) dir, (long) ptr, (long) dst, (long) looped, 0L, (long) src, (long) etype);
    }

    private static List<Long> fields(Decoded d, boolean etag) {
        List<Long> out = new ArrayList<>();
        for (String f : etag ? ETAG_FIELDS : VNTAG_FIELDS) {
            out.add(d.num(f));
        }
        return out;
    }

    // ---- scenarios ----

    /** One extender with three hosts, a controlling bridge, in one tag format. */
    private void hostsBehindOneExtender(String format) throws Exception {
        boolean etag = format.equals("etag");
        String net = etag ? "192.168.71." : "192.168.72.";
        List<Host> hosts = List.of(new Host("h1", net + "1"), new Host("h2", net + "2"), new Host("h3", net + "3"));
        cascadeLink("cb", "pu");
        String group = etag ? "0x1001" : "7";
        String pe = name("pe");
        configure("org.openevb.extender", Map.of("name", pe, "format", format, "upstream", name("pu"),
                "ports", hosts.get(0).port() + ": 1, " + hosts.get(1).port() + ": 2, " + hosts.get(2).port() + ": 3",
                "groups", group + ": " + hosts.get(0).port() + " " + hosts.get(1).port() + " " + hosts.get(2).port()));
        String cb = name("cb");
        String cascade = name("cb");
        configure("org.openevb.cb", Map.of("name", cb, "cascades", cascade + ": " + format,
                "extended.ports", cascade + ": 1-3", "groups", cascade + "/" + group + ": 1-3"));
        awaitExtenderUp(pe);
        awaitCbUp(cb);
        Host h1 = hosts.get(0);
        Host h2 = hosts.get(1);
        int without = lab.ping(h1.ns, h2.ip, 3);
        assertEquals("no bridge on the controlling bridge's extended ports: the extender alone never switches", 0, without);
        // the unanswered ARP keeps those echo requests queued; they would go out with the next ping
        lab.in(h1.ns, "ip", "neigh", "flush", "dev", "eth0");

        String x = cascade + (etag ? ".e" : ".v");
        String br = name("cbbr");
        configure("org.openevb.bridge", Map.of("name", br, "mode", "dot1q", "ports", x + "1, " + x + "2, " + x + "3"));
        awaitBridge(br);
        String tpid = etag ? "0x893f" : "0x8926";
        NetLab.Capture up = lab.capture(null, lab.hostName("cb"), 1000, true, "ether proto " + tpid);
        NetLab.Capture down = lab.capture(null, lab.hostName("pu"), 1000, true, "ether proto " + tpid);
        int with = lab.ping(h1.ns, h2.ip, 3);
        assertEquals("through the controlling bridge", 3, with);
        List<byte[]> upFrames = up.await(2);
        List<byte[]> downFrames = down.await(2);
        String[] tagFields = etag ? ETAG_FIELDS : VNTAG_FIELDS;
        List<Decoded> upIcmp = tshark(up, upFrames, "icmp", tagFields);
        List<Decoded> downIcmp = tshark(down, downFrames, "icmp", tagFields);
        int checked = 0;
        for (Decoded d : upIcmp) {
            int source = d.text("eth.src").equals(h1.mac) ? 1 : d.text("eth.src").equals(h2.mac) ? 2 : -1;
            assertTrue("ICMP up from h1 or h2: " + d.fields(), source > 0);
            assertEquals("up: tag carries the source " + d.fields(),
                    etag ? etag(0, 0, source, 0x0800) : vntag(0, 0, 0, 0, source, 0x0800), fields(d, etag));
            agreesWithOurCodec(d, etag);
            checked++;
        }
        for (Decoded d : downIcmp) {
            int destination = d.text("eth.dst").equals(h1.mac) ? 1 : d.text("eth.dst").equals(h2.mac) ? 2 : -1;
            assertTrue("ICMP down to h1 or h2: " + d.fields(), destination > 0);
            assertEquals("down: tag carries the destination " + d.fields(),
                    etag ? etag(0, 0, destination, 0x0800) : vntag(1, 0, destination, 0, 0, 0x0800), fields(d, etag));
            agreesWithOurCodec(d, etag);
            checked++;
        }
        assertEquals("3 echo requests and 3 replies went up", 6, upIcmp.size());
        assertEquals("and came down", 6, downIcmp.size());

        NetLab.Capture downB = lab.capture(null, lab.hostName("pu"), 1000, true, "ether proto " + tpid);
        broadcast(h1, hosts, 5);
        List<byte[]> bFrames = downB.await(2);
        List<Decoded> copies = tshark(downB, bFrames, (etag ? "etag.etype" : "vntag.etype") + " == 0x" + MARK, tagFields);
        assertEquals("one copy per broadcast down the cascade: the extender replicates", 5, copies.size());
        for (Decoded d : copies) {
            assertEquals("down: group, source to prune " + d.fields(),
                    etag ? etag(1, 1, 0x001, 0x88b5) : vntag(1, 1, 7, 1, 1, 0x88b5), fields(d, etag));
            agreesWithOurCodec(d, etag);
            checked++;
        }
        System.out.println("[port-extension] " + format + ": ping h1->h2 " + without + "/3 with no bridge on the controlling "
                + "bridge, " + with + "/3 through it; " + upIcmp.size() + " ICMP frames up tagged with the source "
                + (etag ? "E-CID" : "vif") + ", " + downIcmp.size() + " down with the destination; broadcasts crossed the "
                + "cascade as " + copies.size() + " group copies (" + (etag ? "E-CID 0x1001, Ingress_E-CID 1" : "vif list 7, looped, svif 1")
                + "); " + checked + " tags checked field by field against tshark and our codec");
    }

    @Test
    public void eTagExtenderAndControllingBridge() throws Exception {
        hostsBehindOneExtender("etag");
    }

    @Test
    public void vnTagExtenderAndControllingBridge() throws Exception {
        hostsBehindOneExtender("vntag");
    }

    @Test
    public void twoExtendersAndACascadedOneOnOneControllingBridge() throws Exception {
        String net = "192.168.73.";
        List<Host> all = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            all.add(new Host("h" + i, net + i));
        }
        cascadeLink("c1", "p1u");
        cascadeLink("p1c", "p2u");
        cascadeLink("c2", "p3u");
        String pe1 = name("pe1");
        String pe2 = name("pe2");
        String pe3 = name("pe3");
        configure("org.openevb.extender", Map.of("name", pe1, "format", "etag", "upstream", name("p1u"),
                "ports", all.get(0).port() + ": 1, " + all.get(1).port() + ": 2", "cascades", name("p1c") + ": 100-199",
                "groups", "0x1001: " + all.get(0).port() + " " + all.get(1).port() + " " + name("p1c")));
        configure("org.openevb.extender", Map.of("name", pe2, "format", "etag", "upstream", name("p2u"),
                "ports", all.get(2).port() + ": 101, " + all.get(3).port() + ": 102",
                "groups", "0x1001: " + all.get(2).port() + " " + all.get(3).port()));
        configure("org.openevb.extender", Map.of("name", pe3, "format", "vntag", "upstream", name("p3u"),
                "ports", all.get(4).port() + ": 1, " + all.get(5).port() + ": 2",
                "groups", "7: " + all.get(4).port() + " " + all.get(5).port()));
        String cb = name("cb");
        String c1 = name("c1");
        String c2 = name("c2");
        configure("org.openevb.cb", Map.of("name", cb, "cascades", c1 + ": etag, " + c2 + ": vntag",
                "extended.ports", c1 + ": 1 2 101 102, " + c2 + ": 1-2",
                "groups", c1 + "/0x1001: 1 2 101 102, " + c2 + "/7: 1 2"));
        String br = name("cbbr");
        configure("org.openevb.bridge", Map.of("name", br, "mode", "dot1q", "ports",
                c1 + ".e1, " + c1 + ".e2, " + c1 + ".e101, " + c1 + ".e102, " + c2 + ".v1, " + c2 + ".v2"));
        awaitExtenderUp(pe1);
        awaitExtenderUp(pe2);
        awaitExtenderUp(pe3);
        awaitCbUp(cb);
        awaitBridge(br);

        assertEquals("h1 -> h3, below the cascaded extender", 3, lab.ping(all.get(0).ns, net + "3", 3));
        assertEquals("h1 (E-Tag) -> h5 (VN-Tag)", 3, lab.ping(all.get(0).ns, net + "5", 3));
        assertEquals("h4 (cascaded) -> h6 (VN-Tag)", 3, lab.ping(all.get(3).ns, net + "6", 3));

        NetLab.Capture up1 = lab.capture(null, lab.hostName("c1"), 1000, true, "ether proto 0x893f");
        NetLab.Capture down1 = lab.capture(null, lab.hostName("p1u"), 1000, true, "ether proto 0x893f");
        NetLab.Capture down2 = lab.capture(null, lab.hostName("p2u"), 1000, true, "ether proto 0x893f");
        NetLab.Capture down3 = lab.capture(null, lab.hostName("p3u"), 1000, true, "ether proto 0x8926");
        broadcast(all.get(2), all, 5);
        String marked = "etag.etype == 0x" + MARK;
        List<Decoded> up = tshark(up1, up1.await(2), marked, ETAG_FIELDS);
        List<Decoded> d1 = tshark(down1, down1.await(1), marked, ETAG_FIELDS);
        List<Decoded> d2 = tshark(down2, down2.await(1), marked, ETAG_FIELDS);
        List<Decoded> d3 = tshark(down3, down3.await(1), "vntag.etype == 0x" + MARK, VNTAG_FIELDS);
        assertEquals(5, up.size());
        assertEquals(5, d1.size());
        assertEquals(5, d2.size());
        assertEquals(5, d3.size());
        int checked = 0;
        for (Decoded d : up) {
            assertEquals("h3's E-CID 101, passed up unchanged by pe1", etag(0, 0, 101, 0x88b5), fields(d, true));
            agreesWithOurCodec(d, true);
            checked++;
        }
        for (List<Decoded> copies : List.of(d1, d2)) {
            for (Decoded d : copies) {
                assertEquals("one group copy, Ingress_E-CID 101, passed down unchanged by pe1", etag(101, 1, 0x001, 0x88b5),
                        fields(d, true));
                agreesWithOurCodec(d, true);
                checked++;
            }
        }
        for (Decoded d : d3) {
            assertEquals("one list copy to the VN-Tag extender, not looped", vntag(1, 1, 7, 0, 0, 0x88b5), fields(d, false));
            agreesWithOurCodec(d, false);
            checked++;
        }
        broadcast(all.get(4), all, 5);
        broadcast(all.get(0), all, 5);
        commands(cb, pe1, c1);
        System.out.println("[port-extension] two extenders (E-Tag, VN-Tag) and one cascaded below the first, on one "
                + "controlling bridge: pings h1->h3, h1->h5, h4->h6 3/3 each; a broadcast from h3 crossed each cascade "
                + "link once per frame; " + checked + " tags checked field by field against tshark and our codec");
    }

    /** The shell commands, in JSON and as tables, on the running topology. */
    private void commands(String cb, String pe1, String c1) throws Exception {
        com.google.gson.JsonObject shown = com.google.gson.JsonParser.parseString(execute("evb:cb-show --json " + cb))
                .getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("UP", shown.get("status").getAsString());
        assertEquals(6, shown.getAsJsonArray("extendedPorts").size());
        com.google.gson.JsonObject e101 = shown.getAsJsonArray("extendedPorts").get(2).getAsJsonObject();
        assertEquals(c1 + ".e101", e101.get("name").getAsString());
        assertEquals(101, e101.get("id").getAsInt());
        assertTrue(e101.get("rxFrames").getAsLong() >= 5);
        com.google.gson.JsonArray groups = com.google.gson.JsonParser.parseString(execute("evb:ecid-groups --json")).getAsJsonArray();
        long cbGroupFrames = 0;
        for (var g : groups) {
            var o = g.getAsJsonObject();
            if (o.get("owner").getAsString().equals(cb) && o.get("idHex").getAsString().equals("0x1001")) {
                cbGroupFrames = o.get("frames").getAsLong();
            }
        }
        assertTrue("the controlling bridge sent group copies: " + groups, cbGroupFrames >= 10);
        com.google.gson.JsonArray extendedPorts = com.google.gson.JsonParser.parseString(execute("evb:extended-port-list --json"))
                .getAsJsonArray();
        assertTrue(extendedPorts.size() >= 6 + 6 + 1);
        com.google.gson.JsonObject pe = com.google.gson.JsonParser.parseString(execute("evb:extender-show --json " + pe1))
                .getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("UP", pe.get("status").getAsString());
        assertEquals(0, pe.getAsJsonObject("upstream").get("drops").getAsLong());
        for (String command : List.of("evb:extender-show " + pe1, "evb:cb-show " + cb, "evb:ecid-groups")) {
            System.out.println("[port-extension] karaf> " + command);
            for (String line : execute(command).split("\n")) {
                System.out.println("[port-extension]   " + line);
            }
        }
    }

    @Test
    public void aHostPortSwitchesBetweenExtendedPortAndVebAtRunTime() throws Exception {
        String net = "192.168.74.";
        Host h1 = new Host("h1", net + "1");
        Host h2 = new Host("h2", net + "2");
        cascadeLink("cb", "pu");
        // the server's second uplink, for its VEB, to a plain port of the same bridge
        lab.vethPair(lab.hostName("cbp"), lab.hostName("su"), 1500);
        port("cbp", lab.hostName("cbp"));
        port("su", lab.hostName("su"));
        String pe = name("pe");
        String both = h1.port() + ": 1, " + h2.port() + ": 2";
        Configuration extender = configure("org.openevb.extender", Map.of("name", pe, "upstream", name("pu"), "ports", both));
        String cascade = name("cb");
        configure("org.openevb.cb", Map.of("name", name("cb"), "cascades", cascade + ": etag", "extended.ports", cascade + ": 1-2"));
        String br = name("cbbr");
        configure("org.openevb.bridge", Map.of("name", br, "ports", cascade + ".e1, " + cascade + ".e2, " + name("cbp")));
        awaitExtenderUp(pe);
        awaitCbUp(name("cb"));
        awaitBridge(br);
        Map<String, Long> threads = rxThreads();

        int[] extended = pingAndLook(h2, h1);
        assertEquals(3, extended[0]);
        assertEquals("extended: h2's echo requests on the cascade link, E-CID 2", 3, extended[1]);
        assertEquals("extended: none on the VEB uplink", 0, extended[2]);

        update(extender, "ports", h1.port() + ": 1");
        Await.until("h2 left the extender", 10, () -> extenders.extender(pe).map(e -> e.ports().size() == 1).orElse(false));
        String veb = name("veb");
        Configuration vebConfig = configure("org.openevb.bridge", Map.of("name", veb, "mode", "veb",
                "ports", name("su") + ", " + h2.port(), "uplink", name("su")));
        awaitBridge(veb);
        int[] vebPath = pingAndLook(h2, h1);
        assertEquals(3, vebPath[0]);
        assertEquals("VEB: nothing of h2 on the cascade link", 0, vebPath[1]);
        assertEquals("VEB: h2's echo requests on its uplink, untagged", 3, vebPath[2]);

        users.remove(vebConfig);
        vebConfig.delete();
        Await.until("VEB removed", 10, () -> bridges.bridge(veb).isEmpty());
        update(extender, "ports", both);
        Await.until("h2 back on the extender", 10, () -> extenders.extender(pe).map(e -> e.ports().size() == 2).orElse(false));
        int[] back = pingAndLook(h2, h1);
        assertEquals(3, back[0]);
        assertEquals("extended again: on the cascade link with E-CID 2", 3, back[1]);
        assertEquals(0, back[2]);
        // ports made during the test (the VEB's uplink) add threads; the ones there before must be the same
        assertTrue("no port was restarted: same receive threads " + threads + " in " + rxThreads(),
                rxThreads().entrySet().containsAll(threads.entrySet()));
        System.out.println("[port-extension] h2 switched at run time, configuration only: extended port (E-CID 2) -> VEB "
                + "-> extended port; ping h2->h1 " + extended[0] + "/3, " + vebPath[0] + "/3, " + back[0] + "/3; h2's ICMP "
                + "frames on the cascade link " + extended[1] + ", " + vebPath[1] + ", " + back[1] + "; on the VEB uplink "
                + extended[2] + ", " + vebPath[2] + ", " + back[2] + "; receive threads unchanged");
    }

    /** Pings {@code to} from {@code from}: replies, and {@code from}'s ICMP frames on the cascade link (with E-CID 2) and on the VEB uplink. */
    private int[] pingAndLook(Host from, Host to) throws Exception {
        NetLab.Capture cascade = lab.capture(null, lab.hostName("cb"), 1000, true, "ether proto 0x893f and ether src " + from.mac);
        NetLab.Capture plain = lab.capture(null, lab.hostName("cbp"), 1000, true, "icmp and ether src " + from.mac);
        int replies = lab.ping(from.ns, to.ip, 3);
        List<byte[]> tagged = cascade.await(2);
        List<Decoded> icmp = tshark(cascade, tagged, "icmp", ETAG_FIELDS);
        for (Decoded d : icmp) {
            assertEquals(etag(0, 0, 2, 0x0800), fields(d, true));
            agreesWithOurCodec(d, true);
        }
        return new int[] {replies, icmp.size(), plain.await(1).size()};
    }

    private Map<String, Long> rxThreads() {
        Map<String, Long> out = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("evb-rx-") && t.getName().endsWith(lab.tag)) {
                out.put(t.getName(), t.getId());
            }
        }
        assertTrue(!out.isEmpty());
        return out;
    }
}
