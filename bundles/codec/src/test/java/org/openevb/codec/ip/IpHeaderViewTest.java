package org.openevb.codec.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openevb.codec.EtherType;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.EthernetFrame;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ethernet.Tag;
import org.openevb.codec.ethernet.VlanTag;
import org.openevb.codec.ethernet.VnTag;

/**
 * The IP view behind every tag stack reads what the decoder's payload holds: the same packet,
 * wrapped in no tag, a C-tag, S+C tags, an E-Tag and a VN-Tag, gives the same fields; every cut of
 * every packet gives absent fields and a reason, never an exception.
 */
class IpHeaderViewTest {

    private static final HexFormat HEX = HexFormat.of();

    /** IPv4 10.0.0.1 -> 10.0.0.2, TCP 40000 -> 80, SYN, total length 40. */
    static final byte[] TCP4 = HEX.parseHex("4500002800014000400600000a0000010a000002"
            + "9c4000500000000100000000" + "5002" + "ffff00000000");
    /** IPv6 fd00::1 -> fd00::2 with a hop-by-hop header, UDP 5353 -> 53. */
    static final byte[] UDP6 = HEX.parseHex("6000000000100040" + "fd000000000000000000000000000001"
            + "fd000000000000000000000000000002" + "1100000000000000" + "14e9003500080000");
    /** IPv4 later fragment of UDP: no ports. */
    static final byte[] FRAGMENT4 = HEX.parseHex("4500002000014001401100000a0000010a000002" + "14e9003500080000"
            + "00000000");

    static final List<List<Tag>> STACKS = List.of(
            List.of(),
            List.of(VlanTag.cTag(5, false, 100)),
            List.of(VlanTag.sTag(0, false, 10), VlanTag.cTag(3, true, 20)),
            List.of(ETag.upstream(0, false, 7)),
            List.of(VnTag.upstream(3), VlanTag.cTag(0, false, 30)));

    private final EthernetHeaderView eth = new EthernetHeaderView();
    private final IpHeaderView view = new IpHeaderView();
    private final IpHeaderView reference = new IpHeaderView();

    @Test
    void tcpOverIpv4UnderEveryStack() throws Exception {
        for (List<Tag> tags : STACKS) {
            byte[] frame = frame(tags, EtherType.IPV4, TCP4);
            assertTrue(parse(frame), tags.toString());
            assertEquals(4, view.version());
            assertEquals(0x0a000001, view.source4());
            assertEquals(0x0a000002, view.destination4());
            assertEquals(IpHeaderView.TCP, view.protocol());
            assertEquals(40000, view.sourcePort());
            assertEquals(80, view.destinationPort());
            assertEquals(0x02, view.tcpFlags());
            sameAsDecoder(frame);
        }
    }

    @Test
    void udpOverIpv6WithAnExtensionHeaderUnderEveryStack() throws Exception {
        for (List<Tag> tags : STACKS) {
            byte[] frame = frame(tags, EtherType.IPV6, UDP6);
            assertTrue(parse(frame), tags.toString());
            assertEquals(6, view.version());
            assertEquals(0xfd00000000000000L, view.source6High());
            assertEquals(1, view.source6Low());
            assertEquals(0xfd00000000000000L, view.destination6High());
            assertEquals(2, view.destination6Low());
            assertEquals(IpHeaderView.UDP, view.protocol());
            assertEquals(5353, view.sourcePort());
            assertEquals(53, view.destinationPort());
            assertEquals(IpHeaderView.NONE, view.tcpFlags());
            sameAsDecoder(frame);
        }
    }

    @Test
    void aLaterFragmentHasNoPorts() throws Exception {
        assertTrue(parse(frame(List.of(), EtherType.IPV4, FRAGMENT4)));
        assertEquals(4, view.version());
        assertEquals(IpHeaderView.UDP, view.protocol());
        assertEquals(IpHeaderView.NONE, view.sourcePort());
        assertEquals(IpHeaderView.NONE, view.destinationPort());
    }

    @Test
    void notIpHasNothing() throws Exception {
        assertTrue(parse(frame(List.of(VlanTag.cTag(0, false, 5)), EtherType.ARP, new byte[28])));
        assertEquals(0, view.version());
        assertEquals(IpHeaderView.NONE, view.protocol());
    }

    @Test
    void aVersionThatContradictsTheEtherTypeIsNoIp() throws Exception {
        assertFalse(parse(frame(List.of(), EtherType.IPV6, TCP4)));
        assertEquals(IpHeaderView.ERROR_IP_VERSION, view.error());
        assertEquals(0, view.version());
        assertEquals(IpHeaderView.NONE, view.destinationPort());
    }

    /** Every cut of every packet under every stack: absent fields and a reason, never an exception. */
    @Test
    void everyTruncation() throws Exception {
        for (List<Tag> tags : STACKS) {
            for (byte[] packet : List.of(TCP4, UDP6)) {
                int type = packet == TCP4 ? EtherType.IPV4 : EtherType.IPV6;
                byte[] whole = frame(tags, type, packet);
                int header = whole.length - packet.length;
                for (int cut = header; cut < whole.length; cut++) {
                    assertTrue(eth.parse(whole, 0, cut));
                    boolean ok = view.parse(eth, whole);
                    int l4 = packet == TCP4 ? 20 : 48;
                    int need = l4 + (packet == TCP4 ? 14 : 4);
                    int have = cut - header;
                    assertEquals(have >= need, ok, "cut at " + have + " of " + packet.length + " " + tags);
                    if (have < (packet == TCP4 ? 20 : 40)) {
                        assertEquals(0, view.version());
                    }
                    if (!ok) {
                        assertEquals(IpHeaderView.NONE, view.destinationPort());
                        assertTrue(view.error() != null);
                    }
                }
            }
        }
    }

    private boolean parse(byte[] frame) {
        assertTrue(eth.parse(frame, 0, frame.length), eth.error());
        return view.parse(eth, frame);
    }

    /** The decoder's payload, parsed on its own, gives the same fields as the view behind the tags. */
    private void sameAsDecoder(byte[] frame) throws Exception {
        EthernetFrame decoded = EthernetFrame.decode(frame);
        byte[] payload = decoded.payload();
        reference.parse(payload, 0, payload.length, decoded.etherType());
        assertEquals(reference.version(), view.version());
        assertEquals(reference.protocol(), view.protocol());
        assertEquals(reference.source4(), view.source4());
        assertEquals(reference.destination6Low(), view.destination6Low());
        assertEquals(reference.sourcePort(), view.sourcePort());
        assertEquals(reference.destinationPort(), view.destinationPort());
        assertEquals(reference.tcpFlags(), view.tcpFlags());
    }

    static byte[] frame(List<Tag> tags, int etherType, byte[] payload) {
        return new EthernetFrame(0x020000000002L, 0x020000000001L, tags, etherType, payload).encode();
    }
}
