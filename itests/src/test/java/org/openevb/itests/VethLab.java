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
import org.openevb.codec.pcap.PcapReader;

/**
 * A network namespace and a veth pair made by a test: one end stays in the test's namespace for
 * the platform's port, the other end sits in the new namespace as the "wire". Frames are injected
 * there with a raw AF_PACKET socket and captured there with tcpdump. {@link #close()} removes
 * everything, also after a failure.
 *
 * <p>Needs root (CAP_NET_ADMIN, CAP_NET_RAW). Without it the test fails loudly: these tests are
 * never skipped.
 */
final class VethLab implements AutoCloseable {

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

    final String namespace;
    final String hostInterface;
    final String peerInterface;
    private final Path workDir;

    private VethLab(String namespace, String hostInterface, String peerInterface, Path workDir) {
        this.namespace = namespace;
        this.hostInterface = hostInterface;
        this.peerInterface = peerInterface;
        this.workDir = workDir;
    }

    /** Fails (never skips) when this process cannot make namespaces and veths. */
    static void requireRoot() {
        String uid = Commands.tryRun("id", "-u").output().trim();
        if (!uid.equals("0")) {
            throw new AssertionError("real-frame tests need root with CAP_NET_ADMIN and CAP_NET_RAW "
                    + "(they create network namespaces and veth pairs); running as uid " + uid
                    + ". Run the test suite as root, as CI does.");
        }
        for (String tool : new String[] {"ip", "tcpdump", "python3"}) {
            if (Commands.tryRun("sh", "-c", "command -v " + tool).exit() != 0) {
                throw new AssertionError("real-frame tests need '" + tool + "': run .ci/setup (installs iproute2, tcpdump, python3)");
            }
        }
    }

    static VethLab create(int mtu) throws IOException {
        requireRoot();
        String id = String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
        VethLab lab = new VethLab("evbt-" + id, "evbt" + id + "h", "evbt" + id + "n", Files.createTempDirectory("evb-lab"));
        try {
            lab.setUp(mtu);
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void setUp(int mtu) {
        Commands.run("ip", "netns", "add", namespace);
        nsRun("ip", "link", "set", "lo", "up");
        recreate(mtu);
    }

    /** Creates the veth pair (again, after {@link #removeHostEnd()}: a hot-plugged interface). */
    void recreate(int mtu) {
        Commands.run("ip", "link", "add", hostInterface, "mtu", Integer.toString(mtu), "type", "veth",
                "peer", "name", peerInterface, "mtu", Integer.toString(mtu));
        Commands.run("ip", "link", "set", peerInterface, "netns", namespace);
        quiet(hostInterface, false);
        quiet(peerInterface, true);
        Commands.run("ip", "link", "set", hostInterface, "up");
        nsRun("ip", "link", "set", peerInterface, "up");
    }

    /** Deletes the veth pair (both ends go). */
    void removeHostEnd() {
        Commands.run("ip", "link", "del", hostInterface);
    }

    /** No IPv6 on the test links, so nothing but the test's own frames crosses them. */
    private void quiet(String itf, boolean inNamespace) {
        String key = "net.ipv6.conf." + itf + ".disable_ipv6=1";
        if (inNamespace) {
            nsRun("sysctl", "-q", "-w", key);
        } else {
            Commands.run("sysctl", "-q", "-w", key);
        }
    }

    String nsRun(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return Commands.run(full.toArray(String[]::new));
    }

    /** Sends frames, byte for byte, from the namespace end of the veth. */
    void inject(List<byte[]> frames) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "python3", "-c", INJECT, peerInterface)
                .redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            HexFormat hex = HexFormat.of();
            for (byte[] f : frames) {
                in.write((hex.formatHex(f) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("frame injection did not finish in 20 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0 || !out.equals(Integer.toString(frames.size()))) {
            throw new AssertionError("frame injection failed (exit " + p.exitValue() + "): " + out);
        }
    }

    /** Starts tcpdump on the namespace end, capturing inbound frames; returns once it listens. */
    Capture capture(int count) throws IOException {
        Path file = workDir.resolve("capture-" + System.nanoTime() + ".pcap");
        Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "tcpdump", "-i", peerInterface,
                // a small snap length keeps many frames in the ring: with -s 0 (256 KiB slots) an
                // immediate-mode ring holds only 32 frames and a burst loses the rest
                "-Q", "in", "-U", "-s", "16384", "-B", "8192", "--immediate-mode", "-c", Integer.toString(count),
                "-w", file.toString())
                .redirectErrorStream(true).start();
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

        /** Waits for the count to be reached (at most {@code seconds}), then returns what was captured. */
        List<byte[]> await(int seconds) throws IOException, InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
                process.destroyForcibly();
            }
            List<byte[]> frames = new ArrayList<>();
            if (Files.size(file) > 0) {
                for (PcapReader.Record r : PcapReader.readAll(file)) {
                    frames.add(r.data());
                }
            }
            return frames;
        }
    }

    @Override
    public void close() {
        Commands.tryRun("ip", "netns", "del", namespace);
        Commands.tryRun("ip", "link", "del", hostInterface);
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
