package org.openevb.port.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PolicerTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theBurstPassesAtOnceThenTheRateHolds() {
        // 1 Mbit/s, burst 3000 B: two 1500-byte frames at once, then one every 12 ms
        Policer p = new Policer(1_000_000, 3000, 0, 0);
        assertTrue(p.conforms(1500, 0));
        assertTrue(p.conforms(1500, 0));
        assertFalse(p.conforms(1500, 0), "the burst is spent");
        assertFalse(p.conforms(1500, 11_000_000), "11 ms refill 1375 bytes");
        assertTrue(p.conforms(1500, 12_000_000), "12 ms refill 1500 bytes");
        assertFalse(p.conforms(64, 12_000_000));
    }

    @Test
    void overOneSecondAtTwiceTheRateHalfPasses() {
        Policer p = new Policer(10_000_000, 15_000, 0, 0);
        long passed = 0;
        // 20 Mbit/s offered: 1667 frames of 1500 bytes in one second
        for (long t = 0; t < SECOND; t += 600_000) {
            if (p.conforms(1500, t)) {
                passed += 1500 * 8;
            }
        }
        double rate = passed / 1.0; // bits in one second
        assertTrue(Math.abs(rate - 10_000_000) < 10_000_000 * 0.02, "passed " + rate + " bit/s");
    }

    @Test
    void framesPerSecondLimitsWhateverTheSize() {
        Policer p = new Policer(0, 0, 100, 1);
        int passed = 0;
        for (long t = 0; t < SECOND; t += 1_000_000) { // 1000 frames/s offered
            if (p.conforms(64, t)) {
                passed++;
            }
        }
        assertEquals(100, passed);
    }

    @Test
    void bothLimitsApplyAndAnExceedingFrameTakesNothing() {
        Policer p = new Policer(8_000, 1000, 1000, 10); // 1000 B/s
        assertTrue(p.conforms(1000, 0));
        assertFalse(p.conforms(1000, 500_000_000), "bits: only 500 B back");
        assertTrue(p.conforms(500, 500_000_000), "the refused frame took nothing");
        assertThrows(IllegalArgumentException.class, () -> new Policer(-1, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Policer(1, Policer.MAX_BURST + 1, 0, 0));
        assertEquals("8000 bit/s burst 1000 B, 1000 frames/s burst 10", p.toString());
    }
}
