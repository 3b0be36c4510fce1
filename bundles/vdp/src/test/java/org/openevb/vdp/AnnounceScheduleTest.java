package org.openevb.vdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** QEMU's announcement timing after an incoming migration. */
class AnnounceScheduleTest {

    private static List<Long> offsets(AnnounceSchedule s) {
        List<Long> out = new ArrayList<>();
        for (int r = 0; r < s.rounds(); r++) {
            out.add(s.offsetMillis(r));
        }
        return out;
    }

    @Test
    void qemuDefaultsSendFiveRoundsOver800Milliseconds() {
        assertEquals(List.of(0L, 50L, 200L, 450L, 800L), offsets(AnnounceSchedule.QEMU));
        assertEquals(50, AnnounceSchedule.QEMU.delayMillis(1));
        assertEquals(350, AnnounceSchedule.QEMU.delayMillis(4));
    }

    @Test
    void theDelayStopsGrowingAtTheMaximum() {
        AnnounceSchedule eight = new AnnounceSchedule(50, 550, 100, 8);
        assertEquals(List.of(0L, 50L, 200L, 450L, 800L, 1250L, 1800L, 2350L), offsets(eight));
        assertEquals(550, eight.delayMillis(7));
        assertEquals(List.of(0L, 10L, 20L), offsets(new AnnounceSchedule(10, 10, 0, 3)));
        assertEquals(List.of(0L), offsets(new AnnounceSchedule(50, 550, 100, 1)));
    }

    @Test
    void roundsOutsideTheScheduleAndBadSchedulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> AnnounceSchedule.QEMU.offsetMillis(5));
        assertThrows(IllegalArgumentException.class, () -> AnnounceSchedule.QEMU.offsetMillis(-1));
        assertThrows(IllegalArgumentException.class, () -> AnnounceSchedule.QEMU.delayMillis(0));
        assertThrows(IllegalArgumentException.class, () -> new AnnounceSchedule(50, 40, 100, 5));
        assertThrows(IllegalArgumentException.class, () -> new AnnounceSchedule(50, 550, 100, 0));
        assertThrows(IllegalArgumentException.class, () -> new AnnounceSchedule(-1, 550, 100, 5));
    }
}
