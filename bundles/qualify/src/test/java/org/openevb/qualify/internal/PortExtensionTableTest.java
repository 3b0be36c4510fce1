package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.Tag;
import org.openevb.codec.ethernet.VnTag;
import org.openevb.codec.lldp.OrgTlv;
import org.openevb.qualify.internal.PortExtensionTable.Format;

/** P12's rules on frames alone: what a controlling bridge, a hairpin and faulty peers send down. */
class PortExtensionTableTest {

    private static final int NONCE = 0x0BAD_F00D;
    private static final List<Integer> ECIDS = List.of(1, 2, 3);

    private static PortExtensionTable sentAll(Format f, boolean floods) {
        PortExtensionTable t = new PortExtensionTable(f, ECIDS, NONCE);
        for (int i = 0; i < t.cases().size(); i++) {
            PortExtensionTable.Case c = t.cases().get(i);
            if (floods || !c.floods() || c.kind() == PortExtensionTable.Kind.LEARNING) {
                t.sent(i);
            }
        }
        return t;
    }

    private static PortExtensionTable.Case named(PortExtensionTable t, String name) {
        return t.cases().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    /** The case's frame as a peer sends it down: its upstream tag (if any) replaced by {@code tag}. */
    private static byte[] down(Format f, PortExtensionTable.Case c, Tag tag) {
        byte[] sent = c.frame();
        int skip = c.from() == 0 ? 0 : f.length;
        byte[] d = new byte[sent.length - skip + tag.length()];
        System.arraycopy(sent, 0, d, 0, 12);
        tag.encode(d, 12);
        System.arraycopy(sent, 12 + skip, d, 12 + tag.length(), sent.length - 12 - skip);
        return d;
    }

    private static Tag eTag(int ecid, int ingress) {
        return ETag.downstream(0, false, ecid, ingress);
    }

    @Test
    void ourControllingBridgeWithAReplicationGroupPasses() {
        Format f = Format.ETAG;
        PortExtensionTable t = sentAll(f, true);
        t.received(down(f, named(t, "learn-b"), eTag(0x1001, 2)));
        assertTrue(t.received(down(f, named(t, "known-unicast"), eTag(2, 0))).endsWith("(copy 1): E-Tag E-CID 2, Ingress_E-CID 0"));
        t.received(down(f, named(t, "known-unicast-reverse"), eTag(1, 0)));
        t.received(down(f, named(t, "broadcast"), eTag(0x1001, 1)));
        t.received(down(f, named(t, "multicast"), eTag(0x1001, 1)));
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("down once to E-CID 2", o.values().get("etag.known-unicast"));
        assertEquals("one copy to group E-CID 0x1001 pruning 1", o.values().get("etag.broadcast"));
        assertEquals("dropped (E-CID 4095)", o.values().get("etag.outside-range"));
        assertEquals("refused (nothing came back)", o.values().get("etag.untagged"));
        assertEquals("E-Tag group E-CID 0x1001 (GRP 1), Ingress_E-CID 2", o.values().get("etag.learn-b"));
    }

    @Test
    void vnTagReplicatedPerVifPasses() {
        Format f = Format.VNTAG;
        PortExtensionTable t = sentAll(f, true);
        t.received(down(f, named(t, "known-unicast"), VnTag.downstream(2)));
        t.received(down(f, named(t, "known-unicast-reverse"), VnTag.downstream(1)));
        for (String flood : List.of("broadcast", "multicast")) {
            t.received(down(f, named(t, flood), VnTag.downstream(3)));
            t.received(down(f, named(t, flood), VnTag.downstream(2)));
        }
        // untagged frames may be served on the cascade port: shown, not judged
        t.received(down(f, named(t, "untagged"), VnTag.downstream(2)));
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("replicated per vif to [3, 2]", o.values().get("vntag.broadcast"));
        assertEquals("VN-Tag vif 2", o.values().get("vntag.untagged"));
        assertTrue(o.summary().startsWith("VN-Tag: a controlling bridge: known-unicast down once to vif 2"), o.summary());
    }

    @Test
    void aVnTagListCopyLoopedWithTheSourcePasses() {
        Format f = Format.VNTAG;
        PortExtensionTable t = sentAll(f, true);
        t.received(down(f, named(t, "known-unicast"), VnTag.downstream(2)));
        t.received(down(f, named(t, "known-unicast-reverse"), VnTag.downstream(1)));
        t.received(down(f, named(t, "broadcast"), new VnTag(true, true, 7, true, false, 0, 1)));
        t.received(down(f, named(t, "multicast"), new VnTag(true, true, 7, true, false, 0, 1)));
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("one copy to vif list 7 pruning 1", o.values().get("vntag.multicast"));
    }

    @Test
    void aHairpinningLinuxBridgeIsNoControllingBridge() {
        for (Format f : Format.values()) {
            PortExtensionTable t = sentAll(f, true);
            t.cases().forEach(c -> assertTrue(t.received(c.frame().clone()).contains("unchanged")));
            ProbeOutcome o = t.conclude();
            assertEquals(Verdict.NOT_SUPPORTED, o.verdict(), o.summary());
            assertTrue(o.summary().contains("7 frame(s) came back unchanged, still tagged with their source's own "
                    + f.idName + " (a hairpin, not a controlling bridge)"), o.summary());
            assertTrue(o.values().get(f.key + ".known-unicast").startsWith("duplicated") || o.values()
                    .get(f.key + ".known-unicast").startsWith("unchanged"), o.values().toString());
        }
    }

    @Test
    void nothingBackIsNotSupported() {
        ProbeOutcome o = sentAll(Format.ETAG, false).conclude();
        assertEquals(Verdict.NOT_SUPPORTED, o.verdict());
        assertEquals("E-Tag: nothing came back tagged as a controlling bridge sends it down", o.summary());
        assertEquals("not forwarded", o.values().get("etag.known-unicast"));
        assertEquals("not sent (floods: needs --allow-flood)", o.values().get("etag.broadcast"));
    }

    @Test
    void aWrongEcidAndAGroupCopyWithoutTheSourceToPruneFail() {
        Format f = Format.ETAG;
        PortExtensionTable t = sentAll(f, true);
        t.received(down(f, named(t, "known-unicast"), eTag(3, 0)));
        t.received(down(f, named(t, "known-unicast-reverse"), eTag(1, 0)));
        t.received(down(f, named(t, "broadcast"), eTag(0x1001, 0)));
        t.received(down(f, named(t, "multicast"), eTag(0x1001, 1)));
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("E-Tag E-CID 3, Ingress_E-CID 0 (expected once down to E-CID 2)", o.values().get("etag.known-unicast"));
        assertTrue(o.values().get("etag.broadcast").startsWith("group E-CID 0x1001 without 1 to prune (E-Tag group E-CID "
                + "0x1001 (GRP 1), Ingress_E-CID 0): E-CID 1 gets its own frame back"), o.values().get("etag.broadcast"));
        assertTrue(o.summary().startsWith("E-Tag: known-unicast (E-Tag E-CID 3"), o.summary());
    }

    @Test
    void duplicatesACopyToTheSourceAnUnreachedEcidAndAForwardedOutsiderFail() {
        Format f = Format.ETAG;
        PortExtensionTable t = sentAll(f, true);
        t.received(down(f, named(t, "known-unicast"), eTag(2, 0)));
        t.received(down(f, named(t, "known-unicast"), eTag(2, 0)));
        t.received(down(f, named(t, "known-unicast-reverse"), eTag(1, 0)));
        t.received(down(f, named(t, "broadcast"), eTag(1, 0)));
        t.received(down(f, named(t, "broadcast"), eTag(2, 0)));
        t.received(down(f, named(t, "multicast"), eTag(2, 0)));
        t.received(down(f, named(t, "outside-range"), eTag(2, 0)));
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.values().get("etag.known-unicast").startsWith("duplicated (2 copies)"));
        assertTrue(o.values().get("etag.broadcast").startsWith("back to its source unchanged (no source pruning); "
                + "not replicated to E-CID [3]"), o.values().get("etag.broadcast"));
        assertTrue(o.values().get("etag.multicast").startsWith("not replicated to E-CID [3]"));
        assertEquals("forwarded from E-CID 4095, outside the range: E-Tag E-CID 2, Ingress_E-CID 0",
                o.values().get("etag.outside-range"));
    }

    @Test
    void aFrameChangedInsideTheTagFails() {
        Format f = Format.ETAG;
        PortExtensionTable t = sentAll(f, false);
        byte[] changed = down(f, named(t, "known-unicast"), eTag(2, 0));
        changed[40] ^= 1;
        t.received(changed);
        t.received(down(f, named(t, "known-unicast-reverse"), eTag(1, 0)));
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.values().get("etag.known-unicast").contains("the frame inside changed"));
    }

    @Test
    void aPeerThatForwardsOnlyOneDirectionIsPartial() {
        Format f = Format.ETAG;
        PortExtensionTable t = sentAll(f, false);
        t.received(down(f, named(t, "known-unicast"), eTag(2, 0)));
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.FAIL, o.verdict());
        assertEquals("E-Tag: partial: not forwarded known-unicast-reverse", o.summary());
    }

    @Test
    void bothFormatsOnOnePortPassWhenOnePassesAndNoneFails() {
        ProbeOutcome pass = new ProbeOutcome(Verdict.PASS, "E-Tag: ok", Map.of("etag.x", "1"));
        ProbeOutcome none = new ProbeOutcome(Verdict.NOT_SUPPORTED, "VN-Tag: nothing", Map.of("vntag.x", "2"));
        ProbeOutcome fail = new ProbeOutcome(Verdict.FAIL, "VN-Tag: bad", Map.of());
        ProbeOutcome both = PortExtensionTable.combine(List.of(pass, none), Map.of("ecids", "[1, 2]"));
        assertEquals(Verdict.PASS, both.verdict());
        assertEquals("E-Tag: ok | VN-Tag: nothing", both.summary());
        assertEquals(List.of("ecids", "etag.x", "vntag.x"), List.copyOf(both.values().keySet()));
        assertEquals(Verdict.FAIL, PortExtensionTable.combine(List.of(pass, fail), Map.of()).verdict());
        assertEquals(Verdict.FAIL, PortExtensionTable.combine(List.of(fail, pass), Map.of()).verdict());
        assertEquals(Verdict.NOT_SUPPORTED, PortExtensionTable.combine(List.of(none, none), Map.of()).verdict());
    }

    @Test
    void theOperatorsEcidsAndFormatAreCheckedWithReasons() {
        assertNull(PortExtensionTable.problem(ECIDS, "both"));
        assertEquals("tag format 'qinq' is not etag, vntag or both", PortExtensionTable.problem(ECIDS, "qinq"));
        assertEquals("P12 needs 2..64 E-CIDs of the peer's cascade port (A and B first), not 1",
                PortExtensionTable.problem(List.of(5), "etag"));
        assertEquals("E-CID 0 is not within 1..4095", PortExtensionTable.problem(List.of(0, 1), "etag"));
        assertEquals("E-CID 4096 is not within 1..4095", PortExtensionTable.problem(List.of(1, 4096), "vntag"));
        assertEquals("E-CID 2 is named twice", PortExtensionTable.problem(List.of(2, 2), "etag"));
        assertEquals(4095, PortExtensionTable.outside(ECIDS));
        assertEquals(4093, PortExtensionTable.outside(List.of(4095, 4094)));
        assertEquals(List.of(Format.ETAG, Format.VNTAG), Format.parse(" Both "));
        assertNull(PortExtensionTable.problem(ECIDS, List.of(101, 102), "etag"));
        assertEquals("E-CID 2 is both on the kit's extender and behind the cascade",
                PortExtensionTable.problem(ECIDS, List.of(2), "etag"));
        assertEquals("E-CID 101 is named twice behind the cascade", PortExtensionTable.problem(ECIDS, List.of(101, 101), "etag"));
        assertEquals("cascaded E-CID 4096 is not within 1..4095", PortExtensionTable.problem(ECIDS, List.of(4096), "etag"));
        assertEquals("P12 takes at most 64 E-CIDs with the cascade's, not 65",
                PortExtensionTable.problem(ECIDS, java.util.stream.IntStream.rangeClosed(101, 162).boxed().toList(), "etag"));
    }

    private static PortExtensionTable cascadeSentAll(Format f, List<Integer> cascade) {
        PortExtensionTable t = new PortExtensionTable(f, ECIDS, cascade, NONCE);
        for (int i = 0; i < t.cases().size(); i++) {
            t.sent(i);
        }
        return t;
    }

    @Test
    void aCascadedHostIsReachedAndPrunedLikeTheOthers() {
        Format f = Format.ETAG;
        PortExtensionTable t = cascadeSentAll(f, List.of(101, 102));
        assertEquals(4095, t.outside());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
                t.cases().stream().map(c -> t.caseOf(c.frame())).toList(), "every case found by its marker");
        t.received(down(f, named(t, "known-unicast"), eTag(2, 0)));
        t.received(down(f, named(t, "known-unicast-reverse"), eTag(1, 0)));
        for (String flood : List.of("broadcast", "multicast")) {
            t.received(down(f, named(t, flood), eTag(0x1001, 1)));
        }
        t.received(down(f, named(t, "cascade-unicast-up"), eTag(1, 0)));
        t.received(down(f, named(t, "cascade-unicast-down"), eTag(101, 0)));
        t.received(down(f, named(t, "cascade-broadcast"), eTag(0x1001, 101)));
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("down once to E-CID 1", o.values().get("etag.cascade-unicast-up"));
        assertEquals("down once to E-CID 101", o.values().get("etag.cascade-unicast-down"));
        assertEquals("one copy to group E-CID 0x1001 pruning 101", o.values().get("etag.cascade-broadcast"));
    }

    @Test
    void aPeerThatForgetsTheCascadeFails() {
        Format f = Format.VNTAG;
        PortExtensionTable t = cascadeSentAll(f, List.of(101));
        t.received(down(f, named(t, "known-unicast"), VnTag.downstream(2)));
        t.received(down(f, named(t, "known-unicast-reverse"), VnTag.downstream(1)));
        for (String flood : List.of("broadcast", "multicast")) { // per vif, but not to the cascaded one
            t.received(down(f, named(t, flood), VnTag.downstream(2)));
            t.received(down(f, named(t, flood), VnTag.downstream(3)));
        }
        t.received(down(f, named(t, "cascade-unicast-up"), VnTag.downstream(1)));
        // C's broadcast sent back down to C itself: no source pruning
        t.received(down(f, named(t, "cascade-broadcast"), VnTag.downstream(101)));
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.FAIL, o.verdict(), o.summary());
        assertTrue(o.values().get("vntag.broadcast").startsWith("not replicated to vif [101]"), o.values().get("vntag.broadcast"));
        assertTrue(o.values().get("vntag.cascade-broadcast").contains("sent down to its source vif 101 (no source pruning)"),
                o.values().get("vntag.cascade-broadcast"));
        assertEquals("not forwarded", o.values().get("vntag.cascade-unicast-down"));
    }

    @Test
    void framesOfAnotherRunEveryTruncationAndGarbageAreIgnoredNeverThrown() {
        PortExtensionTable t = sentAll(Format.ETAG, true);
        PortExtensionTable other = new PortExtensionTable(Format.ETAG, ECIDS, NONCE + 1);
        assertNull(t.received(other.cases().get(1).frame()));
        byte[] valid = down(Format.ETAG, named(t, "known-unicast"), eTag(2, 0));
        for (int n = 0; n < valid.length; n++) {
            t.received(Arrays.copyOf(valid, n));
        }
        for (Format f : Format.values()) {
            byte[] cut = Arrays.copyOf(named(t, "broadcast").frame(), 16);
            assertTrue(PortExtensionTable.describe(f, cut).startsWith("malformed tag"), PortExtensionTable.describe(f, cut));
        }
        assertNull(PortExtensionTable.portExtensionTlv(new byte[5]));
        assertNull(PortExtensionTable.portExtensionTlv(Arrays.copyOf(Peers.peerLldpdu(0x0180_C200_000EL, 120), 20)));
        t.conclude();
    }

    @Test
    void thePortExtensionTlvIsFoundInThePeersLldpdu() {
        byte[] lldp = Peers.peerLldpdu(0x0180_C200_000EL, 120,
                new OrgTlv(OrgTlv.OUI_IEEE_8021, LldpInventory.PORT_EXTENSION_SUBTYPE, new byte[] {0x01, 0x02}).toTlv());
        assertEquals("0080c20f0102", PortExtensionTable.portExtensionTlv(lldp));
        assertNull(PortExtensionTable.portExtensionTlv(Peers.peerLldpdu(0x0180_C200_000EL, 120)));
    }
}
