package org.openevb.vdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The announcement frame, byte for byte, as QEMU sends it (plus the VSI's tag). */
class RarpTest {

    @Test
    void aTaggedRarpRequestFromTheMacAboutItself() {
        byte[] out = new byte[80];
        Arrays.fill(out, (byte) 0x5a);
        assertEquals(64, Rarp.write(0x02000000bb01L, 31, 5, out));
        String expected = "ffffffffffff" + "02000000bb01" + "8100" + "a01f" + "8035"
                + "0001" + "0800" + "06" + "04" + "0003" + "02000000bb01" + "00000000" + "02000000bb01" + "00000000";
        expected += "00".repeat(64 - expected.length() / 2);
        assertEquals(expected, HexFormat.of().formatHex(out, 0, 64));
        assertEquals((byte) 0x5a, out[64], "nothing written past the frame");
    }

    @Test
    void outOfRangeTagsAreRefused() {
        byte[] out = new byte[64];
        assertEquals(64, Rarp.write(1, 4095, 7, out), "every VID a filter entry holds");
        assertEquals("efff", HexFormat.of().formatHex(out, 14, 16));
        assertThrows(IllegalArgumentException.class, () -> Rarp.write(1, 4096, 0, out));
        assertThrows(IllegalArgumentException.class, () -> Rarp.write(1, 10, 8, out));
    }
}
