package org.openevb.api.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuSetTest {

    @Test
    void listsAndRangesBecomeOneCanonicalSet() {
        CpuSet s = CpuSet.parse(" 3, 0 ,1-2, 7 ");
        assertEquals("0-3,7", s.toString());
        assertEquals(CpuSet.of(0, 1, 2, 3, 7), s);
        assertEquals(s, CpuSet.parse(s.toString()));
        assertTrue(s.contains(2));
        assertFalse(s.contains(4));
        assertFalse(s.contains(-1));
        assertEquals(7, s.highest());
    }

    @Test
    void blankMeansAnyCpu() {
        assertTrue(CpuSet.parse("").isEmpty());
        assertTrue(CpuSet.parse("  ").isEmpty());
        assertTrue(CpuSet.parse(null).isEmpty());
        assertEquals("", CpuSet.ANY.toString());
        assertEquals(-1, CpuSet.ANY.highest());
        assertEquals(CpuSet.ANY, new DriverOptions(64, 65536, 100, true, "t").rxCpus());
        assertEquals(CpuSet.ANY, new DriverOptions(64, 65536, 100, true, "t", null).rxCpus());
    }

    @Test
    void maskIsTheWordsOfALinuxCpuSet() {
        assertArrayEquals(new long[] {0b10}, CpuSet.of(1).mask());
        assertArrayEquals(new long[] {0}, CpuSet.ANY.mask());
        assertArrayEquals(new long[] {1L << 63, 1}, CpuSet.of(63, 64).mask());
        assertEquals(16, CpuSet.of(CpuSet.MAX_CPU).mask().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "1,", "-1", "2-1", "1024", "0-1024", "1..2", "1 2"})
    void badTextIsRefusedWithWhatIsWrong(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuSet.parse(text));
        assertTrue(e.getMessage().contains("is not"), e.getMessage());
    }

    @Test
    void cpuOutsideTheMaskIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CpuSet.of(-1));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.of(1024));
    }

    @Test
    void eachLaneGetsTheNextCpuOfTheSetRoundRobin() {
        CpuSet set = CpuSet.parse("1,3-4");
        assertEquals(CpuSet.of(1), set.forLane(0));
        assertEquals(CpuSet.of(3), set.forLane(1));
        assertEquals(CpuSet.of(4), set.forLane(2));
        assertEquals(CpuSet.of(1), set.forLane(3));
        assertEquals(CpuSet.ANY, CpuSet.ANY.forLane(5));
    }
}
