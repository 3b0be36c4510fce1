package org.openevb.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.ethernet.EthernetFrame;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.pcap.PcapReader;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.ManagerIdTlv;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/** Real exchanges between lldpad instances (and lldpad against a scripted bridge). */
class LldpadCaptureTest {

    static final long STATION = MacAddress.parse("02:00:00:00:50:01");
    static final long BRIDGE = MacAddress.parse("02:00:00:00:b0:01");

    static EthernetFrame frame(String file, int n) throws CodecException {
        byte[] b = Vectors.frame(file, n);
        return EthernetFrame.decode(b, 0, b.length);
    }

    static EcpPdu ecp(String file, int n) throws CodecException {
        byte[] p = frame(file, n).payload();
        return EcpPdu.decode(p, 0, p.length);
    }

    static VdpPdu vdp(String file, int n) throws CodecException {
        byte[] p = ecp(file, n).payload();
        return VdpPdu.decode(p, 0, p.length);
    }

    static EvbTlv evb(String hex) throws CodecException {
        byte[] b = Vectors.hex(hex);
        return EvbTlv.decodeInfo(b, 0, b.length);
    }

    @Test
    void twoOfTheCaptureFilesArePcapng() throws Exception {
        try (PcapReader r = new PcapReader(new java.io.ByteArrayInputStream(Vectors.fileBytes(Vectors.LLDPAD_ECP_VDP)))) {
            assertTrue(r.isPcapng());
            r.next();
            assertEquals(1, r.linkType());
        }
        try (PcapReader r = new PcapReader(new java.io.ByteArrayInputStream(Vectors.fileBytes(Vectors.LLDPAD_FULL)))) {
            assertFalse(r.isPcapng());
            assertEquals(1, r.linkType());
        }
    }

    @Test
    void negotiatedBridgeEvbBytes() throws Exception {
        EvbTlv b = evb("03056e7434");
        assertFalse(b.bgid());
        assertTrue(b.rrcap());
        assertTrue(b.rrctr());
        assertFalse(b.sgid());
        assertTrue(b.rrreq());
        assertEquals(EvbTlv.RRSTAT_YES, b.rrstat());
        assertEquals(3, b.r());
        assertEquals(14, b.rte());
        assertEquals(EvbTlv.BRIDGE, b.evbMode());
        assertTrue(b.rolRwd());
        assertEquals(20, b.rwd());
        assertTrue(b.rolRka());
        assertEquals(20, b.rka());
    }

    @Test
    void stationEvbBytes() throws Exception {
        EvbTlv s = evb("02046eb434");
        assertTrue(s.rrcap());
        assertFalse(s.rrctr());
        assertTrue(s.rrreq());
        assertEquals(EvbTlv.RRSTAT_NO, s.rrstat());
        assertEquals(3, s.r());
        assertEquals(14, s.rte());
        assertEquals(EvbTlv.STATION, s.evbMode());
        assertTrue(s.rolRwd());
        assertEquals(20, s.rwd());
        assertTrue(s.rolRka());
        assertEquals(20, s.rka());

        // Once the bridge has turned reflective relay on, the station reports RRSTAT=1.
        EvbTlv done = evb("03056eb434");
        assertTrue(done.rrctr());
        assertEquals(EvbTlv.RRSTAT_YES, done.rrstat());
        assertEquals(EvbTlv.STATION, done.evbMode());
    }

    @Test
    void evbNegotiationSequenceInTheLldpCapture() throws Exception {
        Set<String> bridge = new LinkedHashSet<>();
        Set<String> station = new LinkedHashSet<>();
        int shutdowns = 0;
        for (byte[] b : Vectors.frames(Vectors.LLDPAD_EVB_LLDP)) {
            EthernetFrame f = EthernetFrame.decode(b, 0, b.length);
            assertEquals(MacAddress.NEAREST_CUSTOMER_BRIDGE, f.destination());
            assertEquals(EtherType.LLDP, f.etherType());
            byte[] p = f.payload();
            Lldpdu du = Lldpdu.decode(p, 0, p.length);
            assertEquals(f.source(), du.chassisId().orElseThrow().mac().getAsLong());
            assertTrue(du.hasEnd());
            if (du.ttl().orElseThrow().seconds() == 0) {
                shutdowns++;
            }
            du.evb().ifPresent(e -> (f.source() == BRIDGE ? bridge : station).add(Vectors.hex(e.info())));
        }
        assertEquals(4, shutdowns);
        assertEquals(List.of("02006e5414", "03046e7434", "03056e7434"), List.copyOf(bridge));
        assertEquals(List.of("02046eb434", "03056eb434"), List.copyOf(station));
    }

    @Test
    void associateRequestWithMacVidFilter() throws Exception {
        EthernetFrame f = frame(Vectors.LLDPAD_ECP_VDP, 1);
        assertEquals(STATION, f.source());
        assertEquals(MacAddress.NEAREST_CUSTOMER_BRIDGE, f.destination());
        assertEquals(71, f.encodedLength());
        EcpPdu e = ecp(Vectors.LLDPAD_ECP_VDP, 1);
        assertEquals(1, e.sequence());
        assertTrue(e.isRequest());
        VdpPdu v = vdp(Vectors.LLDPAD_ECP_VDP, 1);
        assertEquals(ManagerIdTlv.ofString("evbtest"), v.managerId().orElseThrow());
        VsiTlv vsi = v.vsi().orElseThrow();
        assertEquals(VdpTlv.ASSOCIATE, vsi.type());
        assertEquals(0x00, vsi.status());
        assertEquals(5, vsi.typeId());
        assertEquals(4, vsi.typeVersion());
        assertEquals(VsiTlv.VSIID_UUID, vsi.vsiidFormat());
        assertEquals("a141285760f74ce1e95a2164943f53aa", Vectors.hex(vsi.vsiid()));
        assertEquals(VsiTlv.FILTER_MAC_VID, vsi.filterFormat());
        assertEquals(List.of(FilterEntry.ofMacVid(MacAddress.parse("02:00:00:00:0a:01"), 100)), vsi.entries());
        assertEquals(0, v.trailer().length);
    }

    @Test
    void unpaddedEcpAck() throws Exception {
        byte[] b = Vectors.frame(Vectors.LLDPAD_ECP_VDP, 2);
        assertEquals(18, b.length);
        EthernetFrame f = EthernetFrame.decode(b, 0, b.length);
        assertEquals(BRIDGE, f.source());
        assertEquals(EtherType.ECP, f.etherType());
        EcpPdu ack = ecp(Vectors.LLDPAD_ECP_VDP, 2);
        assertTrue(ack.isAck());
        assertEquals(1, ack.sequence());
        assertEquals(EcpPdu.SUBTYPE_VDP, ack.subtype());
        assertEquals(0, ack.payloadLength());
        assertEquals(ecp(Vectors.LLDPAD_ECP_VDP, 1).ack(), ack);
        VdpPdu empty = VdpPdu.decode(new byte[0], 0, 0);
        assertTrue(empty.tlvs().isEmpty());
    }

    @Test
    void bridgeResponseAndPreAssociate() throws Exception {
        VsiTlv resp = vdp(Vectors.LLDPAD_ECP_VDP, 3).vsi().orElseThrow();
        assertEquals(BRIDGE, frame(Vectors.LLDPAD_ECP_VDP, 3).source());
        assertEquals(0x40, resp.status());
        assertTrue(resp.isResponse());
        assertEquals(VsiTlv.SUCCESS, resp.errorCode());
        assertEquals(vdp(Vectors.LLDPAD_ECP_VDP, 1).vsi().orElseThrow().response(0, false, false), resp);

        VsiTlv pre = vdp(Vectors.LLDPAD_ECP_VDP, 5).vsi().orElseThrow();
        assertEquals(VdpTlv.PRE_ASSOCIATE, pre.type());
        assertEquals(6, pre.typeId());
        assertEquals(1, pre.typeVersion());
        assertEquals(VsiTlv.FILTER_VID, pre.filterFormat());
        assertEquals(List.of(FilterEntry.ofVid(false, 0, 200)), pre.entries());
    }

    @Test
    void keepAliveAfterTenPointFiveSecondsThenDeAssociate() throws Exception {
        List<PcapReader.Record> r = Vectors.records(Vectors.LLDPAD_ECP_VDP);
        VsiTlv first = vdp(Vectors.LLDPAD_ECP_VDP, 1).vsi().orElseThrow();
        VsiTlv again = vdp(Vectors.LLDPAD_ECP_VDP, 9).vsi().orElseThrow();
        // The keep-alive repeats the same TLV, in a new ECP PDU.
        assertEquals(first, again);
        assertEquals(3, ecp(Vectors.LLDPAD_ECP_VDP, 9).sequence());
        long gap = r.get(8).timestampNanos() - r.get(0).timestampNanos();
        // RKA = 20: 10 us * 2^20 = 10.49 s
        assertTrue(Math.abs(gap - EvbTlv.exponentToDuration(20).toNanos()) < 10_000_000L, "gap " + gap);

        VsiTlv de = vdp(Vectors.LLDPAD_ECP_VDP, 17).vsi().orElseThrow();
        assertEquals(VdpTlv.DE_ASSOCIATE, de.type());
        assertEquals(first.vsiid().length, de.vsiid().length);
        assertEquals(Vectors.hex(first.vsiid()), Vectors.hex(de.vsiid()));
    }

    @Test
    void scriptedBridgeExchange() throws Exception {
        String f = Vectors.LLDPAD_VS_SCRIPTED;
        EcpPdu paddedAck = ecp(f, 16);
        assertEquals(60, Vectors.frame(f, 16).length);
        assertTrue(paddedAck.isAck());
        assertEquals(1, paddedAck.sequence());
        assertEquals(42, paddedAck.payloadLength());
        EcpPdu bridgeRequest = ecp(f, 17);
        assertEquals(0x101, bridgeRequest.sequence());
        assertEquals(0x40, vdp(f, 17).vsi().orElseThrow().status());
        assertEquals(0, ecp(f, 18).payloadLength());

        Set<String> bridgeEvb = new LinkedHashSet<>();
        for (byte[] b : Vectors.frames(f)) {
            EthernetFrame fr = EthernetFrame.decode(b, 0, b.length);
            if (fr.etherType() == EtherType.LLDP && fr.source() == BRIDGE) {
                byte[] p = fr.payload();
                Lldpdu.decode(p, 0, p.length).evb().ifPresent(e -> bridgeEvb.add(Vectors.hex(e.info())));
            }
        }
        assertEquals(Set.of("02006e5414", "03006e5414"), bridgeEvb);
    }
}
