package org.openevb.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.bridge.VsiCounter;
import org.openevb.api.bridge.VsiTraffic;
import org.openevb.api.policy.AclService;
import org.openevb.api.policy.AclStatus;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The policy of a VSI type on real frames. VM1 is a network namespace with a macvlan (mode vepa,
 * as libvirt's {@code direct} interfaces) on the interface of a station-role VDP port of the
 * platform; a veth pair joins it to a bridge-role port of an 802.1Q bridge of the same instance
 * ({@code vsi.enforcement enforce}), whose other port leads to VM2 (a namespace behind a veth). Our
 * station associates VM1 with our bridge; the bridge applies the type's policer and ACLs to VM1's
 * frames from the first one. Prints {@code [vsi-policy]} lines with its figures.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VsiPolicyIT extends VdpTestSupport {

    private static final String NET = "192.168.74.";
    private static final String VM1_MAC = "02:00:00:00:5e:01";
    private static final int TYPE = 4545;
    private static final int SECONDS = 5;

    private String vm1;
    private String vm2;
    private Bridge bridge;

    /** The lab, with the VSI type database holding type 4545 version 1 on VLAN 1 with these policy keys. */
    private void topology(String... policy) throws Exception {
        String st = lab.hostName("st");
        String br = lab.hostName("br");
        lab.vethPair(st, br, 1500);
        vm1 = lab.namespace("vm1");
        vm2 = lab.namespace("vm2");
        String macvlan = lab.hostName("vm1");
        Commands.run("ip", "link", "add", macvlan, "link", st, "address", VM1_MAC, "type", "macvlan", "mode", "vepa");
        Commands.run("ip", "link", "set", macvlan, "netns", vm1);
        lab.in(vm1, "ip", "link", "set", macvlan, "name", "eth0");
        lab.in(vm1, "sysctl", "-q", "-w", "net.ipv6.conf.eth0.disable_ipv6=1");
        lab.in(vm1, "ip", "addr", "add", NET + "1/24", "dev", "eth0");
        lab.in(vm1, "ip", "link", "set", "eth0", "up");
        lab.veth(lab.hostName("out"), vm2, "eth0", 1500, NET + "2/24");
        String stPort = name("st");
        String brPort = name("br");
        String outPort = name("out");
        configs.create("org.openevb.port", "name", stPort, "interface", st);
        configs.create("org.openevb.port", "name", brPort, "interface", br);
        configs.create("org.openevb.port", "name", outPort, "interface", lab.hostName("out"));
        configs.create("org.openevb.lldp", "ports", stPort + "," + brPort, "addresses", "", "tx.interval", "1");
        // as VdpIT: RTE 12 (40.96 ms), RWD and RKA 14 (163.84 ms)
        configs.create("org.openevb.evb", "ports", stPort, "role", "station", "ecp.rte", "12", "vdp.rwd", "14",
                "vdp.rka", "14");
        configs.create("org.openevb.evb", "ports", brPort, "role", "bridge", "ecp.rte", "12", "vdp.rwd", "14",
                "vdp.rka", "14");
        typeDatabase(policy);
        String bridgeName = name("br0");
        configs.create("org.openevb.bridge", "name", bridgeName, "mode", "dot1q", "ports", brPort + "," + outPort,
                "vsi.enforcement", "enforce");
        configs.create("org.openevb.vsi", "name", name("vm1"), "port", stPort, "manager.id", "192.0.2.1",
                "type.id", Integer.toString(TYPE), "type.version", "1", "vsiid", "mac:" + VM1_MAC,
                "filter.format", "mac-vid", "filter", VM1_MAC + "/1", "command", "associate");
        Await.until(bridgeName + " forwarding with its ports up", 30, () -> Ready.forwardingWithPortsUp(bridges, bridgeName));
        bridge = bridges.bridge(bridgeName).orElseThrow();
        Await.until("VM1 associated by our station at our bridge", 30, () -> !bridge.vsiTraffic().isEmpty(),
                this::vdpState);
        assertEquals(BridgeStatus.FORWARDING, bridge.status());
    }

    /** Replaces the type database: type 4545 version 1 on VLAN 1 with {@code policy} (key suffix, value, ...). */
    private void typeDatabase(String... policy) throws Exception {
        Hashtable<String, Object> db = new Hashtable<>();
        db.put("vsis.per.port", "4");
        db.put("type." + TYPE + ".1.vlans", "1");
        for (int i = 0; i < policy.length; i += 2) {
            db.put("type." + TYPE + ".1." + policy[i], policy[i + 1]);
        }
        types.update(db);
    }

    private VsiTraffic vm1Traffic() {
        return bridge.vsiTraffic().stream().filter(t -> t.vsiid().equals("mac:" + VM1_MAC)).findFirst()
                .orElseThrow(() -> new AssertionError("VM1 not in the bridge's VSI table: " + bridge.vsiTraffic()));
    }

    /** One iperf3 run of UDP from VM1 to VM2 at {@code rate} bits per second; the receiver's bits per second. */
    private double iperfUdp(long rate) throws Exception {
        Process server = new ProcessBuilder("ip", "netns", "exec", vm2, "iperf3", "-s", "-1", "-B", NET + "2")
                .redirectErrorStream(true).start();
        try {
            server.getOutputStream().close();
            Await.until("iperf3 server listening", 10, () -> lab.in(vm2, "ss", "-ltn").contains(NET + "2:5201"));
            Commands.Result r = Commands.tryRun("ip", "netns", "exec", vm1, "iperf3", "-c", NET + "2", "-t",
                    Integer.toString(SECONDS), "-J", "-u", "-l", "1400", "-b", Long.toString(rate));
            assertEquals("iperf3 client: " + r.output(), 0, r.exit());
            JsonObject end = JsonParser.parseString(r.output()).getAsJsonObject().getAsJsonObject("end");
            return end.getAsJsonObject("sum_received").get("bits_per_second").getAsDouble();
        } finally {
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    private long outTxBytes() {
        return ports.port(name("out")).orElseThrow().counters().txBytes();
    }

    private static void within(String what, double limit, double measured) {
        assertTrue(String.format("%s: %.1f Mbit/s against a limit of %.0f", what, measured / 1e6, limit / 1e6),
                Math.abs(measured - limit) <= 0.1 * limit);
    }

    @Test
    public void aVsiPolicerOfItsTypeHoldsUdpAtTwiceItsRateWithinTenPercentAndFollowsTheTypeLive() throws Exception {
        topology("police.rate", "100M");
        assertEquals("VM2 answers VM1 through the policed VSI", 3, lab.ping(vm1, NET + "2", 3));
        long out = outTxBytes();
        double udp100 = iperfUdp(200_000_000L);
        double wire100 = (outTxBytes() - out) * 8.0 / SECONDS;
        long policed100 = vm1Traffic().drops().get(BridgeDropReason.VSI_POLICED);
        JsonArray rates = JsonParser.parseString(execute("evb:rate-show --json " + name("br"))).getAsJsonArray();
        JsonObject shownVsi = rates.get(0).getAsJsonObject().getAsJsonArray("vsis").get(0).getAsJsonObject();

        // the type changes: the associated VSI's policer follows without a VDP exchange
        typeDatabase("police.rate", "30M");
        Await.until("the VSI's policer at 30M", 10, () -> vm1Traffic().police().startsWith("30000000 bit/s"));
        out = outTxBytes();
        double udp30 = iperfUdp(60_000_000L);
        double wire30 = (outTxBytes() - out) * 8.0 / SECONDS;
        VsiTraffic after = vm1Traffic();
        long policedAll = after.drops().get(BridgeDropReason.VSI_POLICED);
        JsonObject shown = JsonParser.parseString(execute("evb:vsi-show --json " + name("br") + " " + VM1_MAC))
                .getAsJsonObject().getAsJsonObject("traffic");
        String table = execute("evb:vsi-list " + name("br"));
        System.out.printf("[vsi-policy] VM1 (VSI associated by our station at our bridge, type police.rate 100M, default"
                + " burst 100 ms) -> VM2, iperf3 UDP %d s per run: offered 200M -> %.1f Mbit/s of frames out of VM2's"
                + " port, %.1f Mbit/s of payload at the receiver, %d frames policed; type changed live to 30M: offered"
                + " 60M -> %.1f on the wire, %.1f at the receiver, %d more policed%n", SECONDS, wire100 / 1e6,
                udp100 / 1e6, policed100, wire30 / 1e6, udp30 / 1e6, policedAll - policed100);

        within("UDP at twice the VSI's police.rate 100M, frames delivered", 100e6, wire100);
        within("UDP at twice the VSI's police.rate 30M (changed live), frames delivered", 30e6, wire30);
        assertTrue("the VSI's policer dropped frames at 100M", policed100 > 0);
        assertTrue("and at 30M", policedAll > policed100);
        assertEquals("the bridge counts them too", policedAll, bridge.drops().get(BridgeDropReason.VSI_POLICED));
        assertEquals("mac:" + VM1_MAC, shownVsi.get("vsiid").getAsString());
        assertTrue(shownVsi.toString(), shownVsi.get("police").getAsString().startsWith("100000000 bit/s"));
        assertEquals(policed100, shownVsi.get("policed").getAsLong());
        assertEquals(policedAll, shown.getAsJsonObject("drops").get("vsi-policed").getAsLong());
        assertTrue(table, table.contains("police 30000000 bit/s"));
    }


    @Test
    public void anAclOfTheVsiTypeLetsVm1ReachVm2OnTcp80AndNot22WithCountersEqualToTheFrames() throws Exception {
        String acl = name("web");
        configs.create("org.openevb.acl", "name", acl, "default", "deny", "rule.10", "permit arp", "rule.20",
                "permit tcp dst-port 80", "rule.30", "count tcp dst-port 22");
        AclService acls = service(AclService.class);
        Await.until(acl + " active", 10, () -> acls.acl(acl).map(v -> v.status() == AclStatus.ACTIVE).orElse(false));
        topology("acl.in", acl);
        TcpPorts.serve(lab, "server", vm2);
        TcpPorts.Run run = TcpPorts.connect(lab, vm1, NET + "2");
        String out = run.output();
        long to80 = run.to80();
        long to22 = run.to22();
        JsonObject view = JsonParser.parseString(execute("evb:acl-show --json " + acl)).getAsJsonObject();
        VsiTraffic t = vm1Traffic();
        JsonObject shown = JsonParser.parseString(execute("evb:vsi-show --json " + name("br") + " " + VM1_MAC))
                .getAsJsonObject().getAsJsonObject("traffic");
        System.out.println("[vsi-policy] type acl.in " + acl + ": client " + out.trim().replace('\n', ';') + " | VM1 sent "
                + to80 + " frames to port 80, " + to22 + " to port 22; rule 20 (permit tcp dst-port 80) "
                + TcpPorts.ruleFrames(view, 20) + ", rule 30 (count tcp dst-port 22) " + TcpPorts.ruleFrames(view, 30) + ", default deny "
                + view.get("defaultFrames") + "; VSI acl-deny " + t.drops().get(BridgeDropReason.ACL_DENY));

        assertTrue("port 80 answered through the VSI's ACL: " + out, out.contains("80 port 80: hello"));
        assertTrue("port 22 refused by it: " + out, out.contains("22 failed"));
        assertTrue("the handshake, data and close to port 80 crossed: " + to80, to80 >= 4);
        assertTrue("SYNs to port 22 were sent: " + to22, to22 >= 2);
        assertEquals("rule 20 counted every frame to port 80", to80, TcpPorts.ruleFrames(view, 20));
        assertEquals("rule 30 counted every frame to port 22", to22, TcpPorts.ruleFrames(view, 30));
        assertEquals("the default action denied every frame to port 22", to22, view.get("defaultFrames").getAsLong());
        assertEquals("counted as the VSI's acl-deny drops", to22, t.drops().get(BridgeDropReason.ACL_DENY));
        assertEquals(to22, shown.getAsJsonObject("drops").get("acl-deny").getAsLong());
        assertEquals(acl, shown.get("aclIn").getAsString());
        assertEquals("and the bridge's", to22, bridge.drops().get(BridgeDropReason.ACL_DENY));

        // the type changes live: no acl.in, and an acl.out that keeps TCP 22 from reaching VM1
        String noSsh = name("nossh");
        configs.create("org.openevb.acl", "name", noSsh, "default", "permit", "rule.10", "deny tcp dst-port 22");
        Await.until(noSsh + " active", 10, () -> acls.acl(noSsh).map(v -> v.status() == AclStatus.ACTIVE).orElse(false));
        typeDatabase("acl.out", noSsh);
        Await.until("the VSI's ACLs changed", 10, () -> vm1Traffic().aclOut().equals(noSsh) && vm1Traffic().aclIn().isEmpty());
        TcpPorts.serve(lab, "server1", vm1);
        TcpPorts.Run backRun = TcpPorts.connect(lab, vm2, NET + "1");
        String back = backRun.output();
        long back80 = backRun.to80();
        long back22 = backRun.to22();
        VsiTraffic toVsi = vm1Traffic();
        JsonObject noSshView = JsonParser.parseString(execute("evb:acl-show --json " + noSsh)).getAsJsonObject();
        System.out.println("[vsi-policy] type changed live to acl.out " + noSsh + " (deny tcp dst-port 22): VM2's client "
                + back.trim().replace('\n', ';') + " | VM2 sent " + back80 + " frames to VM1's port 80, " + back22
                + " to 22; rule 10 " + TcpPorts.ruleFrames(noSshView, 10) + ", VSI frames-out-denied "
                + toVsi.counters().get(VsiCounter.FRAMES_OUT_DENIED));
        assertTrue("VM1's port 80 answered VM2: " + back, back.contains("80 port 80: hello"));
        assertTrue("VM1's port 22 did not: " + back, back.contains("22 failed"));
        assertTrue("SYNs to VM1's port 22 were sent: " + back22, back22 >= 2);
        assertEquals("rule 10 counted every frame to VM1's port 22", back22, TcpPorts.ruleFrames(noSshView, 10));
        assertEquals("the VSI counted each as denied on its way out to it", back22,
                toVsi.counters().get(VsiCounter.FRAMES_OUT_DENIED));
    }
}
