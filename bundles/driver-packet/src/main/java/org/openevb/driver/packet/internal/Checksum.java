package org.openevb.driver.packet.internal;

/**
 * The Internet checksum (RFC 1071) on frames in byte arrays, and the completion of checksums the
 * kernel left partial (CHECKSUM_PARTIAL: the field holds only the folded pseudo-header sum, the
 * sum over the L4 header and payload is for the NIC, or here, to add).
 */
final class Checksum {

    /** UDP's checksum field is 6 bytes into its header (TCP's is 16). */
    static final int UDP_CHECK_OFFSET = 6;

    private Checksum() {
    }

    /** Adds the big-endian 16-bit words of {@code b[from, to)} to {@code acc}; an odd last byte is padded with zero. */
    static long sum(byte[] b, int from, int to, long acc) {
        int i = from;
        for (; i + 1 < to; i += 2) {
            acc += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < to) {
            acc += (b[i] & 0xFF) << 8;
        }
        return acc;
    }

    /** Folds a sum to 16 bits (end-around carry). */
    static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum to store for a sum: its folded complement. */
    static int finish(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    static int getShort(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static void putShort(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }

    static long getInt(byte[] b, int at) {
        return ((long) getShort(b, at) << 16) | getShort(b, at + 2);
    }

    static void putInt(byte[] b, int at, long value) {
        putShort(b, at, (int) (value >>> 16) & 0xFFFF);
        putShort(b, at + 2, (int) value & 0xFFFF);
    }

    /**
     * Completes a partial checksum in place: sums {@code frame[csumStart, length)} (the field at
     * {@code csumStart + csumOffset} already holds the pseudo-header sum), folds, complements and
     * stores the result in the field. A UDP checksum that comes out 0 is sent as 0xFFFF (0 means
     * "no checksum").
     *
     * @return false, leaving the frame untouched, when the offsets do not fit the frame
     */
    static boolean complete(byte[] frame, int length, int csumStart, int csumOffset) {
        return complete(frame, 0, length, csumStart, csumOffset);
    }

    /**
     * As {@link #complete(byte[], int, int, int)} for a frame at {@code at} in {@code buffer}
     * ({@code csumStart} counts from the frame's first byte).
     */
    static boolean complete(byte[] buffer, int at, int length, int csumStart, int csumOffset) {
        int field = csumStart + csumOffset;
        if (at < 0 || csumStart < 0 || csumOffset < 0 || csumStart >= length || field + 2 > length
                || length > buffer.length - at) {
            return false;
        }
        int check = finish(sum(buffer, at + csumStart, at + length, 0));
        if (check == 0 && csumOffset == UDP_CHECK_OFFSET) {
            check = 0xFFFF;
        }
        putShort(buffer, at + field, check);
        return true;
    }
}
