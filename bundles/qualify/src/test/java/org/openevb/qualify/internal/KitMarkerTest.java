package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The test frames' mark: written after any tag stack, found wherever a peer put it, never in a cut or foreign one. */
class KitMarkerTest {

    private static final KitMarker MARK = new KitMarker("OEVB-PX");

    @Test
    void aMarkIsFoundWhereverItLiesAndOnlyForItsRun() {
        byte[] f = new byte[60];
        assertEquals(16 + 2 + MARK.length(), MARK.write(f, 16, 0x01020304, 7));
        assertEquals(0x88, f[16] & 0xFF);
        assertEquals(0xB5, f[17] & 0xFF);
        assertEquals(7, MARK.find(f, 0x01020304));
        assertEquals(-1, MARK.find(f, 0x01020305), "another run's frame");
        assertEquals(-1, new KitMarker("OEVB-PY").find(f, 0x01020304), "another probe's frame");
        byte[] popped = new byte[56]; // a peer took the 4-byte tag out: the mark moved
        System.arraycopy(f, 16, popped, 12, 44);
        assertEquals(7, MARK.find(popped, 0x01020304));
        int end = 16 + 2 + MARK.length();
        for (int n = 0; n < end; n++) {
            assertEquals(-1, MARK.find(Arrays.copyOf(f, n), 0x01020304), "cut at " + n);
        }
        assertEquals(7, MARK.find(Arrays.copyOf(f, end), 0x01020304));
    }

    @Test
    void aTwoByteNumberRoundTripsMostSignificantFirst() {
        KitMarker stream = new KitMarker("OEVB-PS", 2);
        assertEquals("OEVB-PS".length() + 6, stream.length());
        byte[] f = stream.frame(0x020E_B000_000BL, 0x020E_B000_000AL, 0x01020304, 0x0102);
        assertEquals(ProbeSession.MIN_FRAME, f.length);
        assertEquals("020eb000000b020eb000000a88b54f4556422d5053010203040102" + "00".repeat(60 - 27),
                HexFormat.of().formatHex(f));
        for (int n : new int[] {0, 1, 255, 256, 899, 5999, 0xFFFF}) {
            assertEquals(n, stream.find(stream.frame(0, 0, -7, n), -7), "number " + n);
        }
        int end = 14 + stream.length();
        for (int n = 0; n < end; n++) {
            assertEquals(-1, stream.find(Arrays.copyOf(f, n), 0x01020304), "cut at " + n);
        }
        assertEquals(0x0102, stream.find(Arrays.copyOf(f, end), 0x01020304));
    }
}
