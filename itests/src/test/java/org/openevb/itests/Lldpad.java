package org.openevb.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * lldpad, the open-source 802.1Qbg implementation, as a peer in a namespace of the test's own: its
 * own mount namespace with a private /dev/shm (lldpad keeps its state in POSIX shared memory, so
 * two instances on one machine must not share it), its own configuration file, no pid file.
 */
final class Lldpad {

    private final NetLab lab;
    private final String ns;
    private final String itf;
    private final Path dir;
    private Process process;
    private int starts;

    Lldpad(NetLab lab, String ns, String itf) throws IOException, InterruptedException {
        this.lab = lab;
        this.ns = ns;
        this.itf = itf;
        this.dir = Files.createDirectories(lab.workDir().resolve("lldpad-" + ns));
        start();
    }

    private void start() throws IOException, InterruptedException {
        process = lab.daemon("lldpad-" + ns + "-" + starts++, "ip", "netns", "exec", ns, "unshare", "--mount", "--propagation",
                "private", "sh", "-c", "mount -t tmpfs -o size=1m lldpad-shm /dev/shm && exec lldpad -t -p -f "
                        + dir.resolve("lldpad.conf"));
        // lldpad answers on its control socket once it is up
        Await.until("lldpad in " + ns + " answers", 15,
                () -> Commands.tryRun("ip", "netns", "exec", ns, "lldptool", "-l", "-i", itf, "adminStatus").exit() == 0);
    }

    /**
     * Stops lldpad and starts it again on the configuration it saved: lldpad fixes its VDP role
     * (station or bridge) when it brings the port up, so a new {@code evbmode} reaches VDP only
     * through a restart.
     */
    void restart() throws IOException, InterruptedException {
        lab.kill(process);
        start();
    }

    /**
     * {@code vdptool -i IF -T -W -V MODE -c mode=MODE -c ...}: lldpad's station asks its bridge and
     * waits for the answer; the exit code and what vdptool printed.
     */
    Commands.Result vdp(String mode, String... keyValues) {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("ip", "netns", "exec", ns, "vdptool", "-i", itf,
                "-T", "-W", "-V", mode, "-c", "mode=" + mode));
        for (String kv : keyValues) {
            cmd.add("-c");
            cmd.add(kv);
        }
        return Commands.tryRun(cmd.toArray(String[]::new));
    }

    /** {@code vdptool -i IF -t -V assoc}: the VSIs lldpad holds, as vdptool prints them. */
    Commands.Result vsis() {
        return Commands.tryRun("ip", "netns", "exec", ns, "vdptool", "-i", itf, "-t", "-V", "assoc");
    }

    /** {@code lldptool -T -i IF -g ncb -V evb -c key=value}: the EVB TLV's settings. */
    void evb(String... keyValues) throws InterruptedException {
        for (String kv : keyValues) {
            // lldpad may refuse a setting while it is still bringing the port up: retry briefly
            Await.until("lldptool set " + kv, 10, () -> Commands.tryRun("ip", "netns", "exec", ns, "lldptool", "-T", "-i", itf,
                    "-g", "ncb", "-V", "evb", "-c", kv).output().trim().isEmpty());
        }
    }

    /** {@code lldptool -L -i IF -g ncb adminStatus=rxtx}. */
    void enable() throws InterruptedException {
        Await.until("lldptool adminStatus", 10, () -> Commands.tryRun("ip", "netns", "exec", ns, "lldptool", "-L", "-i", itf,
                "-g", "ncb", "adminStatus=rxtx").output().contains("rxtx"));
    }

    /** The EVB TLV lldpad sends now, as lldptool prints it. */
    String localEvb() {
        return lab.in(ns, "lldptool", "-t", "-i", itf, "-g", "ncb", "-V", "evb");
    }

    /** The EVB TLV lldpad last received, as lldptool prints it. */
    String neighbourEvb() {
        return Commands.tryRun("ip", "netns", "exec", ns, "lldptool", "-n", "-t", "-i", itf, "-g", "ncb", "-V", "evb").output();
    }

    /**
     * RRSTAT from lldptool's "station:...(0xN)" line of {@code text}: 0 not enabled, 1 enabled,
     * 3 unknown (nothing received from a bridge); -1 when there is no such line.
     */
    static int rrstat(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("station:[a-z,]*\\(0x([0-9a-f]+)\\)").matcher(text);
        return m.find() ? Integer.parseInt(m.group(1), 16) & 3 : -1;
    }

    /** Stops lldpad without a shutdown LLDPDU, as a crash or a cut cable would. */
    void kill() throws InterruptedException {
        lab.kill(process);
    }
}
