package org.openevb.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.bridge.internal.BridgeHarness.frame;
import static org.openevb.bridge.internal.BridgeHarness.props;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openevb.acl.internal.AclRegistry;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.bridge.BridgeStatus;

/**
 * ACLs bound to bridge ports, ingress and egress, on in-memory ports: what they deny is dropped and
 * counted (and not learned), what they permit is forwarded; a port bound to an ACL with no valid
 * rule set, or while no ACL service runs, lets nothing through; rule sets change under the bridge
 * without touching it.
 */
class AclBindingTest {

    static final String A = "02:00:00:00:00:0a";
    static final String B = "02:00:00:00:00:0b";
    /** IPv4 TCP 10.0.0.1:40000 -> 10.0.0.2:PORT, SYN. */
    static String tcp(int port) {
        return "0800" + "4500002800014000400600000a0000010a000002" + "9c40" + String.format("%04x", port)
                + "0000000100000000" + "5002ffff00000000";
    }

    static final String ARP = "0806" + "0001080006040001";

    private BridgeHarness h;
    private final AclRegistry acls = new AclRegistry();
    private final Object aclFile = new Object();

    @BeforeEach
    void setUp() throws Exception {
        h = new BridgeHarness();
        h.ports("p1", "p2");
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private BridgeComponent bridge(Object... more) {
        Map<String, Object> p = props("name", "br0", "ports", "p1, p2");
        p.putAll(props(more));
        BridgeComponent br = h.bridge(p);
        assertEquals(BridgeStatus.FORWARDING, br.status(), br.reason());
        return br;
    }

    private void web(String... rules) {
        Map<String, Object> p = props("name", "web", "default", "deny");
        for (int i = 0; i < rules.length; i++) {
            p.put("rule." + (i + 1) * 10, rules[i]);
        }
        acls.configure(aclFile, p);
    }

    private long drops(BridgeComponent br, BridgeDropReason r) {
        return br.drops().get(r);
    }

    @Test
    void ingressAclPermitsWhatItsRulesPermitAndDeniesTheRest() {
        h.bridges.setAclService(acls);
        web("permit arp", "permit tcp dst-port 80");
        BridgeComponent br = bridge("port.p1.acl.in", "web");
        h.inject("p1", frame(B, A, tcp(80)));
        h.inject("p1", frame(B, A, tcp(22)));
        h.inject("p1", frame(B, A, ARP));
        assertEquals(2, h.sent("p2").size());
        assertEquals(1, drops(br, BridgeDropReason.ACL_DENY));
        assertEquals(List.of(1L, 1L), acls.acl("web").orElseThrow().rules().stream().map(r -> r.frames()).toList());
        assertEquals(1, acls.acl("web").orElseThrow().defaultFrames());
        // the other direction has no ACL
        h.inject("p2", frame(A, B, tcp(22)));
        assertEquals(1, h.sent("p1").size());
        BridgePortView p1 = br.ports().get(0);
        assertEquals("web", p1.aclIn());
        assertEquals("", p1.aclOut());
    }

    @Test
    void aDeniedFrameTeachesTheFdbNothing() {
        h.bridges.setAclService(acls);
        web("permit arp");
        BridgeComponent br = bridge("port.p1.acl.in", "web");
        h.inject("p1", frame(B, A, tcp(22)));
        assertEquals(0, br.fdb().size());
        h.inject("p1", frame(B, A, ARP));
        assertEquals(1, br.fdb().size());
    }

    @Test
    void egressAclJudgesEachPortItIsBoundTo() {
        h.bridges.setAclService(acls);
        web("permit tcp dst-port 80");
        BridgeComponent br = bridge("port.p2.acl.out", "web");
        h.inject("p1", frame("ff:ff:ff:ff:ff:ff", A, tcp(80)));
        h.inject("p1", frame("ff:ff:ff:ff:ff:ff", A, tcp(22)));
        assertEquals(1, h.sent("p2").size());
        assertEquals(1, drops(br, BridgeDropReason.ACL_DENY));
        assertEquals(0, drops(br, BridgeDropReason.NO_EGRESS), "the denial is counted once, as acl-deny");
    }

    @Test
    void aVlanAclJudgesEveryFrameReceivedIntoTheVlan() {
        h.bridges.setAclService(acls);
        web("permit tcp dst-port 80");
        BridgeComponent br = bridge("port.p1.vlans", "10", "port.p2.vlans", "10", "vlan.10.acl", "web");
        String tagged80 = "8100000a" + tcp(80);
        String tagged22 = "8100000a" + tcp(22);
        h.inject("p1", frame(B, A, tagged80));
        h.inject("p2", frame(A, B, tagged22));
        h.inject("p1", frame(B, A, tcp(22))); // untagged: VLAN 1, no ACL
        assertEquals(2, h.sent("p2").size());
        assertEquals(0, h.sent("p1").size());
        assertEquals(1, drops(br, BridgeDropReason.ACL_DENY));
        assertEquals(Map.of(10, "web"), br.vlanAcls());
        Map<String, Object> p = props("name", "br0", "ports", "p1, p2", "vlan.4095.acl", "web", "vlan.x.acl", "web");
        br.modified(BridgeHarness.config(p), p);
        assertTrue(br.reason().contains("vlan.4095.acl: '4095' is not a VID in 1..4094")
                && br.reason().contains("vlan.x.acl: 'x' is not a VID in 1..4094"), br.reason());
    }

    @Test
    void aVlanEgressAclJudgesEveryFrameSentInTheVlanOnce() throws Exception {
        h.bridges.setAclService(acls);
        web("permit tcp dst-port 80");
        h.ports("p3");
        BridgeComponent br = bridge("ports", "p1, p2, p3", "port.p1.vlans", "10", "port.p2.vlans", "10",
                "port.p3.vlans", "10", "vlan.10.acl.out", "web");
        String tagged80 = "8100000a" + tcp(80);
        String tagged22 = "8100000a" + tcp(22);
        h.inject("p1", frame("ff:ff:ff:ff:ff:ff", A, tagged80)); // to p2 and p3
        h.inject("p1", frame("ff:ff:ff:ff:ff:ff", A, tagged22));
        h.inject("p2", frame(A, B, tagged22));
        h.inject("p1", frame(B, A, tcp(22))); // untagged: VLAN 1, no ACL
        assertEquals(2, h.sent("p2").size(), "the first frame and the untagged one");
        assertEquals(2, h.sent("p3").size());
        assertEquals(0, h.sent("p1").size());
        assertEquals(2, drops(br, BridgeDropReason.ACL_DENY), "once per frame, not per port");
        assertEquals(0, drops(br, BridgeDropReason.NO_EGRESS));
        assertEquals(2, acls.acl("web").orElseThrow().defaultFrames());
        assertEquals(1, acls.acl("web").orElseThrow().rules().get(0).frames());
        // a frame with nowhere to go is not judged: B is behind p2, where this one comes from
        h.inject("p2", frame(B, "02:00:00:00:00:0c", tagged22));
        assertEquals(1, drops(br, BridgeDropReason.NO_EGRESS));
        assertEquals(2, acls.acl("web").orElseThrow().defaultFrames());
        assertEquals(Map.of(10, "web"), br.vlanAclsOut());
        assertEquals(Map.of(), br.vlanAcls());
    }

    @Test
    void aVlanIngressAclReadsAsAclInTooButNotBothWays() {
        h.bridges.setAclService(acls);
        web("permit tcp dst-port 80");
        BridgeComponent br = bridge("port.p1.vlans", "10", "port.p2.vlans", "10", "vlan.10.acl.in", "web");
        h.inject("p1", frame(B, A, "8100000a" + tcp(22)));
        assertEquals(1, drops(br, BridgeDropReason.ACL_DENY));
        assertEquals(Map.of(10, "web"), br.vlanAcls());
        Map<String, Object> p = props("name", "br0", "ports", "p1, p2", "vlan.10.acl", "web", "vlan.10.acl.in", "other",
                "vlan.4095.acl.out", "web");
        br.modified(BridgeHarness.config(p), p);
        assertTrue(br.reason().contains("vlan.10.acl, vlan.10.acl.in: both set"), br.reason());
        assertTrue(br.reason().contains("vlan.4095.acl.out: '4095' is not a VID in 1..4094"), br.reason());
    }

    @Test
    void noValidRuleSetMeansNothingPasses() {
        BridgeComponent br = bridge("port.p1.acl.in", "web");
        h.inject("p1", frame(B, A, tcp(80)));
        assertEquals(1, drops(br, BridgeDropReason.ACL_UNAVAILABLE), "no ACL service");
        h.bridges.setAclService(acls);
        h.inject("p1", frame(B, A, tcp(80)));
        assertEquals(2, drops(br, BridgeDropReason.ACL_UNAVAILABLE), "no ACL of that name");
        web("permit tcp dst-port 8O");
        h.inject("p1", frame(B, A, tcp(80)));
        assertEquals(3, drops(br, BridgeDropReason.ACL_UNAVAILABLE), "never valid");
        web("permit tcp dst-port 80");
        h.inject("p1", frame(B, A, tcp(80)));
        assertEquals(1, h.sent("p2").size());
        web("permit tcp dst-port 80", "permit tcp dst-port 2x");
        h.inject("p1", frame(B, A, tcp(80)));
        assertEquals(1, h.sent("p2").size(), "the last good set keeps applying");
        h.bridges.unsetAclService(acls);
        h.inject("p1", frame(B, A, tcp(80)));
        assertEquals(4, drops(br, BridgeDropReason.ACL_UNAVAILABLE), "the ACL service went");
    }

    @Test
    void bindingsChangeWithTheBridgeConfiguration() {
        h.bridges.setAclService(acls);
        web("deny tcp");
        BridgeComponent br = bridge();
        h.inject("p1", frame(B, A, tcp(80)));
        assertEquals(1, h.sent("p2").size());
        Map<String, Object> p = props("name", "br0", "ports", "p1, p2", "port.p1.acl.in", "web");
        br.modified(BridgeHarness.config(p), p);
        h.inject("p1", frame(B, A, tcp(80)));
        assertEquals(0, h.sent("p2").size());
        p = props("name", "br0", "ports", "p1, p2", "port.p1.acl.in", "no such name!");
        br.modified(BridgeHarness.config(p), p);
        assertTrue(br.reason().contains("port.p1.acl.in: 'no such name!' is not a name"), br.reason());
        h.inject("p1", frame(B, A, tcp(80)));
        assertEquals(0, h.sent("p2").size(), "the last good configuration, with its binding, keeps running");
    }
}
