package org.openevb.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.policy.AclService;
import org.openevb.api.policy.AclStatus;
import org.openevb.api.policy.AclView;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * ACLs on real frames: two VMs (namespaces with default offloads behind veths, ports on the packet
 * driver) on an 802.1Q bridge of the platform, an ACL bound to VM1's port on ingress. VM1 reaches
 * VM2 on TCP port 80 and not on 22, and the rule counters equal the frames tcpdump saw VM1 send;
 * rule sets changed live, by configuration and by command, while a permitted stream runs, lose
 * none of its frames; a bad rule puts the ACL in ERROR and the last good set keeps applying.
 * Prints {@code [acl]} lines with its figures.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AclIT extends LabTestSupport {

    private static final String NET = "192.168.69.";


    private String vm1;
    private String vm2;
    private String acl;
    private Configuration aclConfig;
    private Configuration bridgeConfig;

    /** VM1 and VM2 on bridge br-TAG, the ACL web-TAG (default deny, the given rules) on VM1's port, ingress. */
    private void topology(String... rules) throws Exception {
        bound("deny", "port." + name("vm1") + ".acl.in", rules);
    }

    /** VM1 and VM2 on bridge br-TAG, the ACL web-TAG (that default, the given rules) bound by the bridge's key {@code binding}. */
    private void bound(String defaultAction, String binding, String... rules) throws Exception {
        vm1 = lab.namespace("vm1");
        vm2 = lab.namespace("vm2");
        lab.veth(lab.hostName("vm1"), vm1, "eth0", 1500, NET + "1/24");
        lab.veth(lab.hostName("vm2"), vm2, "eth0", 1500, NET + "2/24");
        configs.create("org.openevb.port", "name", name("vm1"), "interface", lab.hostName("vm1"));
        configs.create("org.openevb.port", "name", name("vm2"), "interface", lab.hostName("vm2"));
        acl = name("web");
        String[] keys = new String[4 + rules.length * 2];
        keys[0] = "name";
        keys[1] = acl;
        keys[2] = "default";
        keys[3] = defaultAction;
        for (int i = 0; i < rules.length; i++) {
            keys[4 + 2 * i] = "rule." + (i + 1) * 10;
            keys[5 + 2 * i] = rules[i];
        }
        aclConfig = configs.create("org.openevb.acl", keys);
        bridgeConfig = configs.create("org.openevb.bridge", "name", name("br"), "mode", "dot1q",
                "ports", name("vm1") + ", " + name("vm2"), binding, acl);
        Await.until(name("br") + " forwarding with its ports up", 30, () -> Ready.forwardingWithPortsUp(bridges, name("br")));
        AclService acls = service(AclService.class);
        Await.until(acl + " active", 10, () -> acls.acl(acl).map(v -> v.status() == AclStatus.ACTIVE).orElse(false));
    }

    private JsonObject aclJson() throws Exception {
        return JsonParser.parseString(execute("evb:acl-show --json " + acl)).getAsJsonObject();
    }

    private long bridgeDrops(BridgeDropReason why) {
        return bridges.bridges().stream().filter(b -> b.name().equals(name("br"))).findFirst().map(Bridge::drops)
                .map(d -> d.get(why)).orElse(-1L);
    }

    @Test
    public void vm1ReachesVm2OnTcp80OnlyAndTheCountersMatchTheFrames() throws Exception {
        topology("permit arp", "permit tcp dst-port 80", "count tcp dst-port 22");
        TcpPorts.serve(lab, "server", vm2);
        TcpPorts.Run run = TcpPorts.connect(lab, vm1, NET + "2");
        String out = run.output();
        long to80 = run.to80();
        long to22 = run.to22();
        JsonObject view = aclJson();
        System.out.println("[acl] client: " + out.trim().replace('\n', ';') + " | VM1 sent " + to80 + " frames to port 80, "
                + to22 + " to port 22; rule 20 (permit tcp dst-port 80) " + TcpPorts.ruleFrames(view, 20) + ", rule 30 (count "
                + "tcp dst-port 22) " + TcpPorts.ruleFrames(view, 30) + ", default deny " + view.get("defaultFrames")
                + ", ARP (rule 10) " + TcpPorts.ruleFrames(view, 10) + "; bridge acl-deny " + bridgeDrops(BridgeDropReason.ACL_DENY));

        assertTrue("port 80 answered through the ACL: " + out, out.contains("80 port 80: hello"));
        assertTrue("port 22 refused by the ACL: " + out, out.contains("22 failed"));
        assertTrue("the handshake, data and close to port 80 crossed: " + to80, to80 >= 4);
        assertTrue("SYNs to port 22 were sent: " + to22, to22 >= 2);
        assertEquals("rule 20 counted every frame to port 80", to80, TcpPorts.ruleFrames(view, 20));
        assertEquals("rule 30 counted every frame to port 22", to22, TcpPorts.ruleFrames(view, 30));
        assertEquals("the default action denied every frame to port 22", to22, view.get("defaultFrames").getAsLong());
        assertEquals("the bridge counted them as acl-deny", to22, bridgeDrops(BridgeDropReason.ACL_DENY));
        assertTrue("ARP went through rule 10", TcpPorts.ruleFrames(view, 10) >= 1);

        JsonArray listed = JsonParser.parseString(execute("evb:acl-list --json")).getAsJsonArray();
        assertTrue(listed.toString(), listed.toString().contains("\"name\": \"" + acl + "\"")
                || listed.toString().contains("\"name\":\"" + acl + "\""));
        String shown = execute("evb:bridge-show --json " + name("br"));
        assertTrue(shown, shown.contains("\"aclIn\": \"" + acl + "\""));
    }

    @Test
    public void rulesChangedLiveUnderTrafficLoseNoPermittedFrame() throws Exception {
        topology("permit ethertype 0x88b5");
        String mac1 = lab.mac(vm1, "eth0");
        String mac2 = lab.mac(vm2, "eth0");
        AclService acls = service(AclService.class);
        // while frames flow: whole rule sets replaced through ConfigAdmin (the permit moves between
        // rule numbers: half of one set and half of the next would have no permit at all), and rules
        // added and removed by command. A fixed number of changes, each made while a stream runs:
        // rounds of 2000 numbered frames at 1000/s follow one another until all are made, so a slow
        // machine takes more rounds instead of fewer changes; 60 s bound the whole
        int wanted = 50;
        int perRound = 2000;
        int changes = 0;
        int commands = 0;
        int rounds = 0;
        int[] lostDup = new int[2];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (changes < wanted && System.nanoTime() < deadline) {
            NetLab.Capture received = lab.capture(vm2, "eth0", perRound, true, "ether proto 0x88b5");
            Process stream = lab.stream(vm1, "eth0", mac2, mac1, perRound, 1000);
            while (changes < wanted && stream.isAlive() && System.nanoTime() < deadline) {
                int i = changes;
                if (i % 4 == 3) {
                    String added = execute("evb:acl-rule-add " + acl + " 5 deny tcp dst-port " + (1000 + i));
                    assertTrue(added, added.contains("tcp dst-port " + (1000 + i)));
                    commands++;
                } else {
                    Configs.update(aclConfig, "rule.10", i % 2 == 0 ? null : "permit ethertype 0x88b5",
                            "rule.15", i % 2 == 0 ? "permit ethertype 0x88b5" : null, "rule.20", "deny udp dst-port " + i);
                    Thread.sleep(20);
                }
                changes++;
            }
            assertTrue("the stream ended", stream.waitFor(30, TimeUnit.SECONDS));
            int[] round = NetLab.lostAndDuplicated(received.await(10), perRound);
            lostDup[0] += round[0];
            lostDup[1] += round[1];
            rounds++;
        }
        AclView after = acls.acl(acl).orElseThrow();
        System.out.println("[acl] " + changes + " rule set changes (" + commands + " by evb:acl-rule-add) while "
                + rounds * perRound + " permitted frames crossed at 1000/s in " + rounds + " rounds: lost " + lostDup[0]
                + ", duplicated " + lostDup[1] + ", acl-deny " + bridgeDrops(BridgeDropReason.ACL_DENY)
                + ", acl-unavailable " + bridgeDrops(BridgeDropReason.ACL_UNAVAILABLE));
        assertEquals("every change made within 60 s, under traffic", wanted, changes);
        assertArrayEquals("no permitted frame lost or duplicated", new int[] {0, 0}, lostDup);
        assertEquals(0, bridgeDrops(BridgeDropReason.ACL_DENY));
        assertEquals(AclStatus.ACTIVE, after.status());

        // a bad rule: ERROR naming the key, the rule and why; the last good set keeps applying
        try {
            execute("evb:acl-rule-add " + acl + " 30 permit tcp dst-port 99999");
            fail("a rule that does not parse is refused");
        } catch (Exception refused) {
            assertTrue(refused.getMessage(), refused.getMessage().contains("'99999' is not in 0..65535"));
        }
        Configs.update(aclConfig, "rule.40", "permit tcp dst-port 8o");
        Await.until(acl + " in ERROR", 10, () -> acls.acl(acl).map(v -> v.status() == AclStatus.ERROR).orElse(false));
        String reason = acls.acl(acl).orElseThrow().reason();
        assertTrue(reason, reason.contains("rule.40: 'permit tcp dst-port 8o' is not a rule: '8o' is not a number"));
        NetLab.Capture again = lab.capture(vm2, "eth0", 200, true, "ether proto 0x88b5");
        Process more = lab.stream(vm1, "eth0", mac2, mac1, 200, 1000);
        assertTrue(more.waitFor(30, TimeUnit.SECONDS));
        int[] stillPassing = NetLab.lostAndDuplicated(again.await(10), 200);
        System.out.println("[acl] with a bad rule: " + reason + "; 200 frames sent, lost " + stillPassing[0]);
        assertArrayEquals("the last good set keeps applying", new int[] {0, 0}, stillPassing);

        // removing the bad rule by command ends the ERROR; removing rule 5 leaves the rest
        String fixed = execute("evb:acl-rule-remove --json " + acl + " 40");
        JsonObject view = JsonParser.parseString(fixed).getAsJsonObject();
        assertEquals(fixed, "ACTIVE", view.get("status").getAsString());
        String removed = execute("evb:acl-rule-remove " + acl + " 5");
        assertTrue(removed, removed.startsWith("ACL " + acl + "  ACTIVE") && !removed.contains("tcp dst-port 1"));
        List<Integer> left = acls.acl(acl).orElseThrow().rules().stream().map(r -> r.id()).toList();
        // the permit at 10 or 15, wherever the last change put it, and 20
        assertTrue(left.toString(), left.size() == 2 && left.get(1) == 20 && (left.get(0) == 10 || left.get(0) == 15));
        System.out.println("[acl] evb:acl-rule-remove of the bad rule 40: " + view.get("status").getAsString()
                + "; of rule 5: rules left " + left);
    }

    /** VM1's client against VM2's server; the frames tcpdump saw VM1 send to ports 80 and 22. */
    private long[] connect(String what) throws Exception {
        TcpPorts.Run run = TcpPorts.connect(lab, vm1, NET + "2");
        assertTrue(what + ": port 80 answered: " + run.output(), run.output().contains("80 port 80: hello"));
        assertTrue(what + ": port 22 refused: " + run.output(), run.output().contains("22 failed"));
        return new long[] {run.to80(), run.to22()};
    }

    @Test
    public void egressAclsOfAPortAndOfAVlanDropTcp22TowardsVm2AndCountEveryFrame() throws Exception {
        // VM2's port lets nothing to TCP 22 out; the rest passes
        bound("permit", "port." + name("vm2") + ".acl.out", "deny tcp dst-port 22");
        TcpPorts.serve(lab, "server", vm2);
        long[] port = connect("port egress ACL");
        JsonObject view = aclJson();
        long denied = bridgeDrops(BridgeDropReason.ACL_DENY);
        assertTrue("SYNs to port 22 were sent: " + port[1], port[1] >= 2);
        assertEquals("rule 10 counted every frame to port 22", port[1], TcpPorts.ruleFrames(view, 10));
        assertEquals("the bridge counted each as acl-deny", port[1], denied);
        String shown = execute("evb:bridge-show --json " + name("br"));
        assertTrue(shown, shown.contains("\"aclOut\": \"" + acl + "\""));

        // the same ACL on VLAN 1's egress instead: every frame the bridge sends in it, whatever the port
        Configs.update(bridgeConfig, "port." + name("vm2") + ".acl.out", null, "vlan.1.acl.out", acl);
        Bridge b = bridges.bridge(name("br")).orElseThrow();
        Await.until("the VLAN binding applied", 10, () -> b.vlanAclsOut().equals(java.util.Map.of(1, acl))
                && b.ports().get(1).aclOut().isEmpty());
        long[] vlan = connect("VLAN egress ACL");
        view = aclJson();
        long deniedAll = bridgeDrops(BridgeDropReason.ACL_DENY);
        String table = execute("evb:bridge-show " + name("br"));
        System.out.println("[acl] egress: port " + name("vm2") + " acl.out (deny tcp dst-port 22, default permit): VM1 sent "
                + port[0] + " frames to 80 (answered), " + port[1] + " to 22, rule 10 counted " + port[1] + ", acl-deny "
                + denied + "; vlan.1.acl.out instead: " + vlan[0] + " to 80 (answered), " + vlan[1] + " to 22, rule 10 "
                + TcpPorts.ruleFrames(view, 10) + " in all, acl-deny " + deniedAll + " in all");
        assertTrue("SYNs to port 22 were sent: " + vlan[1], vlan[1] >= 2);
        assertEquals("rule 10 counted every frame to port 22, both bindings", port[1] + vlan[1], TcpPorts.ruleFrames(view, 10));
        assertEquals("acl-deny once per frame", port[1] + vlan[1], deniedAll);
        assertTrue(table, table.contains("VLAN ACLs  1 out: " + acl));
    }

    /** What the command fails with, or "no failure". */
    private String failure(String command) {
        try {
            execute(command);
            return "no failure";
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
    }

    @Test
    public void wholeAclsAreCreatedAndDeletedByCommandAsTheirFilesAndARefusedOneLeavesNoFile() throws Exception {
        AclService acls = service(AclService.class);
        String cmd = name("cmd");
        String bad = name("bad");
        java.nio.file.Path etc = java.nio.file.Path.of(System.getProperty("karaf.etc"));
        java.nio.file.Path file = etc.resolve("org.openevb.acl-" + cmd + ".cfg");
        java.nio.file.Path badFile = etc.resolve("org.openevb.acl-" + bad + ".cfg");
        try {
            String shown = execute("evb:acl-create --default deny " + cmd + " \"permit arp\" \"permit tcp dst-port 80\"");
            assertTrue(shown, shown.startsWith("ACL " + cmd + "  ACTIVE") && shown.contains("tcp dst-port 80"));
            String text = java.nio.file.Files.readString(file);
            assertTrue(text, text.contains("default = deny") && text.contains("rule.10 = permit arp")
                    && text.contains("rule.20 = permit tcp dst-port 80"));
            assertEquals(List.of(10, 20), acls.acl(cmd).orElseThrow().rules().stream().map(r -> r.id()).toList());
            String again = failure("evb:acl-create -d permit " + cmd);
            assertTrue(again, again.contains("an ACL named '" + cmd + "' exists already"));

            // refused values: the key and the reason, and no file
            String badRule = failure("evb:acl-create -d deny " + bad + " \"permit arp\" \"permit tcp dst-port 8o\"");
            assertTrue(badRule, badRule.contains("rule.20: 'permit tcp dst-port 8o' is not a rule: '8o' is not a number"));
            String badDefault = failure("evb:acl-create -d maybe " + bad);
            assertTrue(badDefault, badDefault.contains("default: 'maybe' is not one of permit, deny"));
            assertTrue("no file left behind", !java.nio.file.Files.exists(badFile));
            assertTrue(acls.acl(bad).isEmpty());

            // bound to a bridge's port: kept unless forced
            configs.create("org.openevb.bridge", "name", name("br"), "ports", name("p1"), "port." + name("p1") + ".acl.in", cmd);
            Await.until(name("br") + " configured", 30, () -> bridges.bridge(name("br")).isPresent());
            String refused = failure("evb:acl-delete " + cmd);
            assertTrue(refused, refused.contains("is bound to bridge " + name("br") + " port " + name("p1") + " (in)"));
            assertTrue("still there", java.nio.file.Files.exists(file) && acls.acl(cmd).isPresent());
            String deleted = execute("evb:acl-delete --force " + cmd);
            assertTrue(deleted, deleted.contains("ACL '" + cmd + "' deleted; still bound to bridge " + name("br")));
            assertTrue("its file gone", !java.nio.file.Files.exists(file));
            assertTrue("and the ACL", acls.acl(cmd).isEmpty());
            String gone = failure("evb:acl-delete " + cmd);
            assertTrue(gone, gone.contains("no ACL named '" + cmd + "'"));
            System.out.println("[acl] evb:acl-create wrote " + file.getFileName() + " and the ACL ran; refused: " + badRule
                    + " / " + badDefault + " (no file); evb:acl-delete while bound: " + refused + "; --force: " + deleted);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
            java.nio.file.Files.deleteIfExists(badFile);
        }
    }

}
