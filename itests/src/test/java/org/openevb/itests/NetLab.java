package org.openevb.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openevb.codec.pcap.PcapReader;

/**
 * Network namespaces and veth pairs made by a test, and the tools to use them: run a command in a
 * namespace, inject frames with a raw socket, capture with tcpdump, ping. {@link #close()} removes
 * everything it made, also after a failure. Names carry a random tag so runs never collide.
 *
 * <p>Needs root (CAP_NET_ADMIN, CAP_NET_RAW); without it a test fails loudly, never skips.
 */
final class NetLab implements AutoCloseable {

    private static final String INJECT = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)",
            "s.bind((sys.argv[1], 0))",
            "n = 0",
            "for line in sys.stdin:",
            "    line = line.strip()",
            "    if line:",
            "        s.send(bytes.fromhex(line))",
            "        n += 1",
            "print(n)");
    private static final Pattern RECEIVED = Pattern.compile("(\\d+) (packets )?received");

    /** A short random tag for names: interface names have at most 15 characters. */
    final String tag = String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> hostLinks = new ArrayList<>();
    private final List<Process> daemons = new ArrayList<>();
    private final Path workDir;

    NetLab() throws IOException {
        requireRoot();
        workDir = Files.createTempDirectory("evb-lab");
    }

    /** Fails (never skips) when this process cannot make namespaces and veths. */
    static void requireRoot() {
        String uid = Commands.tryRun("id", "-u").output().trim();
        if (!uid.equals("0")) {
            throw new AssertionError("real-frame tests need root with CAP_NET_ADMIN and CAP_NET_RAW "
                    + "(they create network namespaces and veth pairs); running as uid " + uid
                    + ". Run the test suite as root, as CI does.");
        }
        for (String tool : new String[] {"ip", "tcpdump", "python3", "ping"}) {
            if (Commands.tryRun("sh", "-c", "command -v " + tool).exit() != 0) {
                throw new AssertionError("real-frame tests need '" + tool + "': run .ci/setup");
            }
        }
    }

    /** A new namespace named {@code evbt-<tag>-<role>}, with loopback up. */
    String namespace(String role) {
        String ns = "evbt-" + tag + "-" + role;
        Commands.run("ip", "netns", "add", ns);
        namespaces.add(ns);
        in(ns, "ip", "link", "set", "lo", "up");
        return ns;
    }

    /** A host interface name {@code e<tag><role>} (role at most 6 characters). */
    String hostName(String role) {
        return "e" + tag + role;
    }

    /**
     * A veth pair: {@code host} stays in this namespace, {@code peer} goes into {@code ns}. Both
     * up, without IPv6 (so only the test's frames cross); {@code cidr} (may be null) is given to
     * the peer.
     */
    void veth(String host, String ns, String peer, int mtu, String cidr) {
        Commands.run("ip", "link", "add", host, "mtu", Integer.toString(mtu), "type", "veth",
                "peer", "name", peer, "mtu", Integer.toString(mtu), "netns", ns);
        hostLinks.add(host);
        Commands.run("sysctl", "-q", "-w", "net.ipv6.conf." + host + ".disable_ipv6=1");
        in(ns, "sysctl", "-q", "-w", "net.ipv6.conf." + peer + ".disable_ipv6=1");
        Commands.run("ip", "link", "set", host, "up");
        in(ns, "ip", "link", "set", peer, "up");
        if (cidr != null) {
            in(ns, "ip", "addr", "add", cidr, "dev", peer);
        }
    }

    /**
     * A veth pair with both ends in this namespace (a link between two ports of the platform),
     * both up, without IPv6.
     */
    void vethPair(String a, String b, int mtu) {
        Commands.run("ip", "link", "add", a, "mtu", Integer.toString(mtu), "type", "veth",
                "peer", "name", b, "mtu", Integer.toString(mtu));
        hostLinks.add(a);
        for (String end : new String[] {a, b}) {
            Commands.run("sysctl", "-q", "-w", "net.ipv6.conf." + end + ".disable_ipv6=1");
            Commands.run("ip", "link", "set", end, "up");
        }
    }

    /**
     * A Linux bridge {@code br0} in a namespace with {@code member} as its only port, up, without
     * IPv6; {@code cidr} (may be null) is given to the bridge.
     */
    void linuxBridge(String ns, String member, String cidr) {
        in(ns, "ip", "link", "add", "br0", "type", "bridge");
        in(ns, "sysctl", "-q", "-w", "net.ipv6.conf.br0.disable_ipv6=1");
        in(ns, "ip", "link", "set", member, "master", "br0");
        if (cidr != null) {
            in(ns, "ip", "addr", "add", cidr, "dev", "br0");
        }
        in(ns, "ip", "link", "set", "br0", "up");
    }

    /**
     * Deletes {@code link} of this namespace when the lab closes, after its daemons are gone: for
     * interfaces a daemon made and leaves behind when killed (Open vSwitch's netdev datapath makes
     * persistent taps).
     */
    void deleteAtClose(String link) {
        hostLinks.add(link);
    }

    /** Deletes a host-side veth (its peer goes with it). */
    void deleteLink(String host) {
        Commands.run("ip", "link", "del", host);
        hostLinks.remove(host);
    }

    String in(String ns, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return Commands.run(full.toArray(String[]::new));
    }

    /** The MAC address of an interface in a namespace. */
    String mac(String ns, String itf) {
        return in(ns, "cat", "/sys/class/net/" + itf + "/address").trim();
    }

    /** Pings from a namespace; returns how many replies came back. */
    int ping(String ns, String address, int count) {
        Commands.Result r = Commands.tryRun("ip", "netns", "exec", ns, "ping", "-n", "-q", "-c", Integer.toString(count),
                "-i", "0.2", "-W", "1", address);
        Matcher m = RECEIVED.matcher(r.output());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Sends frames, byte for byte, on an interface of a namespace (null: this one). */
    void inject(String ns, String itf, List<byte[]> frames) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (ns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", ns));
        }
        cmd.addAll(List.of("python3", "-c", INJECT, itf));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            HexFormat hex = HexFormat.of();
            for (byte[] f : frames) {
                in.write((hex.formatHex(f) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("frame injection did not finish in 30 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0 || !out.equals(Integer.toString(frames.size()))) {
            throw new AssertionError("frame injection failed (exit " + p.exitValue() + "): " + out);
        }
    }

    /**
     * Starts tcpdump on an interface of a namespace (null: this one) and returns once it listens.
     *
     * @param inboundOnly capture only frames arriving at the interface
     * @param filter a capture filter, or empty
     */
    Capture capture(String ns, String itf, int count, boolean inboundOnly, String filter) throws IOException {
        Path file = workDir.resolve("capture-" + System.nanoTime() + ".pcap");
        List<String> cmd = new ArrayList<>(ns == null ? List.of("tcpdump", "-i", itf)
                : List.of("ip", "netns", "exec", ns, "tcpdump", "-i", itf));
        if (inboundOnly) {
            cmd.addAll(List.of("-Q", "in"));
        }
        // a small snap length keeps many frames in the ring: with -s 0 (256 KiB slots) an
        // immediate-mode ring holds only 32 frames and a burst loses the rest
        cmd.addAll(List.of("-U", "-s", "16384", "-B", "8192", "--immediate-mode", "-c", Integer.toString(count),
                "-w", file.toString()));
        if (!filter.isEmpty()) {
            cmd.add(filter);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        BufferedReader reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = reader.readLine();
            if (line == null) {
                break;
            }
            seen.append(line).append('\n');
            if (line.contains("listening on")) {
                return new Capture(p, file);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("tcpdump did not start listening:\n" + seen);
    }

    /** A running tcpdump. */
    static final class Capture {
        private final Process process;
        private final Path file;

        Capture(Process process, Path file) {
            this.process = process;
            this.file = file;
        }

        /** The pcap file it writes. */
        Path file() {
            return file;
        }

        /** Waits for the count to be reached (at most {@code seconds}), then returns what was captured. */
        List<byte[]> await(int seconds) throws IOException, InterruptedException {
            List<byte[]> frames = new ArrayList<>();
            for (PcapReader.Record r : records(seconds)) {
                frames.add(r.data());
            }
            return frames;
        }

        /** As {@link #await(int)}, the frames with their capture timestamps (wall clock). */
        List<PcapReader.Record> records(int seconds) throws IOException, InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
                process.destroyForcibly();
            }
            return Files.size(file) > 0 ? PcapReader.readAll(file) : List.of();
        }
    }

    /**
     * Starts sending {@code count} numbered frames (EtherType 0x88b5, the number in the first four
     * payload bytes, 60 bytes long) from {@code src} to {@code dst} out of an interface of a
     * namespace at {@code rate} frames per second. The process prints the count when done.
     */
    Process stream(String ns, String itf, String dst, String src, int count, int rate) throws IOException {
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "python3", "-c", String.join("\n",
                "import socket, struct, sys, time",
                "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)",
                "s.bind((sys.argv[1], 0))",
                "head = bytes.fromhex(sys.argv[2]) + bytes.fromhex(sys.argv[3]) + b'\\x88\\xb5'",
                "n, rate = int(sys.argv[4]), float(sys.argv[5])",
                "t0 = time.perf_counter()",
                "for i in range(n):",
                "    due = t0 + i / rate",
                "    ahead = due - time.perf_counter()",
                "    if ahead > 0.002:",
                "        time.sleep(ahead - 0.001)", // sleep while more than 2 ms ahead (the CPU is the platform's), spin the last one
                "    while time.perf_counter() < due:",
                "        pass",
                "    s.send(head + struct.pack('!I', i) + bytes(42))",
                "print(n)"),
                itf, dst.replace(":", ""), src.replace(":", ""), Integer.toString(count), Integer.toString(rate))
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        daemons.add(p);
        return p;
    }

    /** Of the numbered frames of {@link #stream}, how many of 0..total-1 never came, and how many came twice. */
    static int[] lostAndDuplicated(List<byte[]> frames, int total) {
        java.util.BitSet seen = new java.util.BitSet(total);
        int duplicated = 0;
        for (byte[] f : frames) {
            int seq = ((f[14] & 0xFF) << 24) | ((f[15] & 0xFF) << 16) | ((f[16] & 0xFF) << 8) | (f[17] & 0xFF);
            if (seq >= 0 && seq < total) {
                if (seen.get(seq)) {
                    duplicated++;
                }
                seen.set(seq);
            }
        }
        return new int[] {total - seen.cardinality(), duplicated};
    }

    /** The directory for this lab's files (removed by {@link #close()}). */
    Path workDir() {
        return workDir;
    }

    /**
     * Starts a long-running program (a peer daemon); {@link #close()} kills it if it still runs.
     * Its output goes to a file in the work directory.
     */
    Process daemon(String name, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".log").toFile()).start();
        p.getOutputStream().close();
        daemons.add(p);
        return p;
    }

    /** Kills a daemon at once (SIGKILL: it gets no chance to say goodbye) and waits for it. */
    void kill(Process daemon) throws InterruptedException {
        daemon.destroyForcibly();
        daemon.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        for (Process p : daemons) {
            p.destroyForcibly();
        }
        for (Process p : daemons) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String link : hostLinks) {
            Commands.tryRun("ip", "link", "del", link);
        }
        for (String ns : namespaces) {
            Commands.tryRun("ip", "netns", "del", ns);
        }
        try (var files = Files.list(workDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            // temporary files only
        }
    }
}
