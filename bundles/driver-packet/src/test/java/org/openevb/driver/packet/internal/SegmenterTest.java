package org.openevb.driver.packet.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.driver.packet.internal.TestPackets.*;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmenterTest {

    private static final int[][] NO_TAGS = {};
    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;
    private static final int CWR = 0x80;

    private final Segmenter segmenter = new Segmenter(65536 + 64);
    private final List<byte[]> out = new ArrayList<>();

    private Segmenter.Result segment(byte[] f, int length, int type, int size, int csumStart) {
        return segmenter.segment(f, length, type, size, csumStart, (b, off, len) -> out.add(Arrays.copyOfRange(b, off, off + len)));
    }

    @Test
    void tcpOverIpv4IsCutIntoMssSizedSegments() {
        byte[] data = payload(3000, 42);
        long seq = 0xFFFF_FC00L; // wraps within the frame
        byte[] f = frame(NO_TAGS, true, 6, tcp(seq, ACK | PSH | FIN | CWR, data));
        int l4 = 14 + 20;

        assertEquals(Segmenter.Result.OK, segment(f, f.length, Segmenter.GSO_TCPV4, 1448, l4));

        assertEquals(3, out.size());
        int[] sizes = {1448, 1448, 104};
        int[] flags = {ACK | CWR, ACK, ACK | PSH | FIN};
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            byte[] s = out.get(i);
            assertEquals(l4 + 32 + sizes[i], s.length, "segment " + i);
            assertEquals(20 + 32 + sizes[i], u16(s, 14 + 2), "IPv4 total length");
            assertEquals(0x1234 + i, u16(s, 14 + 4), "IPv4 ID");
            assertTrue(ipv4HeaderValid(s, 14), "IPv4 header checksum");
            assertEquals((seq + 1448L * i) & 0xFFFF_FFFFL, u32(s, l4 + 4), "sequence number");
            assertEquals(flags[i], s[l4 + 13] & 0xFF, "flags");
            assertTrue(l4Valid(s, s.length, 14, true, 6), "TCP checksum of segment " + i);
            assertArrayEquals(Arrays.copyOfRange(f, 0, 12), Arrays.copyOfRange(s, 0, 12));
            joined.write(s, l4 + 32, sizes[i]);
        }
        assertArrayEquals(data, joined.toByteArray());
    }

    @Test
    void tcpOverIpv6IsCutIntoMssSizedSegments() {
        byte[] data = payload(3000, 43);
        byte[] f = frame(NO_TAGS, false, 6, tcp(1000, ACK | PSH, data));
        int l4 = 14 + 40;

        assertEquals(Segmenter.Result.OK, segment(f, f.length, Segmenter.GSO_TCPV6 | Segmenter.GSO_ECN, 1448, l4));

        assertEquals(3, out.size());
        int[] sizes = {1448, 1448, 104};
        for (int i = 0; i < 3; i++) {
            byte[] s = out.get(i);
            assertEquals(l4 + 32 + sizes[i], s.length);
            assertEquals(32 + sizes[i], u16(s, 14 + 4), "IPv6 payload length");
            assertEquals(1000 + 1448L * i, u32(s, l4 + 4));
            assertEquals(i == 2 ? ACK | PSH : ACK, s[l4 + 13] & 0xFF);
            assertTrue(l4Valid(s, s.length, 14, false, 6), "TCP checksum of segment " + i);
            assertArrayEquals(Arrays.copyOfRange(data, 1448 * i, 1448 * i + sizes[i]),
                    Arrays.copyOfRange(s, l4 + 32, s.length));
        }
    }

    @Test
    void taggedFramesKeepTheirTagsInEverySegment() {
        int[][] tags = {{0x88A8, 0x0064}, {0x8100, 0x000A}};
        byte[] f = frame(tags, true, 6, tcp(5, ACK, payload(2000, 44)));
        int l3 = 14 + 8;

        assertEquals(Segmenter.Result.OK, segment(f, f.length, Segmenter.GSO_TCPV4, 1000, l3 + 20));

        assertEquals(2, out.size());
        for (byte[] s : out) {
            assertArrayEquals(Arrays.copyOfRange(f, 0, l3), Arrays.copyOfRange(s, 0, l3));
            assertTrue(ipv4HeaderValid(s, l3));
            assertTrue(l4Valid(s, s.length, l3, true, 6));
        }
    }

    @Test
    void udpL4OverIpv4AndIpv6GivesDatagramsWithTheirOwnLengths() {
        for (boolean v4 : new boolean[] {true, false}) {
            out.clear();
            byte[] data = payload(3000, 45);
            byte[] f = frame(NO_TAGS, v4, 17, udp(data));
            int l4 = 14 + (v4 ? 20 : 40);

            assertEquals(Segmenter.Result.OK, segment(f, f.length, Segmenter.GSO_UDP_L4, 1400, l4));

            assertEquals(3, out.size());
            int[] sizes = {1400, 1400, 200};
            for (int i = 0; i < 3; i++) {
                byte[] s = out.get(i);
                assertEquals(l4 + 8 + sizes[i], s.length);
                assertEquals(8 + sizes[i], u16(s, l4 + 4), "UDP length");
                if (v4) {
                    assertEquals(20 + 8 + sizes[i], u16(s, 14 + 2));
                    assertTrue(ipv4HeaderValid(s, 14));
                } else {
                    assertEquals(8 + sizes[i], u16(s, 14 + 4));
                }
                assertTrue(l4Valid(s, s.length, 14, v4, 17), "UDP checksum of datagram " + i + (v4 ? " v4" : " v6"));
                assertArrayEquals(Arrays.copyOfRange(data, 1400 * i, 1400 * i + sizes[i]),
                        Arrays.copyOfRange(s, l4 + 8, s.length));
            }
        }
    }

    @Test
    void ufoOverIpv4GivesFragmentsOfOneChecksummedDatagram() {
        byte[] data = payload(3000, 46);
        byte[] f = frame(NO_TAGS, true, 17, udp(data));
        int l4 = 14 + 20;

        assertEquals(Segmenter.Result.OK, segment(f, f.length, Segmenter.GSO_UDP, 1480, l4));

        assertEquals(3, out.size());
        ByteArrayOutputStream datagram = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            byte[] s = out.get(i);
            int fragment = u16(s, 14 + 6);
            assertEquals(1480 * i / 8, fragment & 0x1FFF, "fragment offset");
            assertEquals(i < 2, (fragment & 0x2000) != 0, "more fragments");
            assertEquals(s.length - 14, u16(s, 14 + 2));
            assertEquals(0x1234, u16(s, 14 + 4), "one ID for all fragments");
            assertTrue(ipv4HeaderValid(s, 14));
            datagram.write(s, l4, s.length - l4);
        }
        byte[] whole = datagram.toByteArray();
        assertEquals(3008, whole.length);
        assertEquals(0, reference(whole, 0, whole.length, pseudo(true, 17, whole.length)), "UDP checksum");
    }

    @Test
    void aGsoFrameWithLessThanOneSegmentOfPayloadIsDeliveredWhole() {
        byte[] f = frame(NO_TAGS, true, 6, tcp(7, ACK | PSH, payload(100, 47)));
        assertEquals(Segmenter.Result.OK, segment(f, f.length, Segmenter.GSO_TCPV4, 1448, 34));
        assertEquals(1, out.size());
        assertEquals(f.length, out.get(0).length);
        assertEquals(ACK | PSH, out.get(0)[34 + 13] & 0xFF);
        assertTrue(l4Valid(out.get(0), f.length, 14, true, 6));
    }

    @Test
    void malformedFramesAreRefusedNotThrown() {
        byte[] f = frame(NO_TAGS, true, 6, tcp(1, ACK, payload(3000, 48)));
        assertEquals(Segmenter.Result.MALFORMED, segment(f, f.length, Segmenter.GSO_TCPV4, 0, 34), "gso_size 0");
        assertEquals(Segmenter.Result.MALFORMED, segment(f, 40, Segmenter.GSO_TCPV4, 1448, 34), "TCP header cut");
        assertEquals(Segmenter.Result.MALFORMED, segment(f, 30, Segmenter.GSO_TCPV4, 1448, 34), "IP header cut");
        assertEquals(Segmenter.Result.MALFORMED, segment(f, 10, Segmenter.GSO_TCPV4, 1448, 34), "no Ethernet header");
        assertEquals(Segmenter.Result.MALFORMED, segment(f, f.length + 1, Segmenter.GSO_TCPV4, 1448, 34), "length beyond the array");
        assertEquals(Segmenter.Result.MALFORMED, segment(f, f.length, Segmenter.GSO_TCPV6, 1448, 34), "IPv4 frame said to be IPv6");
        assertEquals(Segmenter.Result.MALFORMED, segment(f, f.length, Segmenter.GSO_UDP_L4, 1448, 34), "TCP said to be UDP");
        assertEquals(Segmenter.Result.UNSUPPORTED, segment(f, f.length, 0x42, 1448, 34), "unknown type");
        byte[] badOffset = f.clone();
        badOffset[34 + 12] = 0x20; // data offset 2 words
        assertEquals(Segmenter.Result.MALFORMED, segment(badOffset, f.length, Segmenter.GSO_TCPV4, 1448, 34));
        byte[] notIp = f.clone();
        notIp[12] = (byte) 0x88;
        notIp[13] = (byte) 0xB5;
        assertEquals(Segmenter.Result.MALFORMED, segment(notIp, f.length, Segmenter.GSO_TCPV4, 1448, 34));
        byte[] v6 = frame(NO_TAGS, false, 17, udp(payload(3000, 49)));
        assertEquals(Segmenter.Result.UNSUPPORTED, segment(v6, v6.length, Segmenter.GSO_UDP, 1448, 54), "UFO over IPv6");
        assertEquals(0, out.size());
        Segmenter small = new Segmenter(1000);
        assertEquals(Segmenter.Result.MALFORMED,
                small.segment(f, f.length, Segmenter.GSO_TCPV4, 1448, 34, (b, o, l) -> out.add(b)), "segment larger than scratch");
    }
}
