package org.openevb.codec.arp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.ethernet.EthernetFrame;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ethernet.Tag;
import org.openevb.codec.ethernet.VlanTag;

/** The ARP view on hand-made packets under several tag stacks, every cut of them, and random bytes. */
class ArpViewTest {

    private static final HexFormat HEX = HexFormat.of();
    /** A reply: 02:00:00:00:00:01 is at 10.0.0.1, to 02:00:00:00:00:fe at 10.0.0.254. */
    static final byte[] REPLY = HEX.parseHex("0001080006040002" + "020000000001" + "0a000001" + "0200000000fe"
            + "0a0000fe");

    static final List<List<Tag>> STACKS = List.of(
            List.of(),
            List.of(VlanTag.cTag(5, false, 100)),
            List.of(VlanTag.sTag(0, false, 10), VlanTag.cTag(3, true, 20)));

    private final EthernetHeaderView eth = new EthernetHeaderView();
    private final ArpView view = new ArpView();

    @Test
    void aReplyUnderEveryStack() {
        for (List<Tag> tags : STACKS) {
            assertTrue(parse(frame(tags, EtherType.ARP, REPLY)), tags.toString());
            assertEquals(ArpView.REPLY, view.operation());
            assertEquals(0x020000000001L, view.senderMac());
            assertEquals(0x0a000001, view.senderIp4());
            assertEquals(0x0200000000feL, view.targetMac());
            assertEquals(0x0a0000fe, view.targetIp4());
            assertEquals(null, view.error());
        }
    }

    @Test
    void otherTypesAndLengthsAreNoArpForIpv4() {
        assertFalse(parse(frame(List.of(), EtherType.IPV4, REPLY)));
        assertEquals(ArpView.ERROR_NOT_ARP, view.error());
        for (int at : new int[] {1, 2, 4, 5}) {
            byte[] other = REPLY.clone();
            other[at] ^= 0x10;
            assertFalse(parse(frame(List.of(), EtherType.ARP, other)), "byte " + at);
            assertEquals(ArpView.ERROR_NOT_IPV4_OVER_ETHERNET, view.error());
            assertEquals(0, view.senderIp4());
        }
    }

    @Test
    void everyTruncation() {
        for (List<Tag> tags : STACKS) {
            byte[] whole = frame(tags, EtherType.ARP, REPLY);
            int header = whole.length - REPLY.length;
            for (int cut = header; cut < whole.length; cut++) {
                assertTrue(eth.parse(whole, 0, cut));
                assertFalse(view.parse(eth, frameOf(whole, cut)), "cut at " + cut);
                assertEquals(ArpView.ERROR_TRUNCATED, view.error());
            }
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(80)];
            random.nextBytes(b);
            if (b.length > 30 && random.nextBoolean()) {
                System.arraycopy(REPLY, 0, b, b.length - 28, 6); // now and then a valid start
            }
            boolean ok = view.parse(b, 0, b.length);
            if (!ok) {
                assertNotNull(view.error());
            }
        }
        assertFalse(view.parse(null, 0, 28));
        assertFalse(view.parse(REPLY, 1, 28));
    }

    private boolean parse(byte[] frame) {
        assertTrue(eth.parse(frame, 0, frame.length), eth.error());
        return view.parse(eth, frameOf(frame, frame.length));
    }

    private Frame frameOf(byte[] bytes, int length) {
        Frame f = new Frame(bytes.length);
        f.copyFrom(bytes, 0, length);
        assertTrue(eth.parse(f));
        return f;
    }

    static byte[] frame(List<Tag> tags, int etherType, byte[] payload) {
        return new EthernetFrame(0xffffffffffffL, 0x020000000001L, tags, etherType, payload).encode();
    }
}
