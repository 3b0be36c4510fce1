package org.openevb.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openevb.bridge.internal.BridgeHarness.frame;
import static org.openevb.bridge.internal.BridgeHarness.props;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openevb.acl.internal.AclRegistry;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.bridge.VsiCounter;
import org.openevb.api.bridge.VsiTraffic;
import org.openevb.api.policy.PoliceRates;
import org.openevb.api.vdp.AssociatedVsi;
import org.openevb.api.vdp.VsiAssociations;
import org.openevb.api.vdp.VsiPolicy;
import org.openevb.codec.MacAddress;

/**
 * The policy of a VSI's type on the bridge's data path: its own policer and its ACLs, applied to
 * the frames of an associated VSI from the first one, counted per VSI by reason, and changed live
 * when VDP tells the bridge the association again with another policy.
 */
class VsiPolicyTest {

    static final String VM = "02:00:00:00:aa:01";
    static final String VM2 = "02:00:00:00:aa:02";
    static final String B = "02:00:00:00:00:0b";
    static final String VSIID = "uuid:6c5f4e2a-0000-4000-8000-000000000001";
    static final String VSIID2 = "uuid:6c5f4e2a-0000-4000-8000-000000000002";

    private BridgeHarness h;
    private final AclRegistry acls = new AclRegistry();
    private final Object aclFile = new Object();

    @BeforeEach
    void setUp() throws Exception {
        h = new BridgeHarness();
        h.ports("p1", "p2", "p3");
        h.bridges.setAclService(acls);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private BridgeComponent bridge() {
        BridgeComponent br = h.bridge(props("name", "br0", "ports", "p1, p2, p3", "vsi.enforcement", "enforce"));
        assertEquals(BridgeStatus.FORWARDING, br.status(), br.reason());
        return br;
    }

    /** VDP runs on p1 and p2; VM is associated on p1 with {@code policy}, VM2 on p2 with none. */
    private void associate(VsiPolicy policy) {
        h.bridges.associations(new VsiAssociations(Set.of("p1", "p2"), List.of(
                new AssociatedVsi("p1", VSIID, List.of(new AssociatedVsi.FilterMatch(MacAddress.parse(VM), 1)), policy),
                new AssociatedVsi("p2", VSIID2, List.of(new AssociatedVsi.FilterMatch(MacAddress.parse(VM2), 1))))));
    }

    private void web(String... rules) {
        Map<String, Object> p = props("name", "web", "default", "deny");
        for (int i = 0; i < rules.length; i++) {
            p.put("rule." + (i + 1) * 10, rules[i]);
        }
        acls.configure(aclFile, p);
    }

    private static VsiTraffic of(BridgeComponent br, String vsiid) {
        return br.vsiTraffic().stream().filter(t -> t.vsiid().equals(vsiid)).findFirst().orElseThrow();
    }

    /** At most 5 frames at once, then 1 a second: a burst of 20 back to back lets 5 through. */
    private static final PoliceRates FIVE_FRAMES = new PoliceRates(0, 0, 1, 5);

    @Test
    void aVsisPolicerDropsWhatExceedsItsBucketAndCountsItForTheVsi() {
        var br = bridge();
        associate(new VsiPolicy(FIVE_FRAMES, "", ""));
        for (int i = 0; i < 20; i++) {
            h.inject("p1", frame(B, VM, "88b5"));
        }
        assertEquals(5, h.sent("p3").size(), "the bucket's 5 frames pass");
        VsiTraffic t = of(br, VSIID);
        assertEquals(15, t.drops().get(BridgeDropReason.VSI_POLICED));
        assertEquals(20, t.counters().get(VsiCounter.FRAMES_IN), "every frame of the VSI is counted as received");
        assertEquals(15, br.drops().get(BridgeDropReason.VSI_POLICED));
        assertEquals("1 frames/s burst 5", t.police());
        // another VSI on another port: its own bucket, here none
        for (int i = 0; i < 20; i++) {
            h.inject("p2", frame(B, VM2, "88b5"));
        }
        assertEquals(20, h.sent("p3").size());
        assertEquals(0, of(br, VSIID2).drops().total());
        assertEquals("", of(br, VSIID2).police());
    }

    @Test
    void aChangedTypeAppliesLiveKeepingTheCountersAndANewRateStartsAFullBucket() {
        var br = bridge();
        associate(new VsiPolicy(FIVE_FRAMES, "", ""));
        for (int i = 0; i < 10; i++) {
            h.inject("p1", frame(B, VM, "88b5"));
        }
        assertEquals(5, h.sent("p3").size());
        // the same rates told again (another VSI changed): the bucket goes on, still empty
        h.bridges.associations(new VsiAssociations(Set.of("p1", "p2"), List.of(
                new AssociatedVsi("p1", VSIID, List.of(new AssociatedVsi.FilterMatch(MacAddress.parse(VM), 1)),
                        new VsiPolicy(FIVE_FRAMES, "", "")))));
        h.inject("p1", frame(B, VM, "88b5"));
        assertEquals(0, h.sent("p3").size(), "the bucket was not refilled by a table change");
        // the type's rates changed: a new bucket of 10
        associate(new VsiPolicy(new PoliceRates(0, 0, 1, 10), "", ""));
        for (int i = 0; i < 12; i++) {
            h.inject("p1", frame(B, VM, "88b5"));
        }
        assertEquals(10, h.sent("p3").size());
        assertEquals(8, of(br, VSIID).drops().get(BridgeDropReason.VSI_POLICED), "5 + 1 + 2: counters kept");
        // the policy removed from the type: nothing is policed
        associate(VsiPolicy.NONE);
        for (int i = 0; i < 12; i++) {
            h.inject("p1", frame(B, VM, "88b5"));
        }
        assertEquals(12, h.sent("p3").size());
        assertEquals(35, of(br, VSIID).counters().get(VsiCounter.FRAMES_IN));
    }

    @Test
    void aVsisIngressAclJudgesItsFramesAndCountsTheDenialsForIt() {
        web("permit arp", "permit tcp dst-port 80", "count tcp dst-port 22");
        var br = bridge();
        associate(new VsiPolicy(null, "web", ""));
        h.inject("p1", frame(B, VM, AclBindingTest.tcp(80)));
        h.inject("p1", frame(B, VM, AclBindingTest.tcp(22)));
        h.inject("p1", frame(B, VM, AclBindingTest.tcp(22)));
        h.inject("p1", frame(B, VM, AclBindingTest.ARP));
        assertEquals(2, h.sent("p3").size());
        VsiTraffic t = of(br, VSIID);
        assertEquals(2, t.drops().get(BridgeDropReason.ACL_DENY));
        assertEquals("web", t.aclIn());
        assertEquals(2, br.drops().get(BridgeDropReason.ACL_DENY));
        var view = acls.acl("web").orElseThrow();
        assertEquals(2, view.rules().get(2).frames(), "rule 30 counted both frames to 22");
        assertEquals(2, view.defaultFrames());
        // another VSI's frames (no ACL on its type) are not judged by it
        h.inject("p2", frame(B, VM2, AclBindingTest.tcp(22)));
        assertEquals(1, h.sent("p3").size());
        assertEquals(0, of(br, VSIID2).drops().total());
    }

    @Test
    void aVsisEgressAclJudgesFramesSentToItAndCountsThem() {
        web("permit tcp dst-port 80");
        var br = bridge();
        associate(new VsiPolicy(null, "", "web"));
        h.inject("p3", frame(VM, B, AclBindingTest.tcp(80)));
        h.inject("p3", frame(VM, B, AclBindingTest.tcp(22)));
        assertEquals(1, h.sent("p1").size());
        VsiTraffic t = of(br, VSIID);
        assertEquals(1, t.counters().get(VsiCounter.FRAMES_OUT_DENIED));
        assertEquals(1, t.counters().get(VsiCounter.FRAMES_OUT));
        assertEquals(1, br.drops().get(BridgeDropReason.ACL_DENY));
        assertEquals(0, br.drops().get(BridgeDropReason.NO_EGRESS), "counted once, as the ACL's");
        // the VSI on p2 has no egress ACL: port 22 reaches it
        h.inject("p3", frame(VM2, B, AclBindingTest.tcp(22)));
        assertEquals(1, h.sent("p2").size());
        // a broadcast is addressed to no VSI of a MAC filter: not judged by its egress ACL
        h.inject("p3", frame("ff:ff:ff:ff:ff:ff", B, AclBindingTest.tcp(22)));
        assertEquals(1, h.sent("p1").size());
    }

    @Test
    void anAclNameWithNoValidRuleSetLetsNothingOfTheVsiThrough() {
        var br = bridge();
        associate(new VsiPolicy(null, "web", "")); // not configured yet
        h.inject("p1", frame(B, VM, AclBindingTest.tcp(80)));
        assertEquals(0, h.sent("p3").size());
        assertEquals(1, of(br, VSIID).drops().get(BridgeDropReason.ACL_UNAVAILABLE));
        // the ACL appears: its rules apply from the next frame
        web("permit tcp dst-port 80");
        h.inject("p1", frame(B, VM, AclBindingTest.tcp(80)));
        assertEquals(1, h.sent("p3").size());
        // the ACL service goes: unavailable again
        h.bridges.unsetAclService(acls);
        h.inject("p1", frame(B, VM, AclBindingTest.tcp(80)));
        assertEquals(0, h.sent("p3").size());
        assertEquals(2, of(br, VSIID).drops().get(BridgeDropReason.ACL_UNAVAILABLE));
    }

    @Test
    void policerAndAclTogetherThePolicerFirst() {
        web("permit tcp dst-port 80");
        var br = bridge();
        associate(new VsiPolicy(new PoliceRates(0, 0, 1, 2), "web", ""));
        for (int port : new int[] {22, 80, 80, 80}) {
            h.inject("p1", frame(B, VM, AclBindingTest.tcp(port)));
        }
        assertEquals(1, h.sent("p3").size());
        VsiTraffic t = of(br, VSIID);
        assertEquals(1, t.drops().get(BridgeDropReason.ACL_DENY));
        assertEquals(2, t.drops().get(BridgeDropReason.VSI_POLICED));
        assertEquals(2, br.vsiTraffic().size());
    }
}
