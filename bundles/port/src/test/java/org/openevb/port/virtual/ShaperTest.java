package org.openevb.port.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openevb.codec.Frame;

/** The shaper on a simulated clock: rates, guarantees under contention, borrowing, full queues. */
class ShaperTest {

    private static final long SECOND = 1_000_000_000L;

    private static Frame frame(int pcp, int length) {
        byte[] f = new byte[length];
        f[12] = (byte) 0x81;
        f[13] = 0x00;
        f[14] = (byte) (pcp << 5);
        f[16] = 0x08;
        return frame(f, length);
    }

    private static Frame frame(byte[] bytes, int length) {
        Frame f = new Frame(2000);
        f.copyFrom(bytes, 0, length);
        return f;
    }

    /** Keeps the given PCPs' queues full for a simulated second; the bits each PCP got out. */
    private static long[] run(Shaper s, int... pcps) {
        long[] bits = new long[8];
        Frame out = new Frame(2000);
        long now = 0;
        int guard = 0;
        while (now < SECOND && guard++ < 10_000_000) {
            for (int pcp : pcps) {
                while (s.offer(frame(pcp, 1500))) {
                    // fill
                }
            }
            long wait = s.next(out, now);
            if (wait == 0) {
                bits[(out.buffer()[out.offset() + 14] & 0xFF) >>> 5] += out.length() * 8L;
            } else {
                now += wait;
            }
        }
        return bits;
    }

    @Test
    void underContentionEachClassGetsItsGuaranteeAndTheFirstTheRest() {
        Shaper s = new Shaper(100_000_000, List.of(new Shaper.TrafficClass("voice", 1 << 5, 60_000_000),
                new Shaper.TrafficClass("bulk", 1 << 0, 20_000_000)), 64, 1522);
        long[] bits = run(s, 5, 0);
        assertEquals(100e6, bits[5] + bits[0], 2e6, "the port's rate");
        assertEquals(20e6, bits[0], 1e6, "bulk gets its guarantee");
        assertEquals(80e6, bits[5], 2e6, "voice its guarantee and what is left");
        assertTrue(s.counters(0)[1] > 0, "voice borrowed above its guarantee");
        assertTrue(s.counters(1)[2] > 0, "full queues counted");
    }

    @Test
    void aClassAloneMayBorrowTheWholeRate() {
        Shaper s = new Shaper(100_000_000, List.of(new Shaper.TrafficClass("voice", 1 << 5, 60_000_000),
                new Shaper.TrafficClass("bulk", 1 << 0, 20_000_000)), 64, 1522);
        assertEquals(100e6, run(s, 0)[0], 2e6);
    }

    @Test
    void pcpsNoClassNamesGoToALastClassWithoutGuarantee() {
        Shaper s = new Shaper(50_000_000, List.of(new Shaper.TrafficClass("voice", 1 << 5, 10_000_000)), 64, 1522);
        assertEquals(List.of("voice", "other"), s.classes().stream().map(Shaper.TrafficClass::name).toList());
        assertEquals(0xDF, s.classes().get(1).pcps());
        long[] bits = run(s, 5, 3);
        assertEquals(50e6, bits[5] + bits[3], 1e6);
        assertEquals(50e6, bits[5], 1e6, "voice first: the other class gets nothing under contention");
        Shaper untagged = new Shaper(10_000_000, List.of(), 16, 1522);
        byte[] plain = new byte[100];
        assertTrue(untagged.offer(frame(plain, 100)));
        assertEquals(0, untagged.next(new Frame(2000), 0), "the bucket starts full");
        assertEquals(Long.MAX_VALUE, untagged.next(new Frame(2000), 0), "empty");
        assertTrue(untagged.isEmpty());
    }

    @Test
    void waitsAsLongAsTheRateRequires() {
        Shaper s = new Shaper(8_000_000, List.of(), 16, 1522); // 1 MB/s: a 1000-byte frame per ms
        Frame out = new Frame(2000);
        for (int i = 0; i < 16; i++) {
            s.offer(frame(0, 1000));
        }
        long now = 0;
        int sentAtOnce = 0;
        while (s.next(out, now) == 0) {
            sentAtOnce++;
        }
        assertEquals(10, sentAtOnce, "the 10 ms bucket");
        long wait = s.next(out, now);
        assertEquals(1_000_000, wait, "one frame's time");
        assertFalse(s.isEmpty());
        assertEquals(0, s.next(out, now + wait));
    }

    @Test
    void viewsNameEachClassWithItsPcpsAndCounters() {
        Shaper s = new Shaper(100_000_000, List.of(new Shaper.TrafficClass("voice", 0xE0, 30_000_000)), 16, 1522);
        s.offer(frame(6, 100));
        s.next(new Frame(2000), 0);
        assertEquals(List.of(new org.openevb.api.port.RateLimits.TrafficClass("voice", "5-7", 30_000_000, 1, 0, 0, 0),
                new org.openevb.api.port.RateLimits.TrafficClass("other", "0-4", 0, 0, 0, 0, 0)), s.views());
        assertEquals("0-2,5,7", Shaper.pcpText(0b10100111));
    }

    /** The PCP of an 802.1Q C-tag or S-tag only, and of a tag whole up to its TCI. */
    @Test
    void theClassComesFromTheOuterCTagOrSTag() {
        byte[] f = new byte[64];
        f[14] = (byte) 0xA0; // PCP 5
        for (int tpid : new int[] {0x8100, 0x88A8, 0x9100, 0x0800}) {
            f[12] = (byte) (tpid >>> 8);
            f[13] = (byte) tpid;
            int expected = tpid == 0x8100 || tpid == 0x88A8 ? 5 : 0;
            assertEquals(expected, Shaper.pcp(frame(f, 64)), Integer.toHexString(tpid));
            assertEquals(expected, Shaper.pcp(frame(f, 16)), "TCI whole");
            assertEquals(0, Shaper.pcp(frame(f, 15)), "TCI cut");
            assertEquals(0, Shaper.pcp(frame(f, 0)));
        }
    }
}
