package org.openevb.codec.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.openevb.codec.CodecException;

/** Big-endian accessors and the bounds checks every decoder starts with. Not exported. */
public final class Bytes {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    // one load (and a byte swap) per field on the data path instead of one per byte; out of
    // range they throw IndexOutOfBoundsException, as the array would
    private static final VarHandle BIG16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BIG32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BIG64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    public static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    public static int u16(byte[] b, int i) {
        return (short) BIG16.get(b, i) & 0xFFFF;
    }

    public static int u24(byte[] b, int i) {
        return ((b[i] & 0xFF) << 16) | ((b[i + 1] & 0xFF) << 8) | (b[i + 2] & 0xFF);
    }

    public static int i32(byte[] b, int i) {
        return (int) BIG32.get(b, i);
    }

    public static long i64(byte[] b, int i) {
        return (long) BIG64.get(b, i);
    }

    public static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    public static void put24(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 16);
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) v;
    }

    public static void put32(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    /**
     * Rejects a null array or an (offset, length) pair outside it, so that no decoder can ever
     * index out of the array.
     */
    public static void checkRange(byte[] b, int off, int len, String what) throws CodecException {
        if (b == null) {
            throw new CodecException(what + ": no data (null array)", off);
        }
        if (off < 0 || len < 0 || off > b.length - len) {
            throw new CodecException(what + ": offset " + off + " and length " + len
                    + " lie outside the array of " + b.length + " bytes", off);
        }
    }

    /**
     * Requires {@code need} bytes at index {@code at} before {@code end}, else throws
     * "{what} truncated: need N bytes at offset X, have Y".
     */
    public static void need(String what, int need, int at, int end) throws CodecException {
        int have = end - at;
        if (have < need) {
            throw new CodecException(what + " truncated: need " + need + " bytes at offset " + at
                    + ", have " + Math.max(0, have), at);
        }
    }

    /** Copies a range the caller has bounds-checked. */
    public static byte[] copy(byte[] b, int off, int len) {
        byte[] c = new byte[len];
        System.arraycopy(b, off, c, 0, len);
        return c;
    }

    public static String hex(byte[] b) {
        return b == null ? "null" : hex(b, 0, b.length);
    }

    public static String hex(byte[] b, int off, int len) {
        char[] c = new char[2 * len];
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xFF;
            c[2 * i] = HEX[v >>> 4];
            c[2 * i + 1] = HEX[v & 0xF];
        }
        return new String(c);
    }

    /** Range check for constructors: IllegalArgumentException naming the field. */
    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " " + value + " out of range " + min + ".." + max);
        }
        return value;
    }
}
