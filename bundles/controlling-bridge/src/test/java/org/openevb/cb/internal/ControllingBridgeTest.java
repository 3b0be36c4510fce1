package org.openevb.cb.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.cb.internal.ExtensionLab.BCAST;
import static org.openevb.cb.internal.ExtensionLab.frame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.extension.ExtendedPortView;
import org.openevb.api.extension.ExtensionDropReason;
import org.openevb.api.extension.ExtensionStatus;
import org.openevb.api.extension.ReplicationGroupView;
import org.openevb.api.port.PortTap;
import org.openevb.extender.internal.ExtenderComponent;

/**
 * Hosts behind port extenders, a controlling bridge on the cascade links, and the 802.1Q bridge
 * switching its extended ports: tags on the cascade link byte for byte, replication with source
 * pruning, cascaded extenders, both tag formats.
 */
class ControllingBridgeTest {

    static final String H1 = "02:00:00:00:00:01";
    static final String H2 = "02:00:00:00:00:02";
    static final String H3 = "02:00:00:00:00:03";
    static final String H4 = "02:00:00:00:00:04";
    static final String H5 = "02:00:00:00:00:05";
    static final String H6 = "02:00:00:00:00:06";

    private ExtensionLab lab;

    @BeforeEach
    void setUp() {
        lab = new ExtensionLab();
    }

    @AfterEach
    void tearDown() {
        lab.close();
    }

    /** One extender with three hosts on cascade cb-c1, a bridge over its extended ports. */
    private CbComponent oneExtender(String format, boolean groups) throws Exception {
        lab.hosts("h1", "h2", "h3");
        lab.link("pe-up", "cb-c1");
        boolean etag = format.equals("etag");
        String group = etag ? "0x1001" : "7";
        lab.extender("name", "pe1", "format", format, "upstream", "pe-up", "ports", "h1: 1, h2: 2, h3: 3",
                "groups", groups ? group + ": h1 h2 h3" : "");
        CbComponent cb = lab.cb("name", "cb1", "cascades", "cb-c1: " + format, "extended.ports", "cb-c1: 1-3",
                "groups", groups ? "cb-c1/" + group + ": 1-3" : "");
        assertEquals(ExtensionStatus.UP, cb.status(), cb.reason());
        String p = etag ? "cb-c1.e" : "cb-c1.v";
        var br = lab.bridge("name", "cbbr", "ports", p + "1, " + p + "2, " + p + "3", "port." + p + "1.vlans", "10",
                "port." + p + "2.vlans", "10", "port." + p + "3.vlans", "10");
        assertEquals(BridgeStatus.FORWARDING, br.status(), br.reason());
        ExtensionLab.await("bridge ports UP", () -> br.ports().stream().allMatch(x -> x.state().equals("UP")));
        return cb;
    }

    @Test
    void eTagUpCarriesTheSourceAndDownTheDestinationOrTheGroupWithTheSourceToPrune() throws Exception {
        CbComponent cb = oneExtender("etag", true);
        List<String> up = lab.tap("cb-c1", PortTap.Direction.IN);
        List<String> down = lab.tap("cb-c1", PortTap.Direction.OUT);

        byte[] bcast = frame(BCAST, H1, "88b5cafe");
        lab.inject("h1", bcast);
        assertEquals(List.of("893f" + "0000" + "0001" + "0000" + "88b5"), tags(up, 8), "up: E-CID 1, GRP 0, Ingress 0");
        assertEquals(List.of("893f" + "0001" + "1001" + "0000" + "88b5"), tags(down, 8),
                "down: one copy, group E-CID 0x1001 (GRP 1), Ingress_E-CID 1 to prune");
        assertArrayEquals(bcast, only(lab.sent("h2")));
        assertArrayEquals(bcast, only(lab.sent("h3")));
        assertEquals(0, lab.sent("h1").size(), "never back to its source");

        up.clear();
        down.clear();
        byte[] toH1 = frame(H1, H2, "0800450000");
        lab.inject("h2", toH1);
        assertEquals(List.of("893f" + "0000" + "0002" + "0000" + "0800"), tags(up, 8));
        assertEquals(List.of("893f" + "0000" + "0001" + "0000" + "0800"), tags(down, 8), "down: E-CID of h1");
        assertArrayEquals(toH1, only(lab.sent("h1")), "delivered untagged, byte for byte");
        assertEquals(0, lab.sent("h3").size() + lab.sent("h2").size());

        // priority: a C-tagged frame's PCP and DEI become E-PCP and E-DEI, both ways (VLAN 10:
        // nothing learned there yet, so it floods as one group copy)
        up.clear();
        down.clear();
        lab.inject("h1", frame(H2, H1, "8100b00a0800"));
        assertEquals(List.of("893f" + "b000" + "0001" + "0000" + "8100"), tags(up, 8), "E-PCP 5, E-DEI 1");
        assertEquals(List.of("893f" + "b001" + "1001" + "0000" + "8100"), tags(down, 8));
        assertEquals("8100b00a", ExtensionLab.HEX.formatHex(only(lab.sent("h2")), 12, 16));
        assertEquals(1, lab.sent("h3").size());
        up.clear();
        down.clear();
        lab.inject("h2", frame(H1, H2, "8100600a0800"));
        assertEquals(List.of("893f" + "6000" + "0002" + "0000" + "8100"), tags(up, 8), "E-PCP 3");
        assertEquals(List.of("893f" + "6000" + "0001" + "0000" + "8100"), tags(down, 8), "unicast keeps E-PCP 3");
        assertEquals(1, lab.sent("h1").size());

        ReplicationGroupView g = cb.groups().get(0);
        assertEquals(0x1001, g.id());
        assertEquals(2, g.frames());
        assertEquals(2, g.pruned());
        ExtendedPortView e1 = cb.extendedPorts().get(0);
        assertEquals("cb-c1.e1", e1.name());
        assertEquals(2, e1.rxFrames());
        assertEquals(2, e1.txFrames());
        ExtendedPortView e3 = cb.extendedPorts().get(2);
        assertEquals(2, e3.txFrames(), "a replicated copy counts on every port it stood for");
        ExtenderComponent pe = (ExtenderComponent) lab.extenders.extender("pe1").orElseThrow();
        assertEquals(2, pe.ports().get(0).pruned(), "h1 pruned twice");
        assertEquals(0L, pe.drops().total());
    }

    @Test
    void vnTagUpCarriesTheSourceVifAndDownTheDestinationOrTheListWithLoopedSource() throws Exception {
        oneExtender("vntag", true);
        List<String> up = lab.tap("cb-c1", PortTap.Direction.IN);
        List<String> down = lab.tap("cb-c1", PortTap.Direction.OUT);
        byte[] bcast = frame(BCAST, H1, "88b5cafe");
        lab.inject("h1", bcast);
        assertEquals(List.of("8926" + "00000001" + "88b5"), tags(up, 6), "d=0, svif 1");
        assertEquals(List.of("8926" + "c0078001" + "88b5"), tags(down, 6), "d=1, p=1, list 7, looped, svif 1");
        assertArrayEquals(bcast, only(lab.sent("h2")));
        assertArrayEquals(bcast, only(lab.sent("h3")));
        assertEquals(0, lab.sent("h1").size());
        up.clear();
        down.clear();
        byte[] toH1 = frame(H1, H3, "0800450000");
        lab.inject("h3", toH1);
        assertEquals(List.of("8926" + "00000003" + "0800"), tags(up, 6));
        assertEquals(List.of("8926" + "80010000" + "0800"), tags(down, 6), "d=1, p=0, dvif 1");
        assertArrayEquals(toH1, only(lab.sent("h1")));
    }

    @Test
    void withoutAMatchingGroupTheControllingBridgeSendsOneCopyPerExtendedPort() throws Exception {
        oneExtender("etag", false);
        List<String> down = lab.tap("cb-c1", PortTap.Direction.OUT);
        lab.inject("h1", frame(BCAST, H1, "88b5"));
        assertEquals(List.of("893f00000002000088b5", "893f00000003000088b5"), tags(down, 8));
        assertEquals(1, lab.sent("h2").size());
        assertEquals(1, lab.sent("h3").size());
        assertEquals(0, lab.sent("h1").size());
    }

    @Test
    void cascadedExtenderAndASecondCascadeInTheOtherFormat() throws Exception {
        lab.hosts("h1", "h2", "h3", "h4", "h5", "h6");
        lab.link("pe1-up", "cb-c1");
        lab.link("pe1-c", "pe2-up");
        lab.link("pe3-up", "cb-c2");
        lab.extender("name", "pe1", "upstream", "pe1-up", "ports", "h1: 1, h2: 2", "cascades", "pe1-c: 100-199",
                "groups", "0x1001: h1 h2 pe1-c");
        lab.extender("name", "pe2", "upstream", "pe2-up", "ports", "h3: 101, h4: 102", "groups", "0x1001: h3 h4");
        lab.extender("name", "pe3", "format", "vntag", "upstream", "pe3-up", "ports", "h5: 1, h6: 2", "groups", "7: h5 h6");
        CbComponent cb = lab.cb("name", "cb1", "cascades", "cb-c1: etag, cb-c2: vntag",
                "extended.ports", "cb-c1: 1 2 101 102, cb-c2: 1-2", "groups", "cb-c1/0x1001: 1 2 101-102, cb-c2/7: 1 2");
        assertEquals(ExtensionStatus.UP, cb.status(), cb.reason());
        lab.bridge("name", "cbbr", "ports", "cb-c1.e1, cb-c1.e2, cb-c1.e101, cb-c1.e102, cb-c2.v1, cb-c2.v2");
        List<String> down1 = lab.tap("cb-c1", PortTap.Direction.OUT);
        List<String> down2 = lab.tap("cb-c2", PortTap.Direction.OUT);
        List<String> up1 = lab.tap("cb-c1", PortTap.Direction.IN);

        lab.inject("h3", frame(BCAST, H3, "88b5"));
        assertEquals(List.of("893f00000065000088b5"), tags(up1, 8), "h3's E-CID 101 passed up unchanged by pe1");
        assertEquals(List.of("893f00651001000088b5"), tags(down1, 8), "one copy, Ingress_E-CID 101");
        assertEquals(List.of("8926c007000088b5"), tags(down2, 6), "one copy, not looped: the source is elsewhere");
        Map<String, Integer> got = received("h1", "h2", "h3", "h4", "h5", "h6");
        assertEquals(Map.of("h1", 1, "h2", 1, "h3", 0, "h4", 1, "h5", 1, "h6", 1), got);

        lab.inject("h5", frame(BCAST, H5, "88b5"));
        assertEquals(Map.of("h1", 1, "h2", 1, "h3", 1, "h4", 1, "h5", 0, "h6", 1), received("h1", "h2", "h3", "h4", "h5", "h6"));

        byte[] toH3 = frame(H3, H1, "0800");
        lab.inject("h1", toH3);
        assertArrayEquals(toH3, only(lab.sent("h3")), "unicast to the cascaded extender's host");
        byte[] toH5 = frame(H5, H4, "0800");
        lab.inject("h4", toH5);
        assertArrayEquals(toH5, only(lab.sent("h5")), "E-Tag host to VN-Tag host");
        assertEquals(Map.of("h1", 0, "h2", 0, "h3", 0, "h4", 0, "h5", 0, "h6", 0), received("h1", "h2", "h3", "h4", "h5", "h6"));
    }

    @Test
    void aHostPortSwitchesBetweenExtenderAndVebAtRunTime() throws Exception {
        lab.hosts("h1", "h2");
        lab.link("pe-up", "cb-c1");
        lab.link("srv-up", "cb-plain");
        ExtenderComponent pe = lab.extender("name", "pe1", "upstream", "pe-up", "ports", "h1: 1, h2: 2");
        lab.cb("name", "cb1", "cascades", "cb-c1: etag", "extended.ports", "cb-c1: 1-2");
        lab.bridge("name", "cbbr", "ports", "cb-c1.e1, cb-c1.e2, cb-plain");
        List<String> up = lab.tap("cb-c1", PortTap.Direction.IN);
        List<String> plain = lab.tap("cb-plain", PortTap.Direction.IN);

        lab.inject("h2", frame(H1, H2, "0800"));
        assertEquals(1, lab.sent("h1").size());
        assertEquals(List.of("893f00000002000008 00".replace(" ", "")), tags(up, 8));

        pe.modified(ExtensionLab.extenderConfig("name", "pe1", "upstream", "pe-up", "ports", "h1: 1"), Map.of());
        var veb = lab.bridge("name", "veb", "mode", "veb", "ports", "srv-up, h2", "uplink", "srv-up");
        up.clear();
        lab.inject("h2", frame(H1, H2, "0800"));
        assertEquals(1, lab.sent("h1").size(), "h2 reaches h1 through the VEB uplink now");
        assertEquals(0, up.size(), "nothing of h2 on the cascade link");
        assertEquals(1, plain.size());
        lab.inject("h1", frame(H2, H1, "0800"));
        assertEquals(1, lab.sent("h2").size(), "and back down through the VEB");

        veb.deactivate();
        pe.modified(ExtensionLab.extenderConfig("name", "pe1", "upstream", "pe-up", "ports", "h1: 1, h2: 2"), Map.of());
        up.clear();
        lab.inject("h2", frame(H1, H2, "0800"));
        assertEquals(1, lab.sent("h1").size());
        assertEquals(List.of("893f000000020000" + "0800"), tags(up, 8), "extended again: E-CID 2 on the cascade");
    }

    @Test
    void movingAHostPortEndsTheSameInEitherOrderOfTheTwoEdits() throws Exception {
        lab.hosts("h1", "h2");
        lab.link("pe-up", "cb-c1");
        lab.link("srv-up", "cb-plain");
        ExtenderComponent pe = lab.extender("name", "pe1", "upstream", "pe-up", "ports", "h1: 1, h2: 2");
        lab.cb("name", "cb1", "cascades", "cb-c1: etag", "extended.ports", "cb-c1: 1-2");
        lab.bridge("name", "cbbr", "ports", "cb-c1.e1, cb-c1.e2, cb-plain");
        List<String> up = lab.tap("cb-c1", PortTap.Direction.IN);

        // the VEB first, while the extender still has h2: its claim waits, nothing is taken away
        var veb = lab.bridge("name", "veb", "mode", "veb", "ports", "srv-up, h2", "uplink", "srv-up");
        assertEquals("HELD BY extender 'pe1'", veb.ports().get(1).state());
        assertEquals("extender 'pe1'", lab.portNamed("h2").owner());
        lab.inject("h2", frame(H1, H2, "0800"));
        assertEquals(List.of("893f000000020000" + "0800"), tags(up, 8), "still an extended port");
        assertEquals(1, lab.sent("h1").size());

        // then the extender lets go of h2: the waiting VEB gets it
        pe.modified(ExtensionLab.extenderConfig("name", "pe1", "upstream", "pe-up", "ports", "h1: 1"), Map.of());
        assertEquals("bridge 'veb'", lab.portNamed("h2").owner());
        assertEquals("UP", veb.ports().get(1).state());
        up.clear();
        lab.inject("h2", frame(H1, H2, "0800"));
        assertEquals(1, lab.sent("h1").size(), "h2 reaches h1 through the VEB uplink, as in the other order");
        assertEquals(0, up.size());

        // and back, again in the other order: the extender asks first and waits for the VEB to go
        pe.modified(ExtensionLab.extenderConfig("name", "pe1", "upstream", "pe-up", "ports", "h1: 1, h2: 2"), Map.of());
        assertEquals("bridge 'veb'", lab.portNamed("h2").owner());
        veb.deactivate();
        assertEquals("extender 'pe1'", lab.portNamed("h2").owner());
        lab.inject("h2", frame(H1, H2, "0800"));
        assertEquals(List.of("893f000000020000" + "0800"), tags(up, 8), "extended again: E-CID 2 on the cascade");
        assertEquals(0, lab.portNamed("h2").counters().drops(org.openevb.api.port.DropReason.RX_UNATTACHED),
                "no frame of h2 found no owner on the way");
    }

    @Test
    void badConfigurationNamesTheKeyAndPublishesNothing() throws Exception {
        lab.link("pe-up", "cb-c1");
        CbComponent cb = lab.cb("name", "cb1", "cascades", "cb-c1: etag", "extended.ports", "cb-c1: 1-3 5000",
                "groups", "cb-c1/0x0010: 1 2");
        assertEquals(ExtensionStatus.ERROR, cb.status());
        assertTrue(cb.reason().contains("extended.ports: 'cb-c1': '5000' is not in 1..4095"), cb.reason());
        assertTrue(cb.reason().contains("groups: 'cb-c1/0x0010'") && cb.reason().contains("GRP not 0"), cb.reason());
        assertEquals(0, lab.bridges.bridges().size());
        assertTrue(cb.extendedPorts().stream().allMatch(p -> p.state().equals("MISSING")));

        cb.modified(ExtensionLab.cbConfig("name", "cb1", "cascades", "cb-c1: etag", "extended.ports", "cb-c1: 1-3"), Map.of());
        lab.settle(cb);
        assertEquals(ExtensionStatus.UP, cb.status(), cb.reason());

        CbComponent other = lab.cb("name", "cb2", "cascades", "cb-c1: vntag", "extended.ports", "cb-c1: 1");
        assertEquals(ExtensionStatus.ERROR, other.status());
        assertTrue(other.reason().contains("cascades: 'cb-c1' already belongs to controlling bridge 'cb1'"), other.reason());

        CbComponent waiting = lab.cb("name", "cb3", "cascades", "nowhere: etag", "extended.ports", "nowhere: 1");
        assertEquals(ExtensionStatus.DEGRADED, waiting.status());
        assertTrue(waiting.reason().contains("'nowhere'"), waiting.reason());
    }

    @Test
    void framesThatAreNotForTheCascadeAreDroppedAndCounted() throws Exception {
        CbComponent cb = oneExtender("etag", true);
        lab.inject("cb-c1", frame(BCAST, H1, "88b5"));
        lab.inject("cb-c1", frame(BCAST, H1, "8926000000010800"));
        lab.inject("cb-c1", frame(BCAST, H1, "893f000010010000 0800".replace(" ", "")));
        lab.inject("cb-c1", frame(BCAST, H1, "893f000000090000 0800".replace(" ", "")));
        lab.inject("cb-c1", HEX("ffffffffffff020000000001893f0000"));
        var drops = cb.cascades().get(0).dropsByReason();
        assertEquals(1, drops.get(ExtensionDropReason.UNTAGGED));
        assertEquals(1, drops.get(ExtensionDropReason.WRONG_FORMAT));
        assertEquals(1, drops.get(ExtensionDropReason.WRONG_DIRECTION));
        assertEquals(1, drops.get(ExtensionDropReason.UNKNOWN_ECID));
        assertEquals(1, drops.get(ExtensionDropReason.MALFORMED));
        assertEquals(0, lab.sent("h1").size() + lab.sent("h2").size() + lab.sent("h3").size());
    }

    @Test
    void aTagCutShortOnACascadeIsMalformedWhateverItsKind() throws Exception {
        CbComponent cb = oneExtender("etag", true);
        String macs = "ffffffffffff020000000001";
        // each cut in the type field after its tag
        lab.inject("cb-c1", HEX(macs + "893f000000010000" + "08"));
        lab.inject("cb-c1", HEX(macs + "892600000001" + "08"));
        lab.inject("cb-c1", HEX(macs + "8100000a" + "08"));
        var drops = cb.cascades().get(0).dropsByReason();
        assertEquals(3, drops.get(ExtensionDropReason.MALFORMED));
        assertEquals(0, drops.get(ExtensionDropReason.WRONG_FORMAT) + drops.get(ExtensionDropReason.UNTAGGED));
        assertEquals(0, lab.sent("h1").size() + lab.sent("h2").size() + lab.sent("h3").size());
    }

    private static byte[] HEX(String hex) {
        return ExtensionLab.HEX.parseHex(hex);
    }

    private Map<String, Integer> received(String... hosts) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (String h : hosts) {
            out.put(h, lab.sent(h).size());
        }
        return out;
    }

    /** The tag and the type after it, of each frame: {@code tagLength + 2} bytes from offset 12. */
    private static List<String> tags(List<String> frames, int tagLength) {
        return frames.stream().map(f -> f.substring(24, 24 + 2 * (tagLength + 2))).toList();
    }

    private static byte[] only(List<byte[]> frames) {
        assertEquals(1, frames.size(), "exactly one frame");
        return frames.get(0);
    }
}
