package org.openevb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.openevb.codec.Vectors.decodeOrNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.EthernetFrame;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ethernet.Tag;
import org.openevb.codec.ethernet.VlanTag;
import org.openevb.codec.ethernet.VnTag;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.OrgTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;
import org.openevb.codec.pcap.PcapReader;
import org.openevb.codec.pcap.PcapWriter;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.ManagerIdTlv;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/** Property tests: decoders on arbitrary bytes, and encode/decode round trips of random values. */
class CodecPropertiesTest {

    private static final List<byte[]> VECTORS = Vectors.allFrames();

    // ------------------------------------------------------------ decoders on arbitrary input

    /** A byte array with an offset and length inside it. */
    record Slice(byte[] bytes, int off, int len) {
        byte[] copy() {
            return Arrays.copyOfRange(bytes, off, off + len);
        }
    }

    @Provide
    Arbitrary<Slice> slices() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).flatMap(b ->
                Arbitraries.integers().between(0, b.length).flatMap(off ->
                        Arbitraries.integers().between(0, b.length - off).map(len -> new Slice(b, off, len))));
    }

    /** Vector frames with random bytes overwritten, cut or extended: inputs that get past the first checks. */
    @Provide
    Arbitrary<Slice> mutatedVectors() {
        Arbitrary<byte[]> base = Arbitraries.of(VECTORS);
        return base.flatMap(v -> Combinators.combine(
                Arbitraries.integers().between(0, v.length - 1).list().ofMaxSize(4),
                Arbitraries.bytes().list().ofSize(4),
                Arbitraries.integers().between(-20, 20),
                Arbitraries.integers().between(0, 5)).as((positions, values, delta, off) -> {
                    int len = Math.max(0, Math.min(v.length + delta, v.length + 20));
                    byte[] b = new byte[off + len];
                    System.arraycopy(v, 0, b, off, Math.min(v.length, len));
                    for (int i = 0; i < positions.size(); i++) {
                        int p = positions.get(i);
                        if (p < len) {
                            b[off + p] = values.get(i);
                        }
                    }
                    return new Slice(b, off, len);
                }));
    }

    @Property(tries = 2000)
    void randomBytesOnlyGiveCodecExceptions(@ForAll("slices") Slice s) {
        allDecoders(s);
    }

    @Property(tries = 2000)
    void mutatedVectorsOnlyGiveCodecExceptions(@ForAll("mutatedVectors") Slice s) {
        allDecoders(s);
    }

    @Property(tries = 1000)
    void argumentsAnywhereOnlyGiveCodecExceptions(@ForAll @Size(max = 40) byte[] b,
                                                  @ForAll @IntRange(min = -50, max = 50) int off,
                                                  @ForAll @IntRange(min = -50, max = 50) int len) {
        allDecoders(new Slice(b, off, len));
    }

    /** Every decoder on one slice: a value or a CodecException; every value re-encodes exactly. */
    static void allDecoders(Slice s) {
        byte[] b = s.bytes();
        int off = s.off();
        int len = s.len();
        boolean inside = off >= 0 && len >= 0 && off <= b.length - len;

        EthernetFrame f = decodeOrNull(() -> EthernetFrame.decode(b, off, len));
        EthernetHeaderView view = new EthernetHeaderView();
        boolean parsed = view.parse(b, off, len);
        if (f != null) {
            assertArrayEquals(s.copy(), f.encode());
            if (f.tags().size() <= EthernetHeaderView.MAX_TAGS) {
                assertTrue(parsed, view.error());
                assertEquals(f.etherType(), view.etherType());
                assertEquals(f.tags().size(), view.tagCount());
            }
            byte[] p = f.payload();
            deep(f.etherType(), p);
        } else {
            assertTrue(!parsed && view.error() != null);
        }
        Lldpdu du = decodeOrNull(() -> Lldpdu.decode(b, off, len));
        if (du != null) {
            assertArrayEquals(s.copy(), du.encode());
            TruncationTest.allTypedViews(du);
        }
        EcpPdu e = decodeOrNull(() -> EcpPdu.decode(b, off, len));
        if (e != null) {
            assertArrayEquals(s.copy(), e.encode());
        }
        VdpPdu v = decodeOrNull(() -> VdpPdu.decode(b, off, len));
        if (v != null) {
            assertArrayEquals(s.copy(), v.encode());
        }
        LldpTlv lt = decodeOrNull(() -> LldpTlv.decode(b, off, len));
        if (lt != null) {
            TruncationTest.typedViews(lt);
        }
        VdpTlv vt = decodeOrNull(() -> VdpTlv.decode(b, off, len));
        if (vt != null) {
            assertArrayEquals(Arrays.copyOfRange(b, off, off + vt.encodedLength()), vt.encode());
        }
        decodeOrNull(() -> VsiTlv.decode(b, off, len));
        for (int type = 0; type <= 5; type++) {
            int t = type;
            decodeOrNull(() -> VsiTlv.decodeValue(t, b, off, len));
        }
        decodeOrNull(() -> ManagerIdTlv.decodeValue(b, off, len));
        decodeOrNull(() -> Tag.decode(b, off, len));
        decodeOrNull(() -> VlanTag.decode(b, off, len));
        decodeOrNull(() -> VnTag.decode(b, off, len));
        decodeOrNull(() -> ETag.decode(b, off, len));
        EvbTlv evb = decodeOrNull(() -> EvbTlv.decodeInfo(b, off, len));
        if (evb != null) {
            assertArrayEquals(s.copy(), evb.info());
        }
        CdcpTlv cdcp = decodeOrNull(() -> CdcpTlv.decodeInfo(b, off, len));
        if (cdcp != null) {
            assertArrayEquals(s.copy(), cdcp.info());
        }
        PreStandardEvbTlv ps = decodeOrNull(() -> PreStandardEvbTlv.decodeInfo(b, off, len));
        if (ps != null) {
            assertArrayEquals(s.copy(), ps.info());
        }
        if (inside) {
            // The same bytes as a capture file: only IOExceptions.
            try {
                PcapReader.readAll(new ByteArrayInputStream(b, off, len));
            } catch (IOException ex) {
                assertNotNull(ex.getMessage());
            } catch (RuntimeException ex) {
                fail("pcap reader threw " + ex, ex);
            }
        }
    }

    /** Decodes the payload by EtherType, as a receiver would. */
    static void deep(int etherType, byte[] p) {
        if (etherType == EtherType.LLDP) {
            Lldpdu du = decodeOrNull(() -> Lldpdu.decode(p, 0, p.length));
            if (du != null) {
                assertArrayEquals(p, du.encode());
                TruncationTest.allTypedViews(du);
            }
        } else if (etherType == EtherType.ECP) {
            EcpPdu e = decodeOrNull(() -> EcpPdu.decode(p, 0, p.length));
            if (e != null) {
                byte[] u = e.payload();
                VdpPdu v = decodeOrNull(() -> VdpPdu.decode(u, 0, u.length));
                if (v != null) {
                    assertArrayEquals(u, v.encode());
                }
            }
        }
    }

    @Property(tries = 2000)
    void randomOrgTlvsIntoTypedViews(@ForAll @IntRange(min = 0x0D, max = 0x0E) int subtype,
                                     @ForAll @Size(max = 40) byte[] info,
                                     @ForAll boolean prestandard) {
        LldpTlv t = prestandard
                ? new OrgTlv(PreStandardEvbTlv.OUI, 0, info).toTlv()
                : new OrgTlv(OrgTlv.OUI_IEEE_8021, subtype, info).toTlv();
        TruncationTest.typedViews(t);
    }

    @Property(tries = 1000)
    void randomTlvsIntoTypedViews(@ForAll @IntRange(min = 0, max = 127) int type, @ForAll @Size(max = 300) byte[] value) {
        TruncationTest.typedViews(new LldpTlv(type, value));
    }

    @Property(tries = 300)
    void randomBytesAsCaptureFiles(@ForAll @Size(max = 300) byte[] tail, @ForAll @IntRange(min = 0, max = 3) int kind) {
        // Valid headers of each kind followed by garbage, so the record parsers are reached.
        String[] heads = {"d4c3b2a102000400000000000000000000000400010000000",
            "a1b2c3d400020004000000000000000000040000000000010",
            "4d3cb2a102000400000000000000000000000400010000000",
            "0a0d0d0a1c0000004d3c2b1a01000000ffffffffffffffff1c000000"};
        String h = heads[kind];
        byte[] head = Vectors.hex(h.length() % 2 == 0 ? h : h.substring(0, h.length() - 1));
        byte[] file = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, file, head.length, tail.length);
        try {
            PcapReader.readAll(new ByteArrayInputStream(file));
        } catch (IOException e) {
            assertNotNull(e.getMessage());
        }
    }

    // ------------------------------------------------------------ round trips

    static Arbitrary<Integer> ints(int min, int max) {
        return Arbitraries.integers().between(min, max);
    }

    static Arbitrary<Boolean> bools() {
        return Arbitraries.of(true, false);
    }

    static Arbitrary<Long> macs() {
        return Arbitraries.longs().between(0, MacAddress.MASK);
    }

    @Provide
    Arbitrary<Tag> tags() {
        Arbitrary<Tag> vlan = Combinators.combine(Arbitraries.of(EtherType.C_TAG, EtherType.S_TAG, EtherType.QINQ_LEGACY),
                ints(0, 7), bools(), ints(0, 4095)).as((t, p, d, v) -> new VlanTag(t, p, d, v));
        Arbitrary<Tag> vn = Combinators.combine(bools(), bools(), ints(0, 0x3FFF), bools(), bools(), ints(0, 3),
                ints(0, 0xFFF)).as((d, p, dv, l, r, ver, sv) -> new VnTag(d, p, dv, l, r, ver, sv));
        Arbitrary<Tag> et = Combinators.combine(ints(0, 7), bools(), ints(0, 0xFFF), ints(0, 3), ints(0, 3), ints(0, 0xFFF),
                ints(0, 255), ints(0, 255)).as((p, d, ib, r, g, eb, ie, ee) -> new ETag(p, d, ib, r, g, eb, ie, ee));
        return Arbitraries.oneOf(vlan, vn, et);
    }

    @Provide
    Arbitrary<EthernetFrame> frames() {
        return Combinators.combine(macs(), macs(), tags().list().ofMaxSize(10),
                Arbitraries.of(EtherType.IPV4, EtherType.IPV6, EtherType.ARP, EtherType.LLDP, EtherType.ECP, 0x0020, 0xFFFF),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
                .as(EthernetFrame::new);
    }

    @Property(tries = 2000)
    void tagsRoundTrip(@ForAll("tags") Tag tag) throws CodecException {
        byte[] b = new byte[tag.length() + 3];
        tag.encode(b, 1);
        assertEquals(tag.tpid(), ((b[1] & 0xFF) << 8) | (b[2] & 0xFF));
        assertEquals(tag, Tag.decode(b, 1, tag.length()));
    }

    @Property(tries = 2000)
    void framesRoundTrip(@ForAll("frames") EthernetFrame f) throws CodecException {
        byte[] b = f.encode();
        assertEquals(f, EthernetFrame.decode(b, 0, b.length));
        EthernetHeaderView view = new EthernetHeaderView();
        assertEquals(f.tags().size() <= EthernetHeaderView.MAX_TAGS, view.parse(b, 0, b.length));
    }

    /** Every field the view reads in place equals the decoded tag's, for every tag kind and depth. */
    @Property(tries = 2000)
    void viewReadsEveryTagAsTheDecoderDoes(@ForAll("frames") EthernetFrame f) {
        byte[] b = f.encode();
        EthernetHeaderView view = new EthernetHeaderView();
        int all = f.tags().size();
        for (int depth = 0; depth <= EthernetHeaderView.MAX_TAGS; depth++) {
            assertTrue(view.parseOuter(b, 0, b.length, depth), view.error());
            int parsed = Math.min(depth, all);
            assertEquals(parsed, view.tagCount());
            assertEquals(parsed == all ? f.etherType() : f.tags().get(parsed).tpid(), view.etherType(),
                    "the type field after the tags parsed");
            assertEquals(parsed == 0 ? 0 : f.tags().get(0).tpid(), view.outerTpid());
            int pos = 12;
            for (int i = 0; i < parsed; i++) {
                Tag t = f.tags().get(i);
                int at = i;
                assertEquals(t.tpid(), view.tagTpid(i));
                assertEquals(pos, view.tagOffset(i));
                assertEquals(t.length(), view.tagLength(i));
                pos += t.length();
                if (t instanceof VlanTag v) {
                    assertEquals(v.pcp(), view.tagPcp(i));
                    assertEquals(v.dei(), view.tagDei(i));
                    assertEquals(v.vid(), view.tagTci(i) & 0xFFF);
                    assertThrows(IllegalStateException.class, () -> view.vnTagWord(at));
                } else if (t instanceof VnTag v) {
                    assertEquals(v.word(), view.vnTagWord(i));
                    assertEquals(v.direction(), view.vnTagDownstream(i));
                    assertEquals(v.pointer(), view.vnTagPointer(i));
                    assertEquals(v.dvif(), view.vnTagDvif(i));
                    assertEquals(v.looped(), view.vnTagLooped(i));
                    assertEquals(v.svif(), view.vnTagSvif(i));
                    assertThrows(IllegalStateException.class, () -> view.eTagEcid(at));
                    assertThrows(IllegalStateException.class, () -> view.tagPcp(at));
                } else if (t instanceof ETag e) {
                    assertEquals(e.pcp(), view.tagPcp(i));
                    assertEquals(e.dei(), view.tagDei(i));
                    assertEquals(e.ingressEcidBase(), view.eTagIngressEcidBase(i));
                    assertEquals(e.ingressEcidExt(), view.eTagIngressEcidExt(i));
                    assertEquals(e.grp(), view.eTagGrp(i));
                    assertEquals(e.ecidBase(), view.eTagEcidBase(i));
                    assertEquals(e.ecid(), view.eTagEcid(i));
                    assertEquals(e.ecidExt(), view.eTagEcidExt(i));
                    assertThrows(IllegalStateException.class, () -> view.vnTagSvif(at));
                }
            }
            assertEquals(pos + 2, view.payloadOffset());
        }
        assertEquals(all <= EthernetHeaderView.MAX_TAGS, view.parse(b, 0, b.length), "the whole stack");
    }

    @Provide
    Arbitrary<EvbTlv> evbTlvs() {
        List<Arbitrary<Integer>> fields = List.of(ints(0, 1), ints(0, 1), ints(0, 1), ints(0, 1), ints(0, 1), ints(0, 3),
                ints(0, 7), ints(0, 31), ints(0, 3), ints(0, 1), ints(0, 31), ints(0, 1), ints(0, 31),
                ints(0, 31), ints(0, 15), ints(0, 3));
        return Combinators.combine(fields).as(v -> new EvbTlv(v.get(0) == 1, v.get(1) == 1, v.get(2) == 1,
                v.get(3) == 1, v.get(4) == 1, v.get(5), v.get(6), v.get(7), v.get(8), v.get(9) == 1, v.get(10),
                v.get(11) == 1, v.get(12), v.get(13), v.get(14), v.get(15)));
    }

    @Property(tries = 2000)
    void evbRoundTrip(@ForAll("evbTlvs") EvbTlv evb) throws CodecException {
        LldpTlv t = evb.toTlv();
        assertEquals(11, t.encodedLength());
        byte[] enc = t.encode();
        assertEquals(evb, EvbTlv.decode(LldpTlv.decode(enc, 0, enc.length)));
        byte[] info = evb.info();
        assertEquals(evb, EvbTlv.decodeInfo(info, 0, info.length));
    }

    @Property(tries = 2000)
    void evbInfoBytesRoundTrip(@ForAll @Size(5) byte[] info) throws CodecException {
        assertArrayEquals(info, EvbTlv.decodeInfo(info, 0, 5).info());
    }

    @Provide
    Arbitrary<CdcpTlv> cdcpTlvs() {
        Arbitrary<ChannelPair> pair = Combinators.combine(ints(0, 4095), ints(0, 4095)).as(ChannelPair::new);
        return Combinators.combine(ints(0, 1), bools(), ints(0, 4095), ints(0, 7), ints(0, 0x7FFF),
                pair.list().ofMaxSize(CdcpTlv.MAX_PAIRS)).as(CdcpTlv::new);
    }

    @Property(tries = 1000)
    void cdcpRoundTrip(@ForAll("cdcpTlvs") CdcpTlv cdcp) throws CodecException {
        byte[] enc = cdcp.toTlv().encode();
        Lldpdu du = Lldpdu.decode(enc, 0, enc.length);
        assertEquals(cdcp, du.cdcp().orElseThrow());
        assertEquals(4 + 3 * cdcp.pairs().size(), cdcp.info().length);
    }

    @Property(tries = 1000)
    void preStandardEvbRoundTrip(@ForAll @IntRange(min = 0, max = 255) int sm, @ForAll @IntRange(min = 0, max = 255) int sc,
                                 @ForAll @IntRange(min = 0, max = 255) int cm, @ForAll @IntRange(min = 0, max = 255) int cc,
                                 @ForAll @IntRange(min = 0, max = 65535) int sv, @ForAll @IntRange(min = 0, max = 65535) int cv,
                                 @ForAll @IntRange(min = 0, max = 255) int rte) throws CodecException {
        PreStandardEvbTlv t = new PreStandardEvbTlv(sm, sc, cm, cc, sv, cv, rte);
        assertEquals(t, PreStandardEvbTlv.decode(t.toTlv()));
    }

    @Property(tries = 2000)
    void ecpRoundTrip(@ForAll @IntRange(min = 0, max = 15) int version, @ForAll @IntRange(min = 0, max = 3) int op,
                      @ForAll @IntRange(min = 0, max = 1023) int subtype, @ForAll @IntRange(min = 0, max = 65535) int seq,
                      @ForAll @Size(max = 100) byte[] payload) throws CodecException {
        EcpPdu p = new EcpPdu(version, op, subtype, seq, payload);
        byte[] b = p.encode();
        assertEquals(p, EcpPdu.decode(b, 0, b.length));
        EcpPdu ack = p.ack();
        assertEquals(EcpPdu.OP_ACK, ack.op());
        assertEquals(seq, ack.sequence());
        assertEquals(4, ack.encode().length);
    }

    static Arbitrary<FilterEntry> entries(int format) {
        boolean group = format == VsiTlv.FILTER_GROUP_VID || format == VsiTlv.FILTER_GROUP_MAC_VID;
        boolean mac = format == VsiTlv.FILTER_MAC_VID || format == VsiTlv.FILTER_GROUP_MAC_VID;
        return Combinators.combine(group ? Arbitraries.integers() : Arbitraries.just(0),
                mac ? macs() : Arbitraries.just(0L), bools(), ints(0, 7), ints(0, 4095)).as(FilterEntry::new);
    }

    @Provide
    Arbitrary<VsiTlv> vsiTlvs() {
        return ints(1, 4).flatMap(ff -> Combinators.combine(ints(1, 4), ints(0, 255), ints(0, 0xFFFFFF), ints(0, 255),
                ints(0, 255), Arbitraries.bytes().array(byte[].class).ofSize(16),
                entries(ff).list().ofMaxSize((VdpTlv.MAX_VALUE_LENGTH - VsiTlv.FIXED_LENGTH) / VsiTlv.filterEntrySize(ff)))
                .as((type, status, typeId, ver, vf, vsiid, list) -> new VsiTlv(type, status, typeId, ver, vf, vsiid, ff, list)));
    }

    @Property(tries = 2000)
    void vsiRoundTrip(@ForAll("vsiTlvs") VsiTlv vsi, @ForAll @Size(16) byte[] mgr, @ForAll @IntRange(min = 0, max = 30) int pad)
            throws CodecException {
        byte[] b = vsi.encode();
        assertEquals(2 + 25 + vsi.entries().size() * VsiTlv.filterEntrySize(vsi.filterFormat()), b.length);
        assertEquals(vsi, VsiTlv.decode(b, 0, b.length));
        VdpPdu pdu = new VdpPdu(List.of(new ManagerIdTlv(mgr), vsi), new byte[pad]);
        byte[] enc = pdu.encode();
        VdpPdu back = VdpPdu.decode(enc, 0, enc.length);
        assertEquals(pdu, back);
        assertEquals(vsi.response(3, true, true).status(), VsiTlv.STATUS_RESPONSE | 0x20 | 0x10 | 3);
    }

    // ------------------------------------------------------------ frame buffer

    @Property(tries = 1000)
    void pushedAndPoppedTagStacksRestoreTheFrame(@ForAll("frames") EthernetFrame f,
                                                 @ForAll @IntRange(min = 0, max = 70) int headroom,
                                                 @ForAll boolean allocationFree) {
        List<Tag> tags = f.tags();
        int tagBytes = tags.stream().mapToInt(Tag::length).sum();
        EthernetFrame untagged = f.withTags(List.of());
        byte[] base = untagged.encode();
        Frame fr = new Frame(headroom, base.length + tagBytes);
        fr.copyFrom(base, 0, base.length);
        for (int i = tags.size() - 1; i >= 0; i--) {
            if (allocationFree && tags.get(i) instanceof VlanTag v) {
                fr.pushVlanTag(v.tpid(), v.pcp(), v.dei(), v.vid());
            } else {
                fr.pushTag(tags.get(i));
            }
        }
        assertArrayEquals(f.encode(), fr.toByteArray());
        List<Integer> popped = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            popped.add(fr.popTag());
        }
        assertEquals(tags.stream().map(Tag::length).toList(), popped);
        assertEquals(0, fr.popTag());
        assertArrayEquals(base, fr.toByteArray());
    }

    // ------------------------------------------------------------ capture files

    @Property(tries = 300)
    void captureFilesRoundTrip(@ForAll @Size(max = 20) List<@Size(max = 100) byte[]> frames,
                               @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seconds,
                               @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                               @ForAll boolean nanosecond) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long ts = seconds * 1_000_000_000L + nanos;
        try (PcapWriter w = new PcapWriter(out, nanosecond)) {
            for (byte[] fr : frames) {
                w.write(ts, fr);
            }
        }
        List<PcapReader.Record> back = PcapReader.readAll(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(frames.size(), back.size());
        long expected = nanosecond ? ts : ts - ts % 1000;
        for (int i = 0; i < frames.size(); i++) {
            assertArrayEquals(frames.get(i), back.get(i).data());
            assertEquals(expected, back.get(i).timestampNanos());
            assertEquals(frames.get(i).length, back.get(i).originalLength());
        }
    }
}
