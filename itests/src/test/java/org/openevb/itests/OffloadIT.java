package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.extension.ControllingBridges;
import org.openevb.api.extension.PortExtenders;
import org.openevb.api.port.Port;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Real TCP and UDP between two VMs (network namespaces behind veths, default offloads: tx
 * checksumming, TSO, GSO) on every path the platform offers, with ports on the packet driver: a
 * VEB edge relay; a VEPA edge relay whose uplink a Linux bridge hairpins; a VEPA edge relay on an
 * S-channel whose bridge side reflects; two extended ports of a controlling bridge, switched by a
 * dot1q bridge. The VMs' kernels leave checksums partial and hand over 64 KiB TCP super-frames;
 * the driver must complete the one and segment the other, or UDP arrives with bad checksums and
 * TCP stalls. Each path prints one {@code [offload]} line with its figures.
 *
 * <p>{@code -Devb.offload.driver=pcap} runs the same test with the pcap driver, to show the defect
 * the packet driver exists for (it then fails).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OffloadIT extends KarafTestSupport {

    private static final String DRIVER_PROPERTY = "evb.offload.driver";
    private static final String NET = "192.168.68.";
    private static final int DATAGRAMS = 200;
    private static final int TCP_BYTES = 1 << 20;

    private static final String UDP_RECEIVER = String.join("\n",
            "import socket, sys, time",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "s.bind(('0.0.0.0', 9000))",
            "s.settimeout(0.2)",
            "want, deadline = int(sys.argv[1]), time.time() + float(sys.argv[2])",
            "seen = set()",
            "print('ready', flush=True)",
            "while len(seen) < want and time.time() < deadline:",
            "    try:",
            "        data, _ = s.recvfrom(65535)",
            "    except socket.timeout:",
            "        continue",
            "    if len(data) == 1000 and data[4:] == bytes(range(256)) * 3 + bytes(range(228)):",
            "        seen.add(int.from_bytes(data[:4], 'big'))",
            "print(len(seen), flush=True)");
    private static final String UDP_SENDER = String.join("\n",
            "import socket, sys, time",
            "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
            "body = bytes(range(256)) * 3 + bytes(range(228))",
            "for i in range(int(sys.argv[2])):",
            "    s.sendto(i.to_bytes(4, 'big') + body, (sys.argv[1], 9000))",
            "    time.sleep(0.002)",
            "print('sent', flush=True)");
    private static final String TCP_SERVER = String.join("\n",
            "import hashlib, socket, sys",
            "srv = socket.socket()",
            "srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "srv.bind(('0.0.0.0', 5001))",
            "srv.listen(1)",
            "srv.settimeout(float(sys.argv[1]))",
            "print('ready', flush=True)",
            "total, h = 0, hashlib.sha256()",
            "try:",
            "    c, _ = srv.accept()",
            "    c.settimeout(float(sys.argv[1]))",
            "    while True:",
            "        b = c.recv(65536)",
            "        if not b:",
            "            break",
            "        h.update(b)",
            "        total += len(b)",
            "    c.close()",
            "    print(total, h.hexdigest(), flush=True)",
            "except Exception as e:",
            "    print(total, 'error', type(e).__name__, flush=True)");
    private static final String TCP_CLIENT = String.join("\n",
            "import hashlib, random, socket, sys, time",
            "data = random.Random(7).randbytes(int(sys.argv[2]))",
            "t0 = time.time()",
            "try:",
            "    c = socket.create_connection((sys.argv[1], 5001), timeout=float(sys.argv[3]))",
            "    c.sendall(data)",
            "    c.shutdown(socket.SHUT_WR)",
            "    c.recv(1)",
            "    print(len(data), hashlib.sha256(data).hexdigest(), '%.3f' % (time.time() - t0), flush=True)",
            "except Exception as e:",
            "    print(len(data), hashlib.sha256(data).hexdigest(), 'error', type(e).__name__, flush=True)");

    @Inject
    PortExtenders extenders;

    @Inject
    ControllingBridges controllingBridges;

    private NetLab lab;
    private Configs configs;
    private final List<Process> processes = new ArrayList<>();

    @Override
    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        Option[] base = super.config();
        Option[] all = Arrays.copyOf(base, base.length + 1);
        all[base.length] = systemProperty(DRIVER_PROPERTY).value(System.getProperty(DRIVER_PROPERTY, "packet"));
        return all;
    }

    @Before
    public void setUp() throws IOException {
        lab = new NetLab();
        configs = new Configs(configurationAdmin);
    }

    @After
    public void tearDown() throws Exception {
        try {
            for (Process p : processes) {
                p.destroyForcibly();
            }
            for (Process p : processes) {
                p.waitFor(5, TimeUnit.SECONDS);
            }
            processes.clear();
            configs.deleteAll(); // newest first: bridges and relays before the ports they use
            Await.until("test ports removed", 15,
                    () -> ports.ports().stream().noneMatch(p -> p.name().contains("-" + lab.tag)));
        } finally {
            lab.close();
        }
    }

    private static String driver() {
        return System.getProperty(DRIVER_PROPERTY, "packet");
    }

    private String name(String role) {
        return role + "-" + lab.tag;
    }

    /** A port of the platform on a host interface, with the driver under test. */
    private void port(String role, String itf) throws IOException {
        configs.create("org.openevb.port", "name", name(role), "interface", itf, "driver", driver());
    }

    /** A VM: a namespace with default offloads behind a veth (MTU 1500) whose host end is the port {@code name(role)}. */
    private String vm(String role, String cidr) throws IOException {
        String ns = lab.namespace(role);
        lab.veth(lab.hostName(role), ns, "eth0", 1500, cidr);
        port(role, lab.hostName(role));
        return ns;
    }

    private void awaitForwarding(String bridge) throws InterruptedException {
        Await.until(bridge + " forwarding with its ports up", 30, () -> Ready.forwardingWithPortsUp(bridges, bridge));
    }

    /** Starts a program in a namespace; waits (bounded) for its first line when {@code ready}. */
    private Process start(String ns, boolean ready, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        processes.add(p);
        p.getOutputStream().close();
        if (ready) {
            String line = readLine(p, 15);
            if (!"ready".equals(line)) {
                throw new AssertionError(String.join(" ", command) + " did not start: " + line);
            }
        }
        return p;
    }

    /** The next output line of a process, waiting at most {@code seconds}; null at the end or on timeout. */
    private static String readLine(Process p, int seconds) throws IOException {
        // byte by byte from the process stream: a reader's buffer would keep what later calls need
        var in = p.getInputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        StringBuilder line = new StringBuilder();
        while (System.nanoTime() < deadline) {
            if (in.available() > 0 || !p.isAlive()) {
                int c = in.read();
                if (c < 0 || c == '\n') {
                    return c < 0 && line.length() == 0 ? null : line.toString();
                }
                line.append((char) c);
            } else {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * The port is in {@code evb:port-list --json} with its kind and owner, and {@code evb:capture}
     * on it, while {@code from} pings {@code toIp}, writes IPv4 frames that tshark reads with the
     * outer EtherType {@code etherType} (0x0800: no tag; 0x88a8, 0x893f: the carrier's tag).
     */
    private void listedAndCaptured(String port, String kind, String owner, String from, String toIp, String etherType)
            throws Exception {
        JsonObject listed = null;
        for (JsonElement e : JsonParser.parseString(execute("evb:port-list --json")).getAsJsonArray()) {
            if (e.getAsJsonObject().get("name").getAsString().equals(port)) {
                listed = e.getAsJsonObject();
            }
        }
        assertTrue(port + " listed by port-list", listed != null);
        assertEquals(port + " kind", kind, listed.get("kind").getAsString());
        assertEquals(port + " owner", owner, listed.get("owner").getAsString());
        assertEquals(port + " state", "UP", listed.get("state").getAsString());

        Path pcap = lab.workDir().resolve(port + ".pcap");
        ExecutorService shell = Executors.newSingleThreadExecutor();
        try {
            Future<String> capture = shell.submit(() -> execute("evb:capture -c 4 -t 20 " + port + " " + pcap));
            // the tap attaches when the command starts: ping until it has taken four frames
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
            while (!capture.isDone() && System.nanoTime() < deadline) {
                lab.ping(from, toIp, 1);
            }
            String out = capture.get(5, TimeUnit.SECONDS);
            assertTrue(out, out.contains("4 frames written"));
        } finally {
            shell.shutdownNow();
        }
        List<String> types = Tshark.fields(pcap, "icmp", "eth.type");
        assertTrue(port + ": tshark reads ICMP in the capture: " + types, !types.isEmpty());
        assertTrue(port + ": outer EtherType " + etherType + " in " + types, types.stream().allMatch(t -> t.equals(etherType)));
        System.out.println("[offload] " + port + " (" + kind + ", owner " + owner + ") listed by port-list; capture: "
                + types.size() + " ICMP frames read by tshark, outer EtherType " + etherType);
    }

    /** UDP checksum errors counted by a namespace's kernel (InCsumErrors in /proc/net/snmp). */
    private long udpChecksumErrors(String ns) {
        String[] lines = lab.in(ns, "cat", "/proc/net/snmp").split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("Udp:") && lines[i + 1].startsWith("Udp:")) {
                List<String> keys = List.of(lines[i].trim().split("\\s+"));
                String[] values = lines[i + 1].trim().split("\\s+");
                int at = keys.indexOf("InCsumErrors");
                return at < 0 ? -1 : Long.parseLong(values[at]);
            }
        }
        return -1;
    }

    private long txFrames(String role) {
        return ports.ports().stream().filter(p -> p.name().equals(name(role))).findFirst()
                .map(p -> p.counters().txFrames()).orElse(-1L);
    }

    private String counters(String role) {
        return ports.ports().stream().filter(p -> p.name().equals(name(role))).findFirst()
                .map(Port::counters).map(Object::toString).orElse("no port");
    }

    /**
     * What crossed one path: ping replies, UDP datagrams delivered and the receiver's new checksum
     * errors, TCP bytes sent and received with their SHA-256, and the client's transfer time.
     */
    private record Figures(String path, int pings, int udpDelivered, long csumErrors, String sent, String received,
            String witness, long witnessFrames) {

        /** What the server counted, also when it gave up ("0 error TimeoutError"); -1 when it said nothing. */
        long tcpBytes() {
            try {
                return Long.parseLong(received.split(" ")[0]);
            } catch (RuntimeException e) {
                return -1;
            }
        }

        boolean shaMatch() {
            String[] s = sent == null ? new String[0] : sent.split(" ");
            return s.length == 3 && !sent.contains("error") && (s[0] + " " + s[1]).equals(received);
        }

        String seconds() {
            String[] s = sent == null ? new String[0] : sent.split(" ");
            return s.length == 3 && !sent.contains("error") ? s[2] : "-";
        }

        @Override
        public String toString() {
            return "[offload] " + path + " (driver " + driver() + "): ping " + pings + "/3; UDP " + udpDelivered + "/"
                    + DATAGRAMS + " delivered, receiver's InCsumErrors +" + csumErrors + "; TCP " + tcpBytes() + "/"
                    + TCP_BYTES + " bytes, SHA-256 " + (shaMatch() ? "match" : "MISMATCH") + ", " + seconds() + " s; "
                    + witnessFrames + " frames out of port " + witness;
        }
    }

    /**
     * Ping, then 200 paced UDP datagrams of 1000 bytes and a 1 MiB TCP transfer from {@code from}
     * to {@code to} (at {@code toIp}); prints one {@code [offload]} line with the figures, and
     * asserts that everything arrived intact and took the path: every datagram and every TCP
     * segment left through the port {@code witness}. {@code vmPorts} are the VMs' port roles, whose
     * counters are shown when something did not arrive.
     */
    private Figures udpAndTcp(String path, String from, String to, String toIp, String witness, String... vmPorts)
            throws Exception {
        int pings = lab.ping(from, toIp, 3);
        long witnessBefore = txFrames(witness);

        long csumErrorsBefore = udpChecksumErrors(to);
        Process receiver = start(to, true, "python3", "-c", UDP_RECEIVER, Integer.toString(DATAGRAMS), "15");
        Process sender = start(from, false, "python3", "-c", UDP_SENDER, toIp, Integer.toString(DATAGRAMS));
        assertTrue("UDP sender finished", sender.waitFor(30, TimeUnit.SECONDS));
        assertTrue("UDP receiver finished", receiver.waitFor(30, TimeUnit.SECONDS));
        String udpLine = readLine(receiver, 5);
        int udpDelivered = udpLine == null ? -1 : Integer.parseInt(udpLine.trim());
        long csumErrors = udpChecksumErrors(to) - csumErrorsBefore;

        Process server = start(to, true, "python3", "-c", TCP_SERVER, "15");
        Process client = start(from, false, "python3", "-c", TCP_CLIENT, toIp, Integer.toString(TCP_BYTES), "10");
        assertTrue("TCP client finished", client.waitFor(40, TimeUnit.SECONDS));
        assertTrue("TCP server finished", server.waitFor(40, TimeUnit.SECONDS));
        Figures f = new Figures(path, pings, udpDelivered, csumErrors, readLine(client, 5), readLine(server, 5),
                witness, txFrames(witness) - witnessBefore);
        System.out.println(f);

        StringBuilder detail = new StringBuilder("; TCP sent ").append(f.sent()).append(" | received ").append(f.received());
        for (String role : vmPorts) {
            detail.append("; port ").append(role).append(' ').append(counters(role));
        }
        assertEquals("ARP and ping work whatever the driver" + detail, 3, pings);
        assertEquals("UDP datagrams delivered" + detail, DATAGRAMS, udpDelivered);
        assertEquals("UDP checksum errors at the receiver" + detail, 0, csumErrors);
        assertEquals("TCP bytes received" + detail, TCP_BYTES, f.tcpBytes());
        assertTrue("TCP bytes and SHA-256 received as sent" + detail, f.shaMatch());
        assertTrue("every datagram and TCP segment (MSS 1448) left through port " + witness + ": " + f.witnessFrames(),
                f.witnessFrames() >= DATAGRAMS + TCP_BYTES / 1448);
        return f;
    }

    @Test
    public void udpAndTcpBetweenVmsWithDefaultOffloadsCrossTheEdgeRelayIntact() throws Exception {
        String vm1 = vm("vm1", NET + "1/24");
        String vm2 = vm("vm2", NET + "2/24");
        String sw = lab.namespace("sw");
        // default offloads on every veth: tx checksumming, TSO and GSO stay on
        lab.veth(lab.hostName("up"), sw, "p1", 1500, null);
        port("up", lab.hostName("up"));
        String relay = "er-" + lab.tag;
        configs.create("org.openevb.bridge", "name", relay, "mode", "veb",
                "ports", name("up") + "," + name("vm1") + "," + name("vm2"), "uplink", name("up"));
        awaitForwarding(relay);
        udpAndTcp("VEB edge relay", vm1, vm2, NET + "2", "vm2", "vm1", "vm2");
    }

    @Test
    public void udpAndTcpBetweenVmsCrossAVepaRelayAndALinuxHairpinIntact() throws Exception {
        String vm1 = vm("vm1", NET + "1/24");
        String vm2 = vm("vm2", NET + "2/24");
        String sw = lab.namespace("sw");
        lab.veth(lab.hostName("up"), sw, "p1", 1500, null);
        lab.linuxBridge(sw, "p1", null);
        lab.in(sw, "bridge", "link", "set", "dev", "p1", "hairpin", "on");
        port("up", lab.hostName("up"));
        String relay = "er-" + lab.tag;
        configs.create("org.openevb.bridge", "name", relay, "mode", "vepa",
                "ports", name("up") + "," + name("vm1") + "," + name("vm2"), "uplink", name("up"));
        awaitForwarding(relay);
        // VM1 -> VM2 goes up the uplink and the Linux bridge reflects it back down
        udpAndTcp("VEPA edge relay + Linux bridge hairpin", vm1, vm2, NET + "2", "up", "vm1", "vm2");
    }

    @Test
    public void udpAndTcpBetweenVmsCrossAnSChannelIntact() throws Exception {
        String vm1 = vm("vm1", NET + "1/24");
        String vm2 = vm("vm2", NET + "2/24");
        // the station's S-channel uplink cabled to our own bridge-side S-VLAN component; the kernel gives
        // S-tagged frames no MTU allowance, so the link has room for the tag
        lab.vethPair(lab.hostName("cs"), lab.hostName("cb"), 1600);
        port("cs", lab.hostName("cs"));
        port("cb", lab.hostName("cb"));
        String stationChannel = name("cs") + "-ch2";
        String bridgeChannel = name("cb") + "-ch2";
        configs.create("org.openevb.schannel", "port", name("cs"), "role", "station", "cdcp", "false", "channels", "2:10");
        configs.create("org.openevb.schannel", "port", name("cb"), "role", "bridge", "cdcp", "false", "channels", "2:10");
        String relay = "er-" + lab.tag;
        configs.create("org.openevb.bridge", "name", relay, "mode", "vepa",
                "ports", stationChannel + "," + name("vm1") + "," + name("vm2"), "uplink", stationChannel);
        // the bridge side of the channel reflects, so VM1 -> VM2 crosses the S-channel up and back down
        String sb = "sb-" + lab.tag;
        configs.create("org.openevb.bridge", "name", sb, "mode", "dot1q", "ports", bridgeChannel,
                "port." + bridgeChannel + ".reflective.relay", "true");
        awaitForwarding(relay);
        awaitForwarding(sb);
        udpAndTcp("S-channel (SCID 2, S-VID 10, link MTU 1600), VEPA edge relay + reflective relay on the bridge side",
                vm1, vm2, NET + "2", "cs", "vm1", "vm2");
        // the channel is a port like any other: listed with its kind and owner, captured as the
        // channel sees its frames (no S-tag); its carrier captured with the S-tag
        listedAndCaptured(stationChannel, "s-channel", "bridge '" + relay + "'", vm1, NET + "2", "0x0800");
        listedAndCaptured(name("cs"), "interface", "S-VLAN component on '" + name("cs") + "'", vm1, NET + "2", "0x88a8");
    }

    @Test
    public void udpAndTcpBetweenHostsOnExtendedPortsCrossTheControllingBridgeIntact() throws Exception {
        String h1 = vm("h1", NET + "1/24");
        String h2 = vm("h2", NET + "2/24");
        // the cascade link: E-Tags get no MTU allowance either
        lab.vethPair(lab.hostName("cb"), lab.hostName("pu"), 1600);
        port("cb", lab.hostName("cb"));
        port("pu", lab.hostName("pu"));
        String pe = name("pe");
        configs.create("org.openevb.extender", "name", pe, "format", "etag", "upstream", name("pu"),
                "ports", name("h1") + ": 1, " + name("h2") + ": 2");
        String cascade = name("cb");
        String cb = name("cb");
        configs.create("org.openevb.cb", "name", cb, "cascades", cascade + ": etag", "extended.ports", cascade + ": 1-2");
        // the controlling bridge's extended ports are switched by an ordinary dot1q bridge
        String br = name("cbbr");
        configs.create("org.openevb.bridge", "name", br, "mode", "dot1q", "ports", cascade + ".e1, " + cascade + ".e2");
        Await.until("extender " + pe + " UP", 30, () -> Ready.extenderUp(extenders, pe));
        Await.until("controlling bridge " + cb + " UP", 30, () -> Ready.controllingBridgeUp(controllingBridges, cb));
        awaitForwarding(br);
        udpAndTcp("extended ports (E-Tag, cascade MTU 1600), controlling bridge + dot1q bridge", h1, h2, NET + "2", "pu",
                "h1", "h2");
        listedAndCaptured(cascade + ".e1", "extended", "bridge '" + br + "'", h1, NET + "2", "0x0800");
        listedAndCaptured(cascade, "interface", "controlling bridge '" + cb + "'", h1, NET + "2", "0x893f");
    }
}
