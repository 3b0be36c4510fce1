package org.openevb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.ethernet.EthernetFrame;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChassisIdTlv;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.OrgTlv;
import org.openevb.codec.lldp.PortIdTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;
import org.openevb.codec.lldp.TtlTlv;
import org.openevb.codec.pcap.PcapReader;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VdpTlv;

/** Every frame of every vector capture decodes and re-encodes to the identical bytes, at every layer. */
class VectorRoundTripTest {

    @Test
    void readerSeesWhatTsharkSaw() {
        for (var e : Vectors.ALL.entrySet()) {
            List<PcapReader.Record> records = Vectors.records(e.getKey());
            assertEquals(e.getValue(), records.size(), e.getKey());
            List<Long> epochs = Vectors.tsharkEpochNanos(e.getKey());
            List<Integer> lengths = Vectors.tsharkLengths(e.getKey());
            assertEquals(records.size(), epochs.size(), e.getKey());
            for (int i = 0; i < records.size(); i++) {
                assertEquals(epochs.get(i), records.get(i).timestampNanos(), e.getKey() + " frame " + (i + 1));
                assertEquals(lengths.get(i), records.get(i).originalLength(), e.getKey() + " frame " + (i + 1));
                assertEquals(lengths.get(i), records.get(i).length(), e.getKey() + " frame " + (i + 1));
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFrameRoundTrips() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : Vectors.ALL.keySet()) {
            List<byte[]> frames = Vectors.frames(name);
            for (int i = 0; i < frames.size(); i++) {
                byte[] frame = frames.get(i);
                tests.add(DynamicTest.dynamicTest(name + " #" + (i + 1), () -> roundTrip(frame)));
            }
        }
        return tests.stream();
    }

    static void roundTrip(byte[] bytes) throws CodecException {
        EthernetFrame frame = EthernetFrame.decode(bytes, 0, bytes.length);
        assertArrayEquals(bytes, frame.encode());
        assertEquals(bytes.length, frame.encodedLength());

        EthernetHeaderView view = new EthernetHeaderView();
        assertTrue(view.parse(bytes, 0, bytes.length), view.error());
        assertEquals(frame.tags().size(), view.tagCount());
        int pos = 12;
        for (int t = 0; t < view.tagCount(); t++) {
            assertEquals(frame.tags().get(t).tpid(), view.tagTpid(t));
            assertEquals(pos, view.tagOffset(t));
            pos += frame.tags().get(t).length();
        }
        assertEquals(frame.etherType(), view.etherType());
        assertEquals(bytes.length - frame.payloadLength(), view.payloadOffset());
        assertEquals(frame.destination(), view.destination());
        assertEquals(frame.source(), view.source());

        byte[] payload = frame.payload();
        int p = view.payloadOffset();
        if (frame.etherType() == EtherType.LLDP) {
            Lldpdu du = Lldpdu.decode(bytes, p, bytes.length - p);
            assertArrayEquals(payload, du.encode());
            for (LldpTlv tlv : du.tlvs()) {
                assertArrayEquals(tlv.encode(), LldpTlv.decode(tlv.encode(), 0, tlv.encodedLength()).encode());
                switch (tlv.type()) {
                    case LldpTlv.CHASSIS_ID -> assertEquals(tlv, ChassisIdTlv.decode(tlv).toTlv());
                    case LldpTlv.PORT_ID -> assertEquals(tlv, PortIdTlv.decode(tlv).toTlv());
                    case LldpTlv.TTL -> assertEquals(tlv, TtlTlv.decode(tlv).toTlv());
                    case LldpTlv.ORGANIZATIONAL -> {
                        assertEquals(tlv, OrgTlv.decode(tlv).toTlv());
                        if (OrgTlv.matches(tlv, EvbTlv.OUI, EvbTlv.SUBTYPE)) {
                            assertEquals(tlv, EvbTlv.decode(tlv).toTlv());
                        } else if (OrgTlv.matches(tlv, CdcpTlv.OUI, CdcpTlv.SUBTYPE)) {
                            assertEquals(tlv, CdcpTlv.decode(tlv).toTlv());
                        } else if (OrgTlv.matches(tlv, PreStandardEvbTlv.OUI, PreStandardEvbTlv.SUBTYPE)) {
                            assertEquals(tlv, PreStandardEvbTlv.decode(tlv).toTlv());
                        }
                    }
                    default -> { }
                }
            }
        }
        if (frame.etherType() == EtherType.ECP) {
            EcpPdu ecp = EcpPdu.decode(bytes, p, bytes.length - p);
            assertArrayEquals(payload, ecp.encode());
            if (ecp.subtype() == EcpPdu.SUBTYPE_VDP) {
                int v = p + EcpPdu.HEADER_LENGTH;
                VdpPdu vdp = VdpPdu.decode(bytes, v, bytes.length - v);
                assertArrayEquals(ecp.payload(), vdp.encode());
                for (VdpTlv tlv : vdp.tlvs()) {
                    byte[] enc = tlv.encode();
                    assertEquals(tlv, VdpTlv.decode(enc, 0, enc.length));
                }
            }
        }
    }
}
