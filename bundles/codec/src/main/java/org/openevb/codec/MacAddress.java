package org.openevb.codec;

import org.openevb.codec.internal.Bytes;

/**
 * MAC addresses held as a {@code long}: the 48 address bits in the low bits, first octet in bits
 * 47..40. A primitive avoids an object per frame on the data path.
 */
public final class MacAddress {

    /** Mask of the 48 address bits. */
    public static final long MASK = 0xFFFF_FFFF_FFFFL;

    /** ff:ff:ff:ff:ff:ff. */
    public static final long BROADCAST = MASK;

    /** 01-80-C2-00-00-00, Nearest Customer Bridge: EVB TLV, ECP and VDP. */
    public static final long NEAREST_CUSTOMER_BRIDGE = 0x0180_C200_0000L;

    /** 01-80-C2-00-00-03, Nearest non-TPMR Bridge: CDCP. */
    public static final long NEAREST_NON_TPMR_BRIDGE = 0x0180_C200_0003L;

    /** 01-80-C2-00-00-0E, Nearest Bridge: plain LLDP and the pre-standard ECP. */
    public static final long NEAREST_BRIDGE = 0x0180_C200_000EL;

    /** The individual/group bit of the first octet. */
    private static final long GROUP_BIT = 0x0100_0000_0000L;

    /** The universal/local bit of the first octet. */
    private static final long LOCAL_BIT = 0x0200_0000_0000L;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private MacAddress() {
    }

    /**
     * Reads 6 bytes at {@code off}. A plain helper: the caller has checked the bounds (an
     * out-of-range index is a programming error here, not malformed input).
     */
    public static long read(byte[] b, int off) {
        return (long) Bytes.u16(b, off) << 32
                | Bytes.i32(b, off + 2) & 0xFFFF_FFFFL;
    }

    /** Writes the 48 low bits of {@code mac} as 6 bytes at {@code off}. */
    public static void write(long mac, byte[] b, int off) {
        b[off] = (byte) (mac >>> 40);
        b[off + 1] = (byte) (mac >>> 32);
        b[off + 2] = (byte) (mac >>> 24);
        b[off + 3] = (byte) (mac >>> 16);
        b[off + 4] = (byte) (mac >>> 8);
        b[off + 5] = (byte) mac;
    }

    /** Lower-case colon notation, for example {@code 02:00:00:00:00:01}. */
    public static String format(long mac) {
        char[] c = new char[17];
        for (int i = 0; i < 6; i++) {
            int octet = (int) (mac >>> (40 - 8 * i)) & 0xFF;
            c[3 * i] = HEX[octet >>> 4];
            c[3 * i + 1] = HEX[octet & 0xF];
            if (i < 5) {
                c[3 * i + 2] = ':';
            }
        }
        return new String(c);
    }

    /**
     * Parses six two-digit hex octets separated by ':' or '-' (one separator style throughout).
     *
     * @throws IllegalArgumentException if the text is not such an address
     */
    public static long parse(String text) {
        if (text == null || text.length() != 17) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        char sep = text.charAt(2);
        if (sep != ':' && sep != '-') {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            int hi = Character.digit(text.charAt(3 * i), 16);
            int lo = Character.digit(text.charAt(3 * i + 1), 16);
            if (hi < 0 || lo < 0 || (i < 5 && text.charAt(3 * i + 2) != sep)) {
                throw new IllegalArgumentException("not a MAC address: " + text);
            }
            mac = (mac << 8) | (hi << 4) | lo;
        }
        return mac;
    }

    /** True for group (multicast and broadcast) addresses: the I/G bit of the first octet. */
    public static boolean isMulticast(long mac) {
        return (mac & GROUP_BIT) != 0;
    }

    /** True for ff:ff:ff:ff:ff:ff. */
    public static boolean isBroadcast(long mac) {
        return (mac & MASK) == BROADCAST;
    }

    /** True if the U/L bit marks a locally administered address. */
    public static boolean isLocallyAdministered(long mac) {
        return (mac & LOCAL_BIT) != 0;
    }

    /** True if {@code mac} fits in 48 bits. */
    public static boolean isValid(long mac) {
        return (mac & ~MASK) == 0;
    }
}
