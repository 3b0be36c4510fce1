package org.openevb.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.EthernetFrame;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ethernet.VlanTag;
import org.openevb.codec.ethernet.VnTag;

/** Tag push and pop on the data-path frame buffer. */
class FrameTest {

    static Frame load(byte[] bytes) {
        Frame f = new Frame(1518);
        f.copyFrom(bytes, 0, bytes.length);
        return f;
    }

    /** The payload region (after the tag stack) of the buffer, by absolute index. */
    record Region(byte[] buffer, int from, int to, byte[] content) {
        static Region of(Frame f, int headerLength) {
            int from = f.offset() + headerLength;
            int to = f.offset() + f.length();
            return new Region(f.buffer(), from, to, Arrays.copyOfRange(f.buffer(), from, to));
        }

        void assertUntouched(Frame f) {
            assertSame(buffer, f.buffer());
            assertEquals(to, f.offset() + f.length(), "frame end moved");
            assertArrayEquals(content, Arrays.copyOfRange(f.buffer(), from, to), "payload bytes moved or changed");
        }
    }

    @Test
    void layoutAndAccessors() {
        byte[] v = Vectors.frame(Vectors.A, 1);
        Frame f = load(v);
        assertEquals(Frame.DEFAULT_HEADROOM, f.offset());
        assertEquals(Frame.DEFAULT_HEADROOM, f.headroom());
        assertEquals(1518, f.capacity());
        assertEquals(1518 - v.length, f.tailroom());
        assertEquals(MacAddress.parse("02:00:00:00:00:02"), f.destination());
        assertEquals(MacAddress.parse("02:00:00:00:00:01"), f.source());
        assertEquals(EtherType.C_TAG, f.typeAt12());
        assertArrayEquals(v, f.toByteArray());
        Frame copy = new Frame(100);
        f.copyTo(copy);
        assertArrayEquals(v, copy.toByteArray());
        assertThrows(IllegalArgumentException.class, () -> new Frame(10).copyFrom(v, 0, v.length));
        assertThrows(IllegalArgumentException.class, () -> f.setLength(f.buffer().length));
    }

    @Test
    void pushSTagOntoCTaggedFrameAndPopBack() throws Exception {
        // Vector a2 is S-VID 10 (PCP 3) over C-VID 100; strip its S-tag, then push it back.
        byte[] a2 = Vectors.frame(Vectors.A, 2);
        Frame f = load(a2);
        Region payload = Region.of(f, 12 + 4 + 4 + 2);
        assertEquals(4, f.popTag());
        assertEquals(EtherType.C_TAG, f.typeAt12());
        EthernetFrame cOnly = EthernetFrame.decode(a2, 0, a2.length);
        assertArrayEquals(cOnly.withTags(cOnly.tags().subList(1, 2)).encode(), f.toByteArray());
        payload.assertUntouched(f);

        f.pushTag(VlanTag.sTag(3, false, 10));
        assertArrayEquals(a2, f.toByteArray());
        payload.assertUntouched(f);

        // The allocation-free variant writes the same bytes.
        f.popTag();
        f.pushVlanTag(EtherType.S_TAG, 3, false, 10);
        assertArrayEquals(a2, f.toByteArray());
        payload.assertUntouched(f);
    }

    @Test
    void popAllTagsThenPushThemBack() {
        for (String file : List.of(Vectors.A, Vectors.B)) {
            for (byte[] v : Vectors.frames(file)) {
                Frame f = load(v);
                int headerLength = 14;
                int t = f.typeAt12();
                int pos = 12;
                java.util.ArrayList<byte[]> tagBytes = new java.util.ArrayList<>();
                while (EtherType.isTag(t)) {
                    int n = EtherType.tagLength(t);
                    tagBytes.add(Arrays.copyOfRange(v, pos, pos + n));
                    pos += n;
                    headerLength += n;
                    t = ((v[pos] & 0xFF) << 8) | (v[pos + 1] & 0xFF);
                }
                Region payload = Region.of(f, headerLength);
                for (byte[] tb : tagBytes) {
                    assertEquals(tb.length, f.popTag());
                }
                assertEquals(0, f.popTag());
                payload.assertUntouched(f);
                for (int i = tagBytes.size() - 1; i >= 0; i--) {
                    byte[] tb = tagBytes.get(i);
                    f.pushTag(org.openevb.codec.ethernet.Tag.class.cast(decodeTag(tb)));
                }
                assertArrayEquals(v, f.toByteArray());
                payload.assertUntouched(f);
            }
        }
    }

    static org.openevb.codec.ethernet.Tag decodeTag(byte[] tb) {
        return Vectors.decodeOrNull(() -> org.openevb.codec.ethernet.Tag.decode(tb, 0, tb.length));
    }

    @Test
    void pushVnTagAndETagGiveTheVectors() throws Exception {
        // b6 = VN-Tag over C-tag VID 10; b8 = E-Tag over C-tag VID 10.
        byte[] b6 = Vectors.frame(Vectors.B, 6);
        Frame f = load(b6);
        assertEquals(6, f.popTag());
        Region payload = Region.of(f, 12 + 4 + 2);
        f.pushTag(new VnTag(false, true, 0x2abc, true, false, 0, 0x7ff));
        assertArrayEquals(b6, f.toByteArray());
        payload.assertUntouched(f);

        byte[] b8 = Vectors.frame(Vectors.B, 8);
        f = load(b8);
        assertEquals(8, f.popTag());
        payload = Region.of(f, 12 + 4 + 2);
        f.pushTag(new ETag(0, false, 0, 0, 1, 0x3ff, 0, 1));
        assertArrayEquals(b8, f.toByteArray());
        payload.assertUntouched(f);
        EthernetHeaderView view = new EthernetHeaderView();
        assertTrue(view.parseOuter(f, 1));
        assertEquals(f.offset() + 12, view.tagOffset(0), "the view reads the frame where it now starts");
        assertEquals(0x13ff, view.eTagEcid(0));
        assertEquals(1, view.eTagEcidExt(0));
        assertEquals(EtherType.C_TAG, view.etherType());
        assertTrue(view.parse(f));
        assertEquals(10, view.tagTci(1) & 0xFFF);
        assertEquals(8, f.popTag());
        assertEquals(4, f.popTag());
        assertEquals(0, f.popTag());
    }

    @Test
    void headroomExhaustedUsesTailroom() {
        byte[] a1 = Vectors.frame(Vectors.A, 1);
        Frame f = new Frame(4, 100);
        f.copyFrom(a1, 0, a1.length);
        f.pushTag(VlanTag.sTag(1, false, 7));           // fits in the 4-byte headroom
        assertEquals(0, f.headroom());
        ETag e = ETag.upstream(0, false, 42);
        f.pushTag(e);                                   // no headroom left: moves into the tailroom
        assertEquals(0, f.headroom());
        EthernetFrame orig = Vectors.decodeOrNull(() -> EthernetFrame.decode(a1, 0, a1.length));
        List<org.openevb.codec.ethernet.Tag> tags = List.of(e, VlanTag.sTag(1, false, 7), orig.tags().get(0));
        assertArrayEquals(orig.withTags(tags).encode(), f.toByteArray());
        f.pushVlanTag(EtherType.C_TAG, 0, false, 5);
        assertEquals(4, f.popTag());
        assertEquals(8, f.popTag());
        assertEquals(4, f.popTag());
        assertArrayEquals(a1, f.toByteArray());

        Frame tight = new Frame(2, a1.length + 3);
        tight.copyFrom(a1, 0, a1.length);
        assertThrows(IllegalStateException.class, () -> tight.pushTag(VlanTag.cTag(0, false, 1)));
        assertArrayEquals(a1, tight.toByteArray());
    }

    @Test
    void padToSixty() {
        byte[] ack = Vectors.frame(Vectors.LLDPAD_ECP_VDP, 2);
        Frame f = load(ack);
        f.buffer()[f.offset() + 30] = 0x55; // stale data in the tailroom must not leak into the padding
        f.padTo(60);
        assertEquals(60, f.length());
        byte[] expected = Arrays.copyOf(ack, 60);
        assertArrayEquals(expected, f.toByteArray());
        f.padTo(20);
        assertEquals(60, f.length());
        Frame small = new Frame(0, 20);
        small.copyFrom(ack, 0, 18);
        assertThrows(IllegalStateException.class, () -> small.padTo(60));
    }

    @Test
    void popOnShortOrUntaggedFramesChangesNothing() {
        Frame f = new Frame(100);
        f.copyFrom(Vectors.hex("0200000000020200000000018100"), 0, 14);
        assertEquals(0, f.popTag());
        assertEquals(14, f.length());
        f.copyFrom(Vectors.hex("020000000002020000000001"), 0, 12);
        assertEquals(0, f.popTag());
        assertThrows(IllegalStateException.class, f::typeAt12);
        f.copyFrom(Vectors.hex("020000000002020000000001810000"), 0, 15);
        assertThrows(IllegalStateException.class, f::tciAt14, "a TCI cut short");
        f.clear();
        assertThrows(IllegalStateException.class, () -> f.pushTag(VlanTag.cTag(0, false, 1)));
    }

    @Test
    void theOuterVidIsReplacedKeepingPriorityAndDei() {
        Frame f = new Frame(1518);
        f.copyFrom(new byte[60], 0, 60);
        f.pushVlanTag(EtherType.C_TAG, 5, true, 0);
        f.setOuterVid(4094);
        assertEquals(0xB000 | 4094, f.tciAt14());
        EthernetHeaderView h = new EthernetHeaderView();
        assertTrue(h.parse(f));
        assertEquals(4094, h.outerVid());
        assertEquals(5, h.outerPcp());
        assertTrue(h.tagDei(0));
        assertThrows(IllegalArgumentException.class, () -> f.setOuterVid(4096));
        Frame untagged = load(new byte[60]);
        assertThrows(IllegalStateException.class, () -> untagged.setOuterVid(1));
    }
}
