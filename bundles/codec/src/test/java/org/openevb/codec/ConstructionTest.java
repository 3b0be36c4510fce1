package org.openevb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.EthernetFrame;
import org.openevb.codec.ethernet.Tag;
import org.openevb.codec.ethernet.VlanTag;
import org.openevb.codec.ethernet.VnTag;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.codec.lldp.ChassisIdTlv;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.PortIdTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;
import org.openevb.codec.lldp.TtlTlv;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.ManagerIdTlv;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/** Values built from their fields encode to the vector bytes. */
class ConstructionTest {

    static final long A_DST = MacAddress.parse("02:00:00:00:00:02");
    static final long A_SRC = MacAddress.parse("02:00:00:00:00:01");
    static final long B_DST = MacAddress.parse("02:00:00:00:0b:01");
    static final long B_SRC = MacAddress.parse("02:00:00:00:0a:01");
    static final byte[] UUID = Vectors.hex("a1b2c3d4e5f60718293a4b5c6d7e8f90");

    /** The vector's bytes after its own tag stack and EtherType. */
    static byte[] payloadOf(byte[] frame) throws CodecException {
        return EthernetFrame.decode(frame, 0, frame.length).payload();
    }

    static void assertFrame(String file, int n, long dst, long src, List<Tag> tags, int type) throws CodecException {
        byte[] vector = Vectors.frame(file, n);
        EthernetFrame built = new EthernetFrame(dst, src, tags, type, payloadOf(vector));
        assertArrayEquals(vector, built.encode(), file + " #" + n);
    }

    @Test
    void taggedFramesFromFields() throws Exception {
        assertFrame(Vectors.A, 1, A_DST, A_SRC, List.of(VlanTag.cTag(5, false, 100)), EtherType.IPV4);
        assertFrame(Vectors.A, 2, A_DST, A_SRC, List.of(VlanTag.sTag(3, false, 10), VlanTag.cTag(0, false, 100)), EtherType.IPV4);
        assertFrame(Vectors.A, 4, A_DST, A_SRC, List.of(new VnTag(true, false, 5, false, false, 0, 10)), EtherType.IPV4);
        assertFrame(Vectors.A, 5, MacAddress.BROADCAST, A_SRC,
                List.of(new VnTag(false, true, 0x123, true, false, 0, 7)), EtherType.ARP);
        assertFrame(Vectors.A, 6, A_DST, A_SRC, List.of(ETag.downstream(3, false, 11, 0)), EtherType.IPV4);
        assertFrame(Vectors.A, 7, MacAddress.BROADCAST, A_SRC, List.of(ETag.downstream(3, false, 0x1234, 11)), EtherType.IPV4);
        assertFrame(Vectors.A, 8, A_DST, A_SRC,
                List.of(new ETag(0, false, 5, 0, 0, 0, 0, 0), VlanTag.cTag(0, false, 100)), EtherType.IPV4);

        assertFrame(Vectors.B, 1, B_DST, B_SRC, List.of(VlanTag.sTag(3, false, 100), VlanTag.cTag(5, false, 10)), EtherType.IPV4);
        assertFrame(Vectors.B, 3, B_DST, B_SRC,
                List.of(new VlanTag(EtherType.QINQ_LEGACY, 0, false, 100), VlanTag.cTag(0, false, 10)), EtherType.IPV4);
        assertFrame(Vectors.B, 4, B_DST, B_SRC, List.of(VlanTag.sTag(1, true, 4094), VlanTag.cTag(6, false, 0)), EtherType.IPV4);
        assertFrame(Vectors.B, 5, B_DST, B_SRC, List.of(new VnTag(true, false, 0x123, false, false, 0, 0x045)), EtherType.IPV4);
        assertFrame(Vectors.B, 6, MacAddress.parse("01:00:5e:00:00:01"), B_SRC,
                List.of(new VnTag(false, true, 0x2abc, true, false, 0, 0x7ff), VlanTag.cTag(0, false, 10)), EtherType.IPV4);
        assertFrame(Vectors.B, 7, B_DST, B_SRC, List.of(ETag.downstream(3, false, 0x034, 0x012)), EtherType.IPV4);
        assertFrame(Vectors.B, 8, MacAddress.parse("01:00:5e:00:00:01"), B_SRC,
                List.of(new ETag(0, false, 0, 0, 1, 0x3ff, 0, 1), VlanTag.cTag(0, false, 10)), EtherType.IPV4);
    }

    @Test
    void upstreamETag() {
        ETag up = ETag.upstream(2, true, 0x05);
        byte[] b = new byte[8];
        up.encode(b, 0);
        assertEquals("893f5000000500" + "00", Vectors.hex(b));
    }

    @Test
    void evbTlvFromFields() throws Exception {
        EvbTlv bridge = new EvbTlv(false, true, false, false, false, 0, 3, 14, EvbTlv.BRIDGE, false, 20, false, 20);
        assertEquals("fe090080c20d02006e5414", Vectors.hex(bridge.toTlv().encode()));
        EvbTlv station = new EvbTlv(false, true, true, false, true, EvbTlv.RRSTAT_YES, 3, 8, EvbTlv.STATION, false, 8, false, 8);
        assertEquals("fe090080c20d0305688808", Vectors.hex(station.toTlv().encode()));
        EvbTlv lldpadBridge = new EvbTlv(false, true, true, false, true, 1, 3, 14, EvbTlv.BRIDGE, true, 20, true, 20);
        assertEquals("03056e7434", Vectors.hex(lldpadBridge.info()));
        EvbTlv lldpadStation = new EvbTlv(false, true, false, false, true, 0, 3, 14, EvbTlv.STATION, true, 20, true, 20);
        assertEquals("02046eb434", Vectors.hex(lldpadStation.info()));
    }

    @Test
    void wholeLldpduOfVectorA9FromFields() throws Exception {
        byte[] vector = Vectors.frame(Vectors.A, 9);
        byte[] padding = new byte[60 - 14 - 33];
        Lldpdu du = new Lldpdu(List.of(
                new ChassisIdTlv(ChassisIdTlv.INTERFACE_NAME, "dummy\0".getBytes(StandardCharsets.US_ASCII)).toTlv(),
                new PortIdTlv(PortIdTlv.INTERFACE_NAME, "eth0".getBytes(StandardCharsets.US_ASCII)).toTlv(),
                new TtlTlv(120).toTlv(),
                new EvbTlv(false, true, false, false, false, 0, 3, 14, EvbTlv.BRIDGE, false, 20, false, 20).toTlv()),
                concat(new byte[2], padding));
        EthernetFrame f = EthernetFrame.of(MacAddress.NEAREST_CUSTOMER_BRIDGE, A_SRC, EtherType.LLDP, du.encode());
        assertArrayEquals(vector, f.encode());
        // Lldpdu.of adds the End TLV; the frame is then padded to 60 bytes.
        Lldpdu unpadded = Lldpdu.of(du.tlvs());
        byte[] p = unpadded.encode();
        assertEquals(33, p.length);
        assertArrayEquals(Arrays.copyOfRange(vector, 14, 14 + 33), p);
    }

    @Test
    void lldpduOfVectorB9WithMacIds() throws Exception {
        long bridge = MacAddress.parse("02:00:00:00:b0:01");
        Lldpdu du = Lldpdu.of(ChassisIdTlv.ofMac(bridge).toTlv(), PortIdTlv.ofMac(bridge).toTlv(), new TtlTlv(120).toTlv(),
                new EvbTlv(false, true, true, false, true, 1, 3, 14, EvbTlv.BRIDGE, true, 20, true, 20).toTlv());
        byte[] vector = Vectors.frame(Vectors.B, 9);
        byte[] built = EthernetFrame.of(MacAddress.NEAREST_CUSTOMER_BRIDGE, bridge, EtherType.LLDP, du.encode()).encode();
        assertArrayEquals(Arrays.copyOf(vector, built.length), built);
    }

    @Test
    void cdcpFromFields() throws Exception {
        CdcpTlv station = new CdcpTlv(CdcpTlv.ROLE_STATION, true, 4,
                List.of(new ChannelPair(1, 1), new ChannelPair(2, 0), new ChannelPair(3, 0)));
        assertEquals("fe110080c20e880000040010010020000030" + "00", Vectors.hex(station.toTlv().encode()));
        CdcpTlv bridge = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 167,
                List.of(new ChannelPair(1, 1), new ChannelPair(2, 100), new ChannelPair(3, 101)));
        assertEquals("fe110080c20e080000a7001001002064003065", Vectors.hex(bridge.toTlv().encode()));
        CdcpTlv b12 = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 4,
                List.of(new ChannelPair(1, 1), new ChannelPair(2, 101), new ChannelPair(3, 102)));
        assertEquals("fe110080c20e08000004001001002065003066", Vectors.hex(b12.toTlv().encode()));
    }

    @Test
    void preStandardEvbFromFields() {
        PreStandardEvbTlv a13 = new PreStandardEvbTlv(PreStandardEvbTlv.RR, 7, PreStandardEvbTlv.RR, 7, 3295, 0, 15);
        assertEquals("fe0d001b3f00400740070cdf00000f", Vectors.hex(a13.toTlv().encode()));
        PreStandardEvbTlv b14 = new PreStandardEvbTlv(PreStandardEvbTlv.STD | PreStandardEvbTlv.RR,
                PreStandardEvbTlv.RTE | PreStandardEvbTlv.ECP | PreStandardEvbTlv.VDP, PreStandardEvbTlv.RR, 7, 32, 4, 20);
        assertEquals("fe0d001b3f00c00740070020000414", Vectors.hex(b14.toTlv().encode()));
    }

    @Test
    void ecpVdpAssociateFrameFromFields() throws Exception {
        byte[] mgr = new byte[16];
        mgr[15] = 1;
        VsiTlv assoc = new VsiTlv(VdpTlv.ASSOCIATE, 0, 1, 1, VsiTlv.VSIID_UUID, UUID, VsiTlv.FILTER_MAC_VID,
                List.of(FilterEntry.ofMacVid(MacAddress.parse("02:00:00:00:00:10"), 10)));
        VdpPdu vdp = VdpPdu.of(new ManagerIdTlv(mgr), assoc);
        EcpPdu ecp = EcpPdu.request(EcpPdu.SUBTYPE_VDP, 0x1227, vdp.encode());
        byte[] frame = EthernetFrame.of(MacAddress.NEAREST_CUSTOMER_BRIDGE, A_SRC, EtherType.ECP, ecp.encode()).encode();
        assertArrayEquals(Vectors.frame(Vectors.A, 14), frame);

        // The bridge's response (#16) is the same TLV with the response bit, from the other MAC.
        VdpPdu resp = VdpPdu.of(new ManagerIdTlv(mgr), assoc.response(VsiTlv.SUCCESS, false, false));
        byte[] f16 = EthernetFrame.of(MacAddress.NEAREST_CUSTOMER_BRIDGE, A_DST, EtherType.ECP,
                EcpPdu.request(EcpPdu.SUBTYPE_VDP, 0x42, resp.encode()).encode()).encode();
        assertArrayEquals(Vectors.frame(Vectors.A, 16), f16);

        // #18: De-Associate response, Keep + error 4.
        VsiTlv de = new VsiTlv(VdpTlv.DE_ASSOCIATE, 0, 1, 1, VsiTlv.VSIID_UUID, UUID, VsiTlv.FILTER_MAC_VID,
                assoc.entries()).response(VsiTlv.OTHER_FAILURE, true, false);
        assertEquals(0x64, de.status());
        byte[] f18 = EthernetFrame.of(MacAddress.NEAREST_CUSTOMER_BRIDGE, A_DST, EtherType.ECP,
                EcpPdu.request(EcpPdu.SUBTYPE_VDP, 0x43, VdpPdu.of(new ManagerIdTlv(mgr), de).encode()).encode()).encode();
        assertArrayEquals(Vectors.frame(Vectors.A, 18), f18);
    }

    @Test
    void preAssociateWithVidFilterFromFields() throws Exception {
        byte[] mgr = new byte[16];
        mgr[15] = 1;
        VsiTlv pre = new VsiTlv(VdpTlv.PRE_ASSOCIATE, 0, 2, 1, VsiTlv.VSIID_UUID, UUID, VsiTlv.FILTER_VID,
                List.of(FilterEntry.ofVid(true, 5, 20)));
        assertEquals("021b00000002010" + "5a1b2c3d4e5f60718293a4b5c6d7e8f9001" + "0001d014", Vectors.hex(pre.encode()));
        byte[] frame = EthernetFrame.of(MacAddress.NEAREST_CUSTOMER_BRIDGE, A_SRC, EtherType.ECP,
                EcpPdu.request(EcpPdu.SUBTYPE_VDP, 2, VdpPdu.of(new ManagerIdTlv(mgr), pre).encode()).encode()).encode();
        assertArrayEquals(Vectors.frame(Vectors.A, 17), frame);
    }

    @Test
    void ecpAckFromRequest() throws Exception {
        byte[] vector = Vectors.frame(Vectors.LLDPAD_ECP_VDP, 2);
        byte[] req = Vectors.frame(Vectors.LLDPAD_ECP_VDP, 1);
        EcpPdu request = EcpPdu.decode(req, 14, req.length - 14);
        byte[] ack = EthernetFrame.of(MacAddress.NEAREST_CUSTOMER_BRIDGE, MacAddress.parse("02:00:00:00:b0:01"),
                EtherType.ECP, request.ack().encode()).encode();
        assertArrayEquals(vector, ack);
        assertEquals("14010001", Vectors.hex(request.ack().encode()));
    }

    @Test
    void lldpadManagerIdString() throws Exception {
        byte[] f = Vectors.frame(Vectors.LLDPAD_ECP_VDP, 1);
        assertArrayEquals(Arrays.copyOfRange(f, 18, 36), ManagerIdTlv.ofString("evbtest").encode());
        assertArrayEquals(new LldpTlv(LldpTlv.TTL, new byte[] {0, 120}).encode(), new TtlTlv(120).toTlv().encode());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void idsReadAsPeopleWriteThem() {
        assertEquals("02:00:00:00:00:01", ChassisIdTlv.ofMac(A_SRC).idText());
        assertEquals("02:00:00:00:00:01", PortIdTlv.ofMac(A_SRC).idText());
        assertEquals("192.0.2.1", new ChassisIdTlv(ChassisIdTlv.NETWORK_ADDRESS, new byte[] {1, (byte) 192, 0, 2, 1}).idText());
        assertEquals("2001:db8:0:0:0:0:0:1", new PortIdTlv(PortIdTlv.NETWORK_ADDRESS,
                new byte[] {2, 0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}).idText());
        assertEquals("hex 09 c0 00 02", new PortIdTlv(PortIdTlv.NETWORK_ADDRESS, new byte[] {9, (byte) 192, 0, 2}).idText());
        assertEquals("uplink", new PortIdTlv(PortIdTlv.INTERFACE_NAME, "uplink".getBytes(StandardCharsets.US_ASCII)).idText());
        assertEquals("hex 02 00 00", new ChassisIdTlv(ChassisIdTlv.MAC_ADDRESS, new byte[] {2, 0, 0}).idText());
    }
}
