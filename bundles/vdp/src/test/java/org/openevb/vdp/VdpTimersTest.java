package org.openevb.vdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VdpTimersTest {

    /** The digest's worked example: R=3, RTE=14, RWD=RKA=20. */
    @Test
    void workedExample() {
        VdpTimers t = new VdpTimers(3, 14, 20, 20);
        assertEquals(163_840_000L, t.ackTimerNanos());
        assertEquals(10_485_760_000L, t.keepAliveNanos());
        assertEquals(10_485_760_000L, t.resourceWaitDelayNanos());
        assertEquals(17_448_960_000L, t.responseWaitNanos());
        assertEquals(17_448_960_000L, t.toutKeepAliveNanos());
    }

    @Test
    void rwdAndRkaCountSeparately() {
        VdpTimers t = new VdpTimers(0, 0, 1, 2);
        assertEquals(15_000 + 30_000, t.responseWaitNanos()); // 1.5 * (1 * 10 us + 20 us)
        assertEquals(15_000 + 60_000, t.toutKeepAliveNanos()); // 1.5 * (1 * 10 us + 40 us)
    }

    @Test
    void outOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new VdpTimers(8, 14, 20, 20));
        assertThrows(IllegalArgumentException.class, () -> new VdpTimers(3, 32, 20, 20));
        assertThrows(IllegalArgumentException.class, () -> new VdpTimers(3, 14, -1, 20));
    }
}
