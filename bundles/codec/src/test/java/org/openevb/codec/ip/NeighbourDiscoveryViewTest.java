package org.openevb.codec.ip;

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
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ethernet.Tag;

/** The ND view on hand-made messages under several tag stacks, every cut of them, and random bytes. */
class NeighbourDiscoveryViewTest {

    private static final HexFormat HEX = HexFormat.of();

    /** A neighbour advertisement of fd00::1 from fe80::, with a target link-layer address option. */
    static final byte[] ADVERTISEMENT = packet("88", "fd000000000000000000000000000001", "0201020000000001");

    private final EthernetHeaderView eth = new EthernetHeaderView();
    private final NeighbourDiscoveryView view = new NeighbourDiscoveryView();

    static byte[] packet(String icmpType, String target, String options) {
        String icmp = icmpType + "00 0000 60000000" + target + options;
        int length = icmp.replace(" ", "").length() / 2;
        return HEX.parseHex((String.format("60000000 %04x 3a ff", length) + "fe80" + "00".repeat(14) + "ff02"
                + "00".repeat(13) + "01" + icmp).replace(" ", ""));
    }

    @Test
    void anAdvertisementUnderEveryStack() {
        for (List<Tag> tags : IpHeaderViewTest.STACKS) {
            assertTrue(parse(ADVERTISEMENT, EtherType.IPV6, tags), tags.toString());
            assertEquals(NeighbourDiscoveryView.NEIGHBOUR_ADVERTISEMENT, view.type());
            assertEquals(0xfd00000000000000L, view.targetHigh());
            assertEquals(1, view.targetLow());
        }
    }

    @Test
    void aSolicitationAndWhatIsNoNd() {
        assertTrue(parse(packet("87", "fd000000000000000000000000000002", ""), EtherType.IPV6, List.of()));
        assertEquals(NeighbourDiscoveryView.NEIGHBOUR_SOLICITATION, view.type());
        assertEquals(2, view.targetLow());
        assertFalse(parse(packet("80", "fd000000000000000000000000000002", ""), EtherType.IPV6, List.of()));
        assertEquals(NeighbourDiscoveryView.ERROR_NOT_ND, view.error());
        assertEquals(0, view.type());
        assertFalse(parse(ADVERTISEMENT, EtherType.IPV4, List.of()));
        assertEquals(NeighbourDiscoveryView.ERROR_NOT_ICMPV6, view.error());
        assertFalse(parse(DhcpViewTest.ADVERTISE6, EtherType.IPV6, List.of()), "UDP, and short");
        byte[] udp = ADVERTISEMENT.clone();
        udp[6] = 17;
        assertFalse(parse(udp, EtherType.IPV6, List.of()));
        assertEquals(NeighbourDiscoveryView.ERROR_NOT_ICMPV6, view.error());
    }

    @Test
    void everyTruncation() {
        for (List<Tag> tags : IpHeaderViewTest.STACKS) {
            byte[] whole = IpHeaderViewTest.frame(tags, EtherType.IPV6, ADVERTISEMENT);
            int header = whole.length - ADVERTISEMENT.length;
            for (int cut = header; cut <= whole.length; cut++) {
                Frame f = frameOf(whole, cut);
                boolean ok = view.parse(eth, f);
                assertEquals(cut - header >= 64, ok, "cut at " + (cut - header));
                if (!ok) {
                    assertEquals(NeighbourDiscoveryView.ERROR_TRUNCATED, view.error());
                    assertEquals(0, view.targetLow());
                }
            }
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(13);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(100)];
            random.nextBytes(b);
            if (b.length > 64 && random.nextBoolean()) {
                b[6] = 58;
                b[40] = (byte) 136;
            }
            if (!view.parse(b, 0, b.length, EtherType.IPV6)) {
                assertNotNull(view.error());
            }
        }
        assertFalse(view.parse(null, 0, 64, EtherType.IPV6));
        assertFalse(view.parse(ADVERTISEMENT, 10, ADVERTISEMENT.length, EtherType.IPV6));
    }

    private boolean parse(byte[] packet, int etherType, List<Tag> tags) {
        byte[] frame = IpHeaderViewTest.frame(tags, etherType, packet);
        return view.parse(eth, frameOf(frame, frame.length));
    }

    private Frame frameOf(byte[] bytes, int length) {
        Frame f = new Frame(bytes.length);
        f.copyFrom(bytes, 0, length);
        assertTrue(eth.parse(f), eth.error());
        return f;
    }
}
