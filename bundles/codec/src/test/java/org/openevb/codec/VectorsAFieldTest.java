package org.openevb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.EthernetFrame;
import org.openevb.codec.ethernet.VlanTag;
import org.openevb.codec.ethernet.VnTag;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.codec.lldp.ChassisIdTlv;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.PortIdTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/** Fields of synthetic/evb-vectors-a.pcap against the reference's table of these 19 frames. */
class VectorsAFieldTest {

    static final long DST = MacAddress.parse("02:00:00:00:00:02");
    static final long SRC = MacAddress.parse("02:00:00:00:00:01");
    static final String UUID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    static EthernetFrame frame(int n) throws CodecException {
        byte[] b = Vectors.frame(Vectors.A, n);
        return EthernetFrame.decode(b, 0, b.length);
    }

    static Lldpdu lldp(int n) throws CodecException {
        EthernetFrame f = frame(n);
        assertEquals(EtherType.LLDP, f.etherType());
        byte[] p = f.payload();
        return Lldpdu.decode(p, 0, p.length);
    }

    static EcpPdu ecp(int n) throws CodecException {
        EthernetFrame f = frame(n);
        assertEquals(EtherType.ECP, f.etherType());
        byte[] p = f.payload();
        return EcpPdu.decode(p, 0, p.length);
    }

    static VdpPdu vdp(EcpPdu e) throws CodecException {
        byte[] p = e.payload();
        return VdpPdu.decode(p, 0, p.length);
    }

    @Test
    void frame1CTag() throws Exception {
        EthernetFrame f = frame(1);
        assertEquals(DST, f.destination());
        assertEquals(SRC, f.source());
        assertEquals(List.of(VlanTag.cTag(5, false, 100)), f.tags());
        assertEquals(EtherType.IPV4, f.etherType());
        assertEquals(60 - 18, f.payloadLength());
    }

    @Test
    void frame2SAndCTags() throws Exception {
        EthernetFrame f = frame(2);
        assertEquals(List.of(VlanTag.sTag(3, false, 10), VlanTag.cTag(0, false, 100)), f.tags());
        assertEquals(EtherType.IPV4, f.etherType());
    }

    @Test
    void frame3DefaultSChannel() throws Exception {
        EthernetFrame f = frame(3);
        assertEquals(List.of(VlanTag.sTag(0, false, 1)), f.tags());
        assertEquals(EtherType.IPV4, f.etherType());
    }

    @Test
    void frames4And5VnTag() throws Exception {
        assertEquals(List.of(new VnTag(true, false, 5, false, false, 0, 10)), frame(4).tags());
        assertEquals(EtherType.IPV4, frame(4).etherType());
        EthernetFrame f5 = frame(5);
        assertEquals(MacAddress.BROADCAST, f5.destination());
        VnTag t = (VnTag) f5.tags().get(0);
        assertFalse(t.direction());
        assertTrue(t.pointer());
        assertEquals(0x123, t.dvif());
        assertTrue(t.looped());
        assertEquals(7, t.svif());
        assertEquals(EtherType.ARP, f5.etherType());
    }

    @Test
    void frames6To8ETag() throws Exception {
        ETag t6 = (ETag) frame(6).tags().get(0);
        assertEquals(3, t6.pcp());
        assertEquals(0, t6.ingressEcidBase());
        assertEquals(0, t6.grp());
        assertEquals(11, t6.ecidBase());
        assertEquals(11, t6.ecid());
        assertFalse(t6.isMulticast());
        assertEquals(ETag.downstream(3, false, 11, 0), t6);

        EthernetFrame f7 = frame(7);
        assertEquals(MacAddress.BROADCAST, f7.destination());
        ETag t7 = (ETag) f7.tags().get(0);
        assertEquals(11, t7.ingressEcidBase());
        assertEquals(1, t7.grp());
        assertEquals(0x234, t7.ecidBase());
        assertEquals(0x1234, t7.ecid());
        assertTrue(t7.isMulticast());
        assertEquals(ETag.downstream(3, false, 0x1234, 11), t7);

        EthernetFrame f8 = frame(8);
        assertEquals(List.of(new ETag(0, false, 5, 0, 0, 0, 0, 0), VlanTag.cTag(0, false, 100)), f8.tags());
        assertEquals(EtherType.IPV4, f8.etherType());
    }

    @Test
    void frame9EvbBridge() throws Exception {
        Lldpdu du = lldp(9);
        assertEquals(MacAddress.NEAREST_CUSTOMER_BRIDGE, frame(9).destination());
        ChassisIdTlv chassis = du.chassisId().orElseThrow();
        assertEquals(ChassisIdTlv.INTERFACE_NAME, chassis.subtype());
        assertEquals("dummy\0", chassis.idAsString());
        assertEquals("hex 64 75 6d 6d 79 00", chassis.idText(), "a NUL is not text: shown in hex");
        PortIdTlv port = du.portId().orElseThrow();
        assertEquals(PortIdTlv.INTERFACE_NAME, port.subtype());
        assertEquals("eth0", port.idAsString());
        assertEquals("eth0", port.idText());
        assertEquals(120, du.ttl().orElseThrow().seconds());
        assertTrue(du.hasEnd());
        assertArrayEquals(new byte[60 - 14 - 33], du.padding());

        EvbTlv evb = du.evb().orElseThrow();
        assertFalse(evb.bgid());
        assertTrue(evb.rrcap());
        assertFalse(evb.rrctr());
        assertFalse(evb.sgid());
        assertFalse(evb.rrreq());
        assertEquals(0, evb.rrstat());
        assertEquals(3, evb.r());
        assertEquals(14, evb.rte());
        assertEquals(EvbTlv.BRIDGE, evb.evbMode());
        assertFalse(evb.rolRwd());
        assertEquals(20, evb.rwd());
        assertFalse(evb.rolRka());
        assertEquals(20, evb.rka());
        assertEquals("02006e5414", Vectors.hex(evb.info()));
    }

    @Test
    void frame10EvbStationReply() throws Exception {
        // lldpad's reply in its ecp22/4 test: its own R=3, RTE=8, RWD=8, RKA=8.
        EvbTlv evb = lldp(10).evb().orElseThrow();
        assertTrue(evb.rrcap());
        assertTrue(evb.rrctr());
        assertFalse(evb.bgid());
        assertTrue(evb.rrreq());
        assertFalse(evb.sgid());
        assertEquals(EvbTlv.RRSTAT_YES, evb.rrstat());
        assertEquals(3, evb.r());
        assertEquals(8, evb.rte());
        assertEquals(EvbTlv.STATION, evb.evbMode());
        assertEquals(8, evb.rwd());
        assertEquals(8, evb.rka());
        assertFalse(evb.rolRwd());
        assertFalse(evb.rolRka());
    }

    @Test
    void frames11And12Cdcp() throws Exception {
        assertEquals(MacAddress.NEAREST_NON_TPMR_BRIDGE, frame(11).destination());
        CdcpTlv s = lldp(11).cdcp().orElseThrow();
        assertEquals(CdcpTlv.ROLE_STATION, s.role());
        assertTrue(s.sComp());
        assertEquals(4, s.chnCap());
        assertEquals(List.of(new ChannelPair(1, 1), new ChannelPair(2, 0), new ChannelPair(3, 0)), s.pairs());

        CdcpTlv b = lldp(12).cdcp().orElseThrow();
        assertEquals(CdcpTlv.ROLE_BRIDGE, b.role());
        assertTrue(b.sComp());
        assertEquals(167, b.chnCap());
        assertEquals(List.of(new ChannelPair(1, 1), new ChannelPair(2, 100), new ChannelPair(3, 101)), b.pairs());
    }

    @Test
    void frame13PreStandardEvb() throws Exception {
        assertEquals(MacAddress.NEAREST_BRIDGE, frame(13).destination());
        PreStandardEvbTlv t = lldp(13).preStandardEvb().orElseThrow();
        assertEquals(PreStandardEvbTlv.RR, t.supportedMode());
        assertEquals(PreStandardEvbTlv.RTE | PreStandardEvbTlv.ECP | PreStandardEvbTlv.VDP, t.supportedCapabilities());
        assertEquals(PreStandardEvbTlv.RR, t.configuredMode());
        assertEquals(7, t.configuredCapabilities());
        assertEquals(3295, t.supportedVsis());
        assertEquals(0, t.configuredVsis());
        assertEquals(15, t.rte());
    }

    @Test
    void frame14EcpVdpAssociate() throws Exception {
        assertEquals(MacAddress.NEAREST_CUSTOMER_BRIDGE, frame(14).destination());
        EcpPdu e = ecp(14);
        assertEquals(1, e.version());
        assertEquals(EcpPdu.OP_REQUEST, e.op());
        assertEquals(EcpPdu.SUBTYPE_VDP, e.subtype());
        assertEquals(0x1227, e.sequence());
        VdpPdu v = vdp(e);
        assertEquals(2, v.tlvs().size());
        assertEquals(0, v.trailer().length);
        assertEquals("00000000000000000000000000000001", Vectors.hex(v.managerId().orElseThrow().id()));
        VsiTlv vsi = v.vsi().orElseThrow();
        assertEquals(VdpTlv.ASSOCIATE, vsi.type());
        assertEquals(0, vsi.status());
        assertFalse(vsi.isResponse());
        assertEquals(1, vsi.typeId());
        assertEquals(1, vsi.typeVersion());
        assertEquals(VsiTlv.VSIID_UUID, vsi.vsiidFormat());
        assertEquals(UUID, Vectors.hex(vsi.vsiid()));
        assertEquals(java.util.UUID.fromString("a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90"), vsi.vsiidAsUuid());
        assertEquals(VsiTlv.FILTER_MAC_VID, vsi.filterFormat());
        assertEquals(List.of(FilterEntry.ofMacVid(MacAddress.parse("02:00:00:00:00:10"), 10)), vsi.entries());
        assertEquals(33, vsi.valueLength());
    }

    @Test
    void frame15EcpAck() throws Exception {
        EthernetFrame f = frame(15);
        assertEquals(MacAddress.NEAREST_CUSTOMER_BRIDGE, f.destination());
        assertEquals(DST, f.source());
        EcpPdu e = ecp(15);
        assertTrue(e.isAck());
        assertEquals(0x1227, e.sequence());
        assertEquals(EcpPdu.SUBTYPE_VDP, e.subtype());
        assertEquals(42, e.payloadLength());
        VdpPdu v = vdp(e);
        assertTrue(v.tlvs().isEmpty());
        assertArrayEquals(new byte[42], v.trailer());
    }

    @Test
    void frame16AssociateResponse() throws Exception {
        EcpPdu e = ecp(16);
        assertEquals(0x0042, e.sequence());
        VsiTlv vsi = vdp(e).vsi().orElseThrow();
        assertEquals(VdpTlv.ASSOCIATE, vsi.type());
        assertEquals(0x40, vsi.status());
        assertTrue(vsi.isResponse());
        assertEquals(VsiTlv.SUCCESS, vsi.errorCode());
        assertFalse(vsi.keep());
        assertFalse(vsi.hardError());
    }

    @Test
    void frame17PreAssociateVidFilter() throws Exception {
        EcpPdu e = ecp(17);
        assertEquals(2, e.sequence());
        VsiTlv vsi = vdp(e).vsi().orElseThrow();
        assertEquals(VdpTlv.PRE_ASSOCIATE, vsi.type());
        assertEquals(27, vsi.valueLength());
        assertEquals(2, vsi.typeId());
        assertEquals(1, vsi.typeVersion());
        assertEquals(VsiTlv.FILTER_VID, vsi.filterFormat());
        assertEquals(List.of(FilterEntry.ofVid(true, 5, 20)), vsi.entries());
    }

    @Test
    void frame18DeAssociateKeepError4() throws Exception {
        EcpPdu e = ecp(18);
        assertEquals(0x43, e.sequence());
        VsiTlv vsi = vdp(e).vsi().orElseThrow();
        assertEquals(VdpTlv.DE_ASSOCIATE, vsi.type());
        assertEquals(0x64, vsi.status());
        assertTrue(vsi.isResponse());
        assertTrue(vsi.keep());
        assertFalse(vsi.hardError());
        assertEquals(VsiTlv.OTHER_FAILURE, vsi.errorCode());
    }

    @Test
    void frame19PreStandardEcp() throws Exception {
        EthernetFrame f = frame(19);
        assertEquals(MacAddress.NEAREST_BRIDGE, f.destination());
        assertEquals(EtherType.ECP_PRESTANDARD, f.etherType());
        assertTrue(Vectors.hex(f.payload()).startsWith("001b3f0000"));
    }
}
