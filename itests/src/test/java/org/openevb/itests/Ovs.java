package org.openevb.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Open vSwitch with its userspace (netdev) datapath in a namespace of the test's own, so no kernel
 * module is needed: its own database, run directory and logs in the lab's work directory; both
 * daemons run in the foreground and die with the lab.
 */
final class Ovs {

    private final String ns;
    private final NetLab lab;
    private final Path dir;

    /** @param ns the namespace to run in, or null for this one (its ports are then this namespace's interfaces) */
    Ovs(NetLab lab, String ns) throws IOException, InterruptedException {
        this.ns = ns;
        this.lab = lab;
        this.dir = Files.createDirectories(lab.workDir().resolve("ovs"));
        Commands.run("ovsdb-tool", "create", dir.resolve("conf.db").toString(), "/usr/share/openvswitch/vswitch.ovsschema");
        lab.daemon("ovsdb", env("ovsdb-server", dir.resolve("conf.db").toString(),
                "--remote=punix:" + dir.resolve("db.sock"), "--log-file=" + dir.resolve("ovsdb.log")));
        Await.until("ovsdb-server socket", 15, () -> Files.exists(dir.resolve("db.sock")));
        vsctl("--no-wait", "init");
        lab.daemon("ovs-vswitchd", env("ovs-vswitchd", "unix:" + dir.resolve("db.sock"),
                "--log-file=" + dir.resolve("ovs-vswitchd.log")));
        Await.until("ovs-vswitchd answers", 15, () -> Commands.tryRun(vsctlCommand("show")).exit() == 0
                && Files.exists(dir.resolve("ovs-vswitchd.log")));
    }

    /** Runs ovs-vsctl against this instance. */
    String vsctl(String... args) {
        return Commands.run(vsctlCommand(args));
    }

    /**
     * Adds a bridge of the netdev datapath. In this namespace its taps (the bridge's own and the
     * datapath's {@code ovs-netdev}) persist after ovs-vswitchd dies, so the lab deletes them at the end.
     */
    void addBridge(String bridge) {
        vsctl("add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=netdev");
        if (ns == null) {
            lab.deleteAtClose(bridge);
            lab.deleteAtClose("ovs-netdev");
        }
    }

    /** Runs ovs-ofctl against bridge {@code bridge} of this instance, through its management socket. */
    String ofctl(String command, String bridge, String... args) {
        List<String> cmd = new ArrayList<>(inNamespace());
        cmd.addAll(List.of("ovs-ofctl", command, "unix:" + dir.resolve(bridge + ".mgmt")));
        cmd.addAll(List.of(args));
        return Commands.run(cmd.toArray(String[]::new));
    }

    private String[] vsctlCommand(String... args) {
        List<String> cmd = new ArrayList<>(inNamespace());
        cmd.addAll(List.of("ovs-vsctl", "--timeout=10", "--db=unix:" + dir.resolve("db.sock")));
        cmd.addAll(List.of(args));
        return cmd.toArray(String[]::new);
    }

    /** The prefix that runs a command in the namespace, or nothing for this one. */
    private List<String> inNamespace() {
        return ns == null ? List.of() : List.of("ip", "netns", "exec", ns);
    }

    private String[] env(String program, String... args) {
        List<String> cmd = new ArrayList<>(inNamespace());
        cmd.addAll(List.of("env", "OVS_RUNDIR=" + dir, "OVS_DBDIR=" + dir, "OVS_LOGDIR=" + dir,
                "OVS_PKGDATADIR=/usr/share/openvswitch", program));
        cmd.addAll(List.of(args));
        cmd.add("--pidfile=" + dir.resolve(program + ".pid"));
        return cmd.toArray(String[]::new);
    }
}
