package org.openevb.itests;

import java.util.HexFormat;

/** Frames made up by tests. */
final class TestFrames {
    private TestFrames() {
    }

    /**
     * A frame of the given length from 02:00:00:00:00:01 to 02:00:00:00:00:02 with the given type
     * and a numbered payload; types 0x88a8 and 0x8100 get a tag (VID 10) with IPv4 inside.
     */
    static byte[] ethernet(int type, int length) {
        byte[] f = new byte[length];
        byte[] header = HexFormat.of().parseHex("020000000002020000000001");
        System.arraycopy(header, 0, f, 0, 12);
        f[12] = (byte) (type >> 8);
        f[13] = (byte) type;
        int start = 14;
        if (type == 0x88a8 || type == 0x8100) {
            f[14] = 0x00;
            f[15] = 0x0a;
            f[16] = 0x08;
            f[17] = 0x00;
            start = 18;
        }
        for (int i = start; i < length; i++) {
            f[i] = (byte) i;
        }
        return f;
    }
}
