package org.openevb.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.EthernetFrame;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ethernet.VlanTag;
import org.openevb.codec.ethernet.VnTag;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.PreStandardEvbTlv;

/** Fields of synthetic/evb-vectors-b.pcap against the table in the vectors README. */
class VectorsBFieldTest {

    static final long STATION = MacAddress.parse("02:00:00:00:50:01");
    static final long BRIDGE = MacAddress.parse("02:00:00:00:b0:01");

    static EthernetFrame frame(int n) throws CodecException {
        byte[] b = Vectors.frame(Vectors.B, n);
        return EthernetFrame.decode(b, 0, b.length);
    }

    static Lldpdu lldp(int n) throws CodecException {
        byte[] p = frame(n).payload();
        return Lldpdu.decode(p, 0, p.length);
    }

    @Test
    void frame1STagAndCTag() throws Exception {
        EthernetFrame f = frame(1);
        assertEquals(MacAddress.parse("02:00:00:00:0b:01"), f.destination());
        assertEquals(MacAddress.parse("02:00:00:00:0a:01"), f.source());
        assertEquals(List.of(VlanTag.sTag(3, false, 100), VlanTag.cTag(5, false, 10)), f.tags());
        assertEquals(EtherType.IPV4, f.etherType());
    }

    @Test
    void frame2STagOnly() throws Exception {
        assertEquals(List.of(VlanTag.sTag(0, false, 2)), frame(2).tags());
        assertEquals(EtherType.IPV4, frame(2).etherType());
    }

    @Test
    void frame3LegacyQinQ() throws Exception {
        EthernetFrame f = frame(3);
        assertEquals(List.of(new VlanTag(EtherType.QINQ_LEGACY, 0, false, 100), VlanTag.cTag(0, false, 10)), f.tags());
        EthernetHeaderView v = new EthernetHeaderView();
        byte[] b = Vectors.frame(Vectors.B, 3);
        assertTrue(v.parse(b, 0, b.length));
        assertEquals(EtherType.QINQ_LEGACY, v.tagTpid(0));
        assertEquals(100, v.outerVid());
        assertEquals(EtherType.IPV4, v.etherType());
    }

    @Test
    void frame4DeiAndPriorityTag() throws Exception {
        EthernetFrame f = frame(4);
        VlanTag s = (VlanTag) f.tags().get(0);
        VlanTag c = (VlanTag) f.tags().get(1);
        assertEquals(EtherType.S_TAG, s.tpid());
        assertTrue(s.dei());
        assertEquals(4094, s.vid());
        assertEquals(1, s.pcp());
        assertEquals(EtherType.C_TAG, c.tpid());
        assertTrue(c.isPriorityTagged());
        assertEquals(6, c.pcp());
        assertFalse(c.dei());
    }

    @Test
    void frame5VnTag() throws Exception {
        EthernetFrame f = frame(5);
        assertEquals(List.of(new VnTag(true, false, 0x123, false, false, 0, 0x045)), f.tags());
        assertEquals(EtherType.IPV4, f.etherType());
    }

    @Test
    void frame6VnTagPointerLooped() throws Exception {
        EthernetFrame f = frame(6);
        assertEquals(62, f.encodedLength());
        assertTrue(MacAddress.isMulticast(f.destination()));
        VnTag t = (VnTag) f.tags().get(0);
        assertFalse(t.direction());
        assertTrue(t.pointer());
        assertEquals(0x2abc, t.dvif());
        assertTrue(t.looped());
        assertFalse(t.reserved());
        assertEquals(0, t.version());
        assertEquals(0x7ff, t.svif());
        assertEquals(VlanTag.cTag(0, false, 10), f.tags().get(1));
        assertEquals(EtherType.IPV4, f.etherType());
    }

    @Test
    void frame7ETag() throws Exception {
        ETag t = (ETag) frame(7).tags().get(0);
        assertEquals(3, t.pcp());
        assertEquals(0x012, t.ingressEcidBase());
        assertEquals(0, t.grp());
        assertEquals(0x034, t.ecidBase());
        assertEquals(0, t.ingressEcidExt());
        assertEquals(0, t.ecidExt());
        assertEquals(EtherType.IPV4, frame(7).etherType());
    }

    @Test
    void frame8ETagExtension() throws Exception {
        EthernetFrame f = frame(8);
        assertEquals(64, f.encodedLength());
        ETag t = (ETag) f.tags().get(0);
        assertEquals(1, t.grp());
        assertEquals(0x3ff, t.ecidBase());
        assertEquals(0x13ff, t.ecid());
        assertTrue(t.isMulticast());
        assertEquals(0x01, t.ecidExt());
        assertEquals(0, t.ingressEcidExt());
        assertEquals(0, t.ingressEcidBase());
        assertEquals(VlanTag.cTag(0, false, 10), f.tags().get(1));
        assertEquals(EtherType.IPV4, f.etherType());
    }

    @Test
    void frame9EvbBridge() throws Exception {
        Lldpdu du = lldp(9);
        assertEquals(BRIDGE, du.chassisId().orElseThrow().mac().getAsLong());
        assertEquals(BRIDGE, du.portId().orElseThrow().mac().getAsLong());
        EvbTlv e = du.evb().orElseThrow();
        assertEquals("03056e7434", Vectors.hex(e.info()));
        assertTrue(e.rrcap());
        assertTrue(e.rrctr());
        assertTrue(e.rrreq());
        assertEquals(EvbTlv.RRSTAT_YES, e.rrstat());
        assertEquals(3, e.r());
        assertEquals(14, e.rte());
        assertEquals(EvbTlv.BRIDGE, e.evbMode());
        assertEquals(20, e.rwd());
        assertEquals(20, e.rka());
        assertTrue(e.rolRwd());
        assertTrue(e.rolRka());
    }

    @Test
    void frame10EvbStation() throws Exception {
        Lldpdu du = lldp(10);
        assertEquals(STATION, du.chassisId().orElseThrow().mac().getAsLong());
        EvbTlv e = du.evb().orElseThrow();
        assertEquals("02046eb434", Vectors.hex(e.info()));
        assertTrue(e.rrreq());
        assertEquals(EvbTlv.RRSTAT_NO, e.rrstat());
        assertEquals(EvbTlv.STATION, e.evbMode());
        assertEquals(14, e.rte());
        assertEquals(20, e.rwd());
        assertEquals(20, e.rka());
    }

    @Test
    void frames11To13Cdcp() throws Exception {
        CdcpTlv s = lldp(11).cdcp().orElseThrow();
        assertEquals(CdcpTlv.ROLE_STATION, s.role());
        assertTrue(s.isStation());
        assertFalse(s.sComp());
        assertEquals(4, s.chnCap());
        assertEquals(List.of(new ChannelPair(1, 1), new ChannelPair(2, 0), new ChannelPair(3, 0)), s.pairs());

        CdcpTlv b = lldp(12).cdcp().orElseThrow();
        assertEquals(CdcpTlv.ROLE_BRIDGE, b.role());
        assertTrue(b.sComp());
        assertEquals(4, b.chnCap());
        assertEquals(List.of(new ChannelPair(1, 1), new ChannelPair(2, 101), new ChannelPair(3, 102)), b.pairs());

        Lldpdu both = lldp(13);
        assertEquals("02046eb434", Vectors.hex(both.evb().orElseThrow().info()));
        CdcpTlv c = both.cdcp().orElseThrow();
        assertEquals(CdcpTlv.ROLE_STATION, c.role());
        assertEquals(2, c.chnCap());
        assertEquals(List.of(new ChannelPair(1, 1), new ChannelPair(2, 0)), c.pairs());
        assertEquals("0000", Vectors.hex(both.trailer()));
    }

    @Test
    void frame14PreStandardEvb() throws Exception {
        assertEquals(MacAddress.NEAREST_BRIDGE, frame(14).destination());
        PreStandardEvbTlv t = lldp(14).preStandardEvb().orElseThrow();
        assertEquals(PreStandardEvbTlv.STD | PreStandardEvbTlv.RR, t.supportedMode());
        assertEquals(PreStandardEvbTlv.RTE | PreStandardEvbTlv.ECP | PreStandardEvbTlv.VDP, t.supportedCapabilities());
        assertEquals(PreStandardEvbTlv.RR, t.configuredMode());
        assertEquals(7, t.configuredCapabilities());
        assertEquals(32, t.supportedVsis());
        assertEquals(4, t.configuredVsis());
        assertEquals(20, t.rte());
    }
}
