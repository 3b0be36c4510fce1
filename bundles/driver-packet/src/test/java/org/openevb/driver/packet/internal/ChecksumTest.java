package org.openevb.driver.packet.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.driver.packet.internal.TestPackets.*;

import org.junit.jupiter.api.Test;

class ChecksumTest {

    private static final int[][] NO_TAGS = {};

    @Test
    void rfc1071Example() {
        // RFC 1071 section 3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (folded)
        byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
        assertEquals(0xddf2, Checksum.fold(Checksum.sum(b, 0, b.length, 0)));
        assertEquals(0x220d, Checksum.finish(Checksum.sum(b, 0, b.length, 0)));
    }

    @Test
    void oddLengthIsPaddedWithZero() {
        byte[] b = {0x12, 0x34, 0x56};
        assertEquals(0x1234 + 0x5600, Checksum.sum(b, 0, 3, 0));
    }

    @Test
    void completesAPartialTcpChecksumOverIpv4() {
        for (int length : new int[] {0, 1, 7, 1000, 1447}) {
            byte[] l4 = tcp(0x7000_0000L, 0x18, payload(length, length));
            byte[] f = frame(NO_TAGS, true, 6, l4);
            int l4At = 14 + 20;
            int seed = partialSeed(true, 6, l4.length);
            f[l4At + 16] = (byte) (seed >>> 8);
            f[l4At + 17] = (byte) seed;
            // the expected value, from the reference routine with the field zeroed
            byte[] zeroed = f.clone();
            zeroed[l4At + 16] = 0;
            zeroed[l4At + 17] = 0;
            int expected = reference(zeroed, l4At, l4.length, pseudo(true, 6, l4.length));

            assertTrue(Checksum.complete(f, f.length, l4At, 16));
            assertEquals(expected, u16(f, l4At + 16), "payload " + length);
            assertTrue(l4Valid(f, f.length, 14, true, 6));
        }
    }

    @Test
    void completesAPartialUdpChecksumOverIpv6() {
        byte[] l4 = udp(payload(333, 3));
        byte[] f = frame(NO_TAGS, false, 17, l4);
        int l4At = 14 + 40;
        int seed = partialSeed(false, 17, l4.length);
        f[l4At + 6] = (byte) (seed >>> 8);
        f[l4At + 7] = (byte) seed;
        assertTrue(Checksum.complete(f, f.length, l4At, 6));
        assertTrue(l4Valid(f, f.length, 14, false, 17));
    }

    @Test
    void aUdpChecksumOfZeroIsSentAsAllOnes() {
        byte[] p = payload(64, 5);
        p[0] = 0;
        p[1] = 0;
        byte[] l4 = udp(p);
        byte[] f = frame(NO_TAGS, true, 17, l4);
        int l4At = 14 + 20;
        // choose the first payload word so that the data sums to 0xFFFF: the checksum is then 0
        int c = reference(f, l4At, l4.length, pseudo(true, 17, l4.length));
        f[l4At + 8] = (byte) (c >>> 8);
        f[l4At + 9] = (byte) c;
        assertEquals(0, reference(f, l4At, l4.length, pseudo(true, 17, l4.length)));
        int seed = partialSeed(true, 17, l4.length);
        f[l4At + 6] = (byte) (seed >>> 8);
        f[l4At + 7] = (byte) seed;

        assertTrue(Checksum.complete(f, f.length, l4At, 6));
        assertEquals(0xFFFF, u16(f, l4At + 6));
        assertTrue(l4Valid(f, f.length, 14, true, 17));
    }

    @Test
    void offsetsOutsideTheFrameLeaveItUntouched() {
        byte[] f = frame(NO_TAGS, true, 6, tcp(1, 0x10, payload(10, 1)));
        byte[] before = f.clone();
        assertFalse(Checksum.complete(f, f.length, f.length, 16), "start at the end");
        assertFalse(Checksum.complete(f, f.length, f.length + 100, 16), "start beyond the end");
        assertFalse(Checksum.complete(f, f.length, f.length - 10, 16), "field beyond the end");
        assertFalse(Checksum.complete(f, f.length, f.length - 2, 1), "field across the end");
        assertFalse(Checksum.complete(f, f.length + 1, 34, 16), "length beyond the array");
        assertFalse(Checksum.complete(f, f.length, -1, 16));
        assertArrayEquals(before, f);
    }
}
