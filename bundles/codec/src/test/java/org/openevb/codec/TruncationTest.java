package org.openevb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.openevb.codec.Vectors.decodeOrNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.ethernet.EthernetFrame;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ethernet.Tag;
import org.openevb.codec.ethernet.VlanTag;
import org.openevb.codec.ethernet.VnTag;
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
import org.openevb.codec.vdp.ManagerIdTlv;
import org.openevb.codec.vdp.VdpOrgTlv;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/**
 * Every truncation of every valid vector, at every layer, decodes or fails with a CodecException
 * (IOException for capture files); nothing else is ever thrown, and a successful decode re-encodes
 * to exactly the truncated bytes.
 */
class TruncationTest {

    /** The bytes placed in the middle of a larger array of junk, so reading past len would show. */
    static byte[] embed(byte[] b, int at, int junkAfter) {
        byte[] c = new byte[at + b.length + junkAfter];
        Arrays.fill(c, (byte) 0x5A);
        System.arraycopy(b, 0, c, at, b.length);
        return c;
    }

    @Test
    void ethernetFrameAndHeaderViewAndTags() {
        EthernetHeaderView view = new EthernetHeaderView();
        for (byte[] v : Vectors.allFrames()) {
            byte[] big = embed(v, 7, 9);
            for (int k = 0; k <= v.length; k++) {
                int len = k;
                EthernetFrame f = decodeOrNull(() -> EthernetFrame.decode(big, 7, len));
                EthernetFrame exact = decodeOrNull(() -> EthernetFrame.decode(Arrays.copyOf(v, len), 0, len));
                assertEquals(exact, f);
                boolean parsed = view.parse(big, 7, len);
                assertEquals(f != null, parsed, "view and decoder disagree at length " + len + ": " + view.error());
                if (f != null) {
                    assertArrayEquals(Arrays.copyOf(v, len), f.encode());
                    assertEquals(7 + len - f.payloadLength(), view.payloadOffset());
                } else {
                    assertNotNull(view.error());
                }
                if (len >= 12) {
                    decodeOrNull(() -> Tag.decode(big, 7 + 12, len - 12));
                }
            }
            assertTrue(view.parse(v, 0, v.length));
        }
    }

    /**
     * Every cut of a frame with each tag kind (C, S, legacy Q-in-Q, VN-Tag, E-Tag), outermost or
     * below a C-tag: the view fails short of the tag and its type field (never an untagged frame),
     * exactly where the decoder does; reading only the outer tag, only a cut in the outer tag fails.
     */
    @Test
    void headerViewOnEveryCutOfEveryTagKind() {
        List<Tag> kinds = List.of(VlanTag.cTag(5, true, 10), VlanTag.sTag(3, false, 20),
                new VlanTag(EtherType.QINQ_LEGACY, 1, false, 30), new VnTag(true, true, 0x2001, true, false, 0, 7),
                ETag.downstream(4, true, 0x1005, 9));
        EthernetHeaderView view = new EthernetHeaderView();
        for (Tag tag : kinds) {
            for (List<Tag> stack : List.of(List.of(tag), List.of(VlanTag.cTag(0, false, 1), tag))) {
                byte[] v = EthernetFrame.of(0x020000000002L, 0x020000000001L, EtherType.IPV4, new byte[4])
                        .withTags(stack).encode();
                byte[] big = embed(v, 7, 9);
                int outerEnd = 14 + stack.get(0).length();
                int stackEnd = 12 + stack.stream().mapToInt(Tag::length).sum() + 2;
                for (int len = 0; len <= v.length; len++) {
                    String at = EtherType.name(tag.tpid()) + " in " + stack.size() + " tag(s), cut at " + len;
                    int cut = len;
                    boolean decodes = decodeOrNull(() -> EthernetFrame.decode(big, 7, cut)) != null;
                    assertEquals(decodes, view.parse(big, 7, len), at);
                    assertEquals(len >= stackEnd, decodes, at);
                    if (len < 14) {
                        assertEquals(EthernetHeaderView.ERROR_TOO_SHORT, view.error(), at);
                    } else if (len < stackEnd) {
                        assertEquals(EthernetHeaderView.ERROR_TAG_TRUNCATED, view.error(), at);
                    }
                    assertEquals(len >= outerEnd, view.parseOuter(big, 7, len, 1), at);
                    if (len >= outerEnd) {
                        assertEquals(stack.get(0).tpid(), view.outerTpid(), at);
                        assertEquals(7 + 12, view.tagOffset(0), at);
                    } else if (len >= 14) {
                        assertEquals(EthernetHeaderView.ERROR_TAG_TRUNCATED, view.error(), at);
                    }
                    assertEquals(len >= 14, view.parseOuter(big, 7, len, 0), at);
                }
            }
        }
    }

    @Test
    void lldpAndItsTlvs() throws Exception {
        int lldpFrames = 0;
        for (byte[] v : Vectors.allFrames()) {
            EthernetFrame f = EthernetFrame.decode(v, 0, v.length);
            if (f.etherType() != EtherType.LLDP) {
                continue;
            }
            lldpFrames++;
            byte[] p = f.payload();
            byte[] big = embed(p, 3, 5);
            for (int k = 0; k <= p.length; k++) {
                int len = k;
                Lldpdu du = decodeOrNull(() -> Lldpdu.decode(big, 3, len));
                if (du != null) {
                    assertArrayEquals(Arrays.copyOf(p, len), du.encode());
                    allTypedViews(du);
                }
                LldpTlv t = decodeOrNull(() -> LldpTlv.decode(big, 3, len));
                if (t != null) {
                    assertArrayEquals(Arrays.copyOf(p, t.encodedLength()), t.encode());
                }
            }
            for (LldpTlv tlv : Lldpdu.decode(p, 0, p.length).tlvs()) {
                byte[] value = tlv.value();
                for (int k = 0; k <= value.length; k++) {
                    LldpTlv cut = new LldpTlv(tlv.type(), Arrays.copyOf(value, k));
                    typedViews(cut);
                }
                byte[] enc = tlv.encode();
                for (int k = 0; k <= enc.length; k++) {
                    int len = k;
                    decodeOrNull(() -> LldpTlv.decode(enc, 0, len));
                }
                if (tlv.type() == LldpTlv.ORGANIZATIONAL) {
                    byte[] info = OrgTlv.decode(tlv).info();
                    for (int k = 0; k <= info.length; k++) {
                        int len = k;
                        decodeOrNull(() -> EvbTlv.decodeInfo(info, 0, len));
                        decodeOrNull(() -> CdcpTlv.decodeInfo(info, 0, len));
                        decodeOrNull(() -> PreStandardEvbTlv.decodeInfo(info, 0, len));
                    }
                }
            }
        }
        assertTrue(lldpFrames > 80, "only " + lldpFrames + " LLDP frames");
    }

    /** Every typed view on every TLV: a value or a CodecException, and an exact round trip. */
    static void allTypedViews(Lldpdu du) {
        for (LldpTlv t : du.tlvs()) {
            typedViews(t);
        }
        decodeOrNull(du::chassisId);
        decodeOrNull(du::portId);
        decodeOrNull(du::ttl);
        decodeOrNull(du::evb);
        decodeOrNull(du::cdcp);
        decodeOrNull(du::preStandardEvb);
        decodeOrNull(du::orgTlvs);
    }

    static void typedViews(LldpTlv t) {
        ChassisIdTlv c = decodeOrNull(() -> ChassisIdTlv.decode(t));
        if (c != null) {
            assertEquals(t, c.toTlv());
        }
        PortIdTlv p = decodeOrNull(() -> PortIdTlv.decode(t));
        if (p != null) {
            assertEquals(t, p.toTlv());
        }
        TtlTlv ttl = decodeOrNull(() -> TtlTlv.decode(t));
        if (ttl != null) {
            assertEquals(t, ttl.toTlv());
        }
        OrgTlv o = decodeOrNull(() -> OrgTlv.decode(t));
        if (o != null) {
            assertEquals(t, o.toTlv());
        }
        EvbTlv e = decodeOrNull(() -> EvbTlv.decode(t));
        if (e != null) {
            assertEquals(t, e.toTlv());
        }
        CdcpTlv cd = decodeOrNull(() -> CdcpTlv.decode(t));
        if (cd != null) {
            assertEquals(t, cd.toTlv());
        }
        PreStandardEvbTlv ps = decodeOrNull(() -> PreStandardEvbTlv.decode(t));
        if (ps != null) {
            assertEquals(t, ps.toTlv());
        }
    }

    @Test
    void ecpAndVdp() throws Exception {
        int vdpFrames = 0;
        for (byte[] v : Vectors.allFrames()) {
            EthernetFrame f = EthernetFrame.decode(v, 0, v.length);
            if (f.etherType() != EtherType.ECP) {
                continue;
            }
            byte[] p = f.payload();
            byte[] big = embed(p, 2, 6);
            for (int k = 0; k <= p.length; k++) {
                int len = k;
                EcpPdu e = decodeOrNull(() -> EcpPdu.decode(big, 2, len));
                assertEquals(len >= 4, e != null);
                if (e != null) {
                    assertArrayEquals(Arrays.copyOf(p, len), e.encode());
                }
            }
            EcpPdu ecp = EcpPdu.decode(p, 0, p.length);
            byte[] u = ecp.payload();
            byte[] bigU = embed(u, 4, 4);
            for (int k = 0; k <= u.length; k++) {
                int len = k;
                VdpPdu d = decodeOrNull(() -> VdpPdu.decode(bigU, 4, len));
                if (d != null) {
                    assertArrayEquals(Arrays.copyOf(u, len), d.encode());
                }
                decodeOrNull(() -> VdpTlv.decode(bigU, 4, len));
            }
            for (VdpTlv t : VdpPdu.decode(u, 0, u.length).tlvs()) {
                vdpFrames++;
                byte[] enc = t.encode();
                for (int k = 0; k <= enc.length; k++) {
                    int len = k;
                    VdpTlv d = decodeOrNull(() -> VdpTlv.decode(enc, 0, len));
                    assertEquals(k == enc.length, d != null, "TLV truncated to " + k + " decoded");
                    decodeOrNull(() -> VsiTlv.decode(enc, 0, len));
                    // The value alone, with the length the header would have to claim.
                    if (len >= 2) {
                        int vl = len - 2;
                        if (t instanceof VsiTlv vsi) {
                            decodeOrNull(() -> VsiTlv.decodeValue(vsi.type(), enc, 2, vl));
                        } else if (t instanceof ManagerIdTlv) {
                            decodeOrNull(() -> ManagerIdTlv.decodeValue(enc, 2, vl));
                        } else if (t instanceof VdpOrgTlv) {
                            decodeOrNull(() -> VdpOrgTlv.decodeValue(enc, 2, vl));
                        }
                    }
                }
            }
        }
        assertTrue(vdpFrames > 40, "only " + vdpFrames + " VDP TLVs");
    }

    @Test
    void pcapReaderOnEveryTruncatedFile() throws Exception {
        for (String name : Vectors.ALL.keySet()) {
            byte[] file = Vectors.fileBytes(name);
            List<PcapReader.Record> all = Vectors.records(name);
            int complete = 0;
            for (int k = 0; k < file.length; k++) {
                List<PcapReader.Record> got = new ArrayList<>();
                try (PcapReader r = new PcapReader(new ByteArrayInputStream(file, 0, k))) {
                    for (PcapReader.Record rec = r.next(); rec != null; rec = r.next()) {
                        got.add(rec);
                    }
                    complete++;
                } catch (IOException e) {
                    assertNotNull(e.getMessage());
                } catch (RuntimeException e) {
                    fail(name + " cut to " + k + " bytes: " + e, e);
                }
                assertTrue(got.size() <= all.size());
                assertEquals(all.subList(0, got.size()), got, name + " cut to " + k);
            }
            // Only cuts at record boundaries read without an error.
            assertTrue(complete <= all.size() + 1, name + ": " + complete + " clean cuts");
            assertFalse(complete == 0 && file.length > 100 && name.contains("synthetic"));
        }
    }
}
