package org.openevb.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.EthernetFrame;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ethernet.Tag;
import org.openevb.codec.ethernet.VlanTag;
import org.openevb.codec.ethernet.VnTag;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.OrgTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;
import org.openevb.codec.lldp.TtlTlv;
import org.openevb.codec.pcap.PcapReader;
import org.openevb.codec.vdp.ManagerIdTlv;
import org.openevb.codec.vdp.VdpOrgTlv;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/** Deliberately malformed inputs give a CodecException with a message naming what and where. */
class BadInputTest {

    static CodecException codecError(Executable e) {
        return assertThrows(CodecException.class, e);
    }

    static void assertMessage(String expected, CodecException e) {
        assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
    }

    @Test
    void eTagTruncated() {
        byte[] b = Vectors.hex("0200000000020200000000018100000a893f60000b");
        CodecException e = codecError(() -> EthernetFrame.decode(b, 0, b.length));
        assertEquals("E-Tag truncated: need 8 bytes at offset 16, have 5", e.getMessage());
        assertEquals(16, e.offset());
        EthernetHeaderView v = new EthernetHeaderView();
        assertFalse(v.parse(b, 0, b.length));
        assertEquals(EthernetHeaderView.ERROR_TAG_TRUNCATED, v.error());
    }

    @Test
    void etherTypeAfterTagTruncatedAndShortFrames() {
        byte[] b = Vectors.hex("0200000000020200000000018100000a08");
        assertEquals("EtherType after C-tag truncated: need 2 bytes at offset 16, have 1",
                codecError(() -> EthernetFrame.decode(b, 0, b.length)).getMessage());
        assertEquals("Ethernet header truncated: need 14 bytes at offset 0, have 13",
                codecError(() -> EthernetFrame.decode(b, 0, 13)).getMessage());
        EthernetHeaderView v = new EthernetHeaderView();
        assertFalse(v.parse(b, 0, 13));
        assertEquals(EthernetHeaderView.ERROR_TOO_SHORT, v.error());
        assertEquals("VN-Tag truncated: need 6 bytes at offset 0, have 4",
                codecError(() -> VnTag.decode(Vectors.hex("89268005"), 0, 4)).getMessage());
        assertMessage("not a tag TPID: 0x0800", codecError(() -> Tag.decode(Vectors.hex("08000000"), 0, 4)));
        assertMessage("not a VLAN tag TPID", codecError(() -> VlanTag.decode(Vectors.hex("893f0000"), 0, 4)));
    }

    @Test
    void deepTagStacks() throws Exception {
        // Any depth decodes; the view stops at MAX_TAGS.
        int depth = 20;
        byte[] b = new byte[12 + 4 * depth + 2 + 46];
        for (int i = 0; i < depth; i++) {
            b[12 + 4 * i] = (byte) 0x81;
            b[12 + 4 * i + 3] = (byte) i;
        }
        b[12 + 4 * depth] = 0x08;
        EthernetFrame f = EthernetFrame.decode(b, 0, b.length);
        assertEquals(depth, f.tags().size());
        EthernetHeaderView v = new EthernetHeaderView();
        assertFalse(v.parse(b, 0, b.length));
        assertEquals("too many tags", v.error());
        assertTrue(v.parseOuter(b, 0, b.length, EthernetHeaderView.MAX_TAGS), "only the outer tags are read");
        assertEquals(EthernetHeaderView.MAX_TAGS, v.tagCount());
        assertEquals(EtherType.C_TAG, v.etherType(), "the next tag's TPID");
        assertThrows(IllegalArgumentException.class, () -> v.parseOuter(b, 0, b.length, EthernetHeaderView.MAX_TAGS + 1));
        assertThrows(IllegalArgumentException.class, () -> v.parseOuter(b, 0, b.length, -1));
        assertTrue(v.parse(EthernetFrame.of(0, 0, 0x0800, new byte[46]).withTags(f.tags().subList(0, 8)).encode(), 0, 60 + 32));
        assertEquals(8, v.tagCount());
    }

    @Test
    void lldpTlvLengthPastTheEnd() {
        byte[] b = Vectors.hex("020706" + "64756d6d7900" + "0405056574");
        CodecException e = codecError(() -> Lldpdu.decode(b, 0, b.length));
        assertEquals("LLDP TLV type 2 at offset 9 declares 5 bytes of value, only 3 left", e.getMessage());
        assertEquals(9, e.offset());
        assertEquals("LLDP TLV header truncated: need 2 bytes at offset 9, have 1",
                codecError(() -> Lldpdu.decode(b, 0, 10)).getMessage());
    }

    @Test
    void lldpWithoutEndIsAccepted() throws Exception {
        byte[] b = Vectors.hex("0207066475" + "6d6d7900" + "06020078");
        Lldpdu du = Lldpdu.decode(b, 0, b.length);
        assertEquals(2, du.tlvs().size());
        assertFalse(du.hasEnd());
        assertEquals(Vectors.hex(b), Vectors.hex(du.encode()));
    }

    @Test
    void badCdcpLength() {
        LldpTlv bad = new OrgTlv(CdcpTlv.OUI, CdcpTlv.SUBTYPE, Vectors.hex("8800000400100100")).toTlv();
        CodecException e = codecError(() -> CdcpTlv.decode(bad));
        assertEquals("CDCP TLV information length 8 at offset 0 is not 4 + 3n octets", e.getMessage());
        assertMessage("is not 4 + 3n", codecError(() -> CdcpTlv.decodeInfo(new byte[3], 0, 3)));
    }

    @Test
    void wrongTlvTypesAndLengths() {
        LldpTlv evb6 = new OrgTlv(EvbTlv.OUI, EvbTlv.SUBTYPE, new byte[6]).toTlv();
        assertEquals("EVB TLV information must be 5 octets, got 6 at offset 0",
                codecError(() -> EvbTlv.decode(evb6)).getMessage());
        LldpTlv cdcp = new OrgTlv(CdcpTlv.OUI, CdcpTlv.SUBTYPE, new byte[4]).toTlv();
        assertMessage("expected EVB TLV (OUI 0080c2 subtype 13), got OUI 0080c2 subtype 14",
                codecError(() -> EvbTlv.decode(cdcp)));
        assertMessage("pre-standard EVB", codecError(() -> PreStandardEvbTlv.decode(cdcp)));
        assertMessage("expected TTL TLV (type 3), got type 127", codecError(() -> TtlTlv.decode(cdcp)));
        assertMessage("TTL TLV length must be 2, got 3",
                codecError(() -> TtlTlv.decode(new LldpTlv(LldpTlv.TTL, new byte[3]))));
        assertMessage("organizational TLV truncated",
                codecError(() -> OrgTlv.decode(new LldpTlv(LldpTlv.ORGANIZATIONAL, new byte[3]))));
    }

    static byte[] frame14Vsi() throws CodecException {
        byte[] f = Vectors.frame(Vectors.A, 14);
        VdpPdu pdu = VdpPdu.decode(f, 18, f.length - 18);
        return pdu.vsi().orElseThrow().encode();
    }

    @Test
    void vsiEntryCountNotMatchingLength() throws Exception {
        byte[] vsi = frame14Vsi();
        vsi[2 + 24] = 2; // count 1 -> 2, length still 33
        CodecException e = codecError(() -> VsiTlv.decode(vsi, 0, vsi.length));
        assertEquals("VSI TLV length 33 at offset 2 does not match 25 + 2 filter entries x 8 bytes = 41", e.getMessage());
        assertEquals(2, e.offset());
        // The same inside a whole PDU, at its position in the array.
        byte[] f = Vectors.frame(Vectors.A, 14);
        f[18 + 18 + 2 + 24] = 0;
        CodecException inFrame = codecError(() -> VdpPdu.decode(f, 18, f.length - 18));
        assertEquals("VSI TLV length 33 at offset 38 does not match 25 + 0 filter entries x 8 bytes = 25", inFrame.getMessage());
    }

    @Test
    void unknownFilterFormat() throws Exception {
        byte[] vsi = frame14Vsi();
        vsi[2 + 22] = 7;
        CodecException e = codecError(() -> VsiTlv.decode(vsi, 0, vsi.length));
        assertEquals("unknown VDP filter format 7 at offset 24", e.getMessage());
        assertEquals(24, e.offset());
        vsi[2 + 22] = 0;
        assertMessage("unknown VDP filter format 0", codecError(() -> VsiTlv.decode(vsi, 0, vsi.length)));
    }

    @Test
    void shortVdpTlvs() {
        assertEquals("VSI TLV truncated: need 25 bytes at offset 2, have 3",
                codecError(() -> VdpTlv.decode(Vectors.hex("0603000000"), 0, 5)).getMessage());
        assertEquals("VSI Manager ID TLV length must be 16, got 2 at offset 2",
                codecError(() -> VdpTlv.decode(Vectors.hex("0a020000"), 0, 4)).getMessage());
        assertEquals("VDP TLV type 5 at offset 0 declares 16 bytes of value, only 2 left",
                codecError(() -> VdpPdu.decode(Vectors.hex("0a100000"), 0, 4)).getMessage());
        assertMessage("VDP organizational TLV truncated",
                codecError(() -> VdpTlv.decode(Vectors.hex("fe020000"), 0, 4)));
        assertMessage("expected a VSI TLV", codecError(() -> VsiTlv.decode(Vectors.hex("0a10" + "00".repeat(16)), 0, 18)));
        assertEquals("ECP header truncated: need 4 bytes at offset 0, have 3",
                codecError(() -> EcpPdu.decode(new byte[3], 0, 3)).getMessage());
    }

    @Test
    void vdpPaddingAndUnknownTlvs() throws Exception {
        byte[] b = Vectors.hex("1403aabbcc" + "0000" + "0000");
        VdpPdu p = VdpPdu.decode(b, 0, b.length);
        assertEquals(1, p.tlvs().size());
        assertEquals(10, p.tlvs().get(0).type());
        assertEquals(4, p.trailer().length);
        assertEquals(Vectors.hex(b), Vectors.hex(p.encode()));
        assertTrue(VdpTlv.decode(Vectors.hex("fe03001b3f"), 0, 5) instanceof VdpOrgTlv o && o.oui() == 0x001b3f);
        assertEquals(new ManagerIdTlv(new byte[16]), VdpTlv.decode(Vectors.hex("0a10" + "00".repeat(16)), 0, 18));
    }

    /** Offset and length outside the array: a CodecException from every decoder, never an index error. */
    @Test
    void argumentsOutsideTheArray() {
        byte[] b = Vectors.frame(Vectors.A, 14);
        int[][] bad = {{-1, 10}, {0, -1}, {5, b.length}, {b.length + 1, 0}, {Integer.MAX_VALUE, 1}, {1, Integer.MAX_VALUE},
            {Integer.MIN_VALUE, 4}};
        EthernetHeaderView view = new EthernetHeaderView();
        for (int[] a : bad) {
            int off = a[0];
            int len = a[1];
            List<Executable> calls = List.of(
                    () -> EthernetFrame.decode(b, off, len),
                    () -> Tag.decode(b, off, len),
                    () -> VlanTag.decode(b, off, len),
                    () -> VnTag.decode(b, off, len),
                    () -> ETag.decode(b, off, len),
                    () -> Lldpdu.decode(b, off, len),
                    () -> LldpTlv.decode(b, off, len),
                    () -> EvbTlv.decodeInfo(b, off, len),
                    () -> CdcpTlv.decodeInfo(b, off, len),
                    () -> PreStandardEvbTlv.decodeInfo(b, off, len),
                    () -> EcpPdu.decode(b, off, len),
                    () -> VdpPdu.decode(b, off, len),
                    () -> VdpTlv.decode(b, off, len),
                    () -> VsiTlv.decode(b, off, len),
                    () -> VsiTlv.decodeValue(3, b, off, len),
                    () -> ManagerIdTlv.decodeValue(b, off, len),
                    () -> VdpOrgTlv.decodeValue(b, off, len));
            for (Executable c : calls) {
                CodecException e = codecError(c);
                assertMessage("outside the array of " + b.length + " bytes", e);
            }
            assertFalse(view.parse(b, off, len));
            assertEquals(EthernetHeaderView.ERROR_BOUNDS, view.error());
            assertFalse(view.parseOuter(b, off, len, 1));
            assertEquals(EthernetHeaderView.ERROR_BOUNDS, view.error());
        }
        assertMessage("null array", codecError(() -> EthernetFrame.decode(null, 0, 0)));
        assertMessage("null array", codecError(() -> Lldpdu.decode(null, 0, 0)));
        assertMessage("null array", codecError(() -> VdpPdu.decode(null, 0, 0)));
        assertFalse(view.parse(null, 0, 0));
    }

    @Test
    void oversizedValuesPassedDirectly() {
        assertMessage("exceeds 507", codecError(() -> CdcpTlv.decodeInfo(new byte[4 + 3 * 200], 0, 4 + 3 * 200)));
        assertMessage("exceeds 511", codecError(() -> VsiTlv.decodeValue(3, new byte[600], 0, 600)));
        assertMessage("exceeds 511", codecError(() -> VdpOrgTlv.decodeValue(new byte[600], 0, 600)));
    }

    @Test
    void badCaptureFiles() {
        assertEquals("not a capture file: only 2 bytes", pcapError(new byte[2]).getMessage());
        assertEquals("not a capture file: unknown magic 0x01020304", pcapError(Vectors.hex("01020304" + "00".repeat(20))).getMessage());
        assertEquals("pcap file truncated: the global header needs 24 bytes, got 10",
                pcapError(Arrays.copyOf(Vectors.fileBytes(Vectors.A), 10)).getMessage());
        byte[] a = Vectors.fileBytes(Vectors.A);
        byte[] big = Arrays.copyOf(a, a.length);
        big[24 + 8] = 0x7f;
        big[24 + 11] = 0x7f; // captured length of the first record: 0x7f00007f
        assertTrue(pcapError(big).getMessage().contains("claims 2130706559 bytes"));
        assertTrue(pcapError(Arrays.copyOf(a, 24 + 16 + 10)).getMessage()
                .contains("record at byte 24 needs 60 bytes of data, got 10"));
        byte[] ng = Vectors.fileBytes(Vectors.LLDPAD_ECP_VDP);
        byte[] badBom = ng.clone();
        badBom[8] = 0;
        assertTrue(pcapError(badBom).getMessage().contains("bad byte-order magic"));
    }

    static IOException pcapError(byte[] file) {
        return assertThrows(IOException.class, () -> PcapReader.readAll(new ByteArrayInputStream(file)));
    }
}
