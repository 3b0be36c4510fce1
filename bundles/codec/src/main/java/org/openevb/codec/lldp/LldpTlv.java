package org.openevb.codec.lldp;

import java.util.Arrays;

import org.openevb.codec.CodecException;
import org.openevb.codec.internal.Bytes;

/**
 * A generic LLDP TLV: 7-bit type, 9-bit length, value. The typed views ({@link ChassisIdTlv},
 * {@link EvbTlv}, ...) convert from and to this form.
 *
 * @param type  0..127
 * @param value up to 511 bytes (copied in and out)
 */
public record LldpTlv(int type, byte[] value) {

    public static final int END = 0;
    public static final int CHASSIS_ID = 1;
    public static final int PORT_ID = 2;
    public static final int TTL = 3;
    public static final int PORT_DESCRIPTION = 4;
    public static final int SYSTEM_NAME = 5;
    public static final int SYSTEM_DESCRIPTION = 6;
    public static final int SYSTEM_CAPABILITIES = 7;
    public static final int MANAGEMENT_ADDRESS = 8;
    public static final int ORGANIZATIONAL = 127;

    /** Largest value the 9-bit length field can describe. */
    public static final int MAX_VALUE_LENGTH = 511;

    /** Header bytes. */
    public static final int HEADER_LENGTH = 2;

    public LldpTlv {
        Bytes.range("LLDP TLV type", type, 0, 127);
        if (value.length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("LLDP TLV value of " + value.length + " bytes exceeds 511");
        }
        value = value.clone();
    }

    /** A copy of the value. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value without copying, for the typed views in this package; never modified. */
    byte[] valueRef() {
        return value;
    }

    /** Value length. */
    public int length() {
        return value.length;
    }

    /** Header plus value. */
    public int encodedLength() {
        return HEADER_LENGTH + value.length;
    }

    /** Writes header and value at {@code off}; returns the number of bytes written. */
    public int encode(byte[] b, int off) {
        Bytes.put16(b, off, (type << 9) | value.length);
        System.arraycopy(value, 0, b, off + 2, value.length);
        return encodedLength();
    }

    /** Header and value as bytes. */
    public byte[] encode() {
        byte[] b = new byte[encodedLength()];
        encode(b, 0);
        return b;
    }

    /**
     * Decodes the one TLV that starts at {@code off}; {@code len} bytes are available (more than
     * the TLV is fine, see {@link #encodedLength()}).
     *
     * @throws CodecException if the header or the value runs past {@code off + len}
     */
    public static LldpTlv decode(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "LLDP TLV");
        int end = off + len;
        Bytes.need("LLDP TLV header", HEADER_LENGTH, off, end);
        int h = Bytes.u16(b, off);
        int type = h >>> 9;
        int length = h & 0x1FF;
        int have = end - off - HEADER_LENGTH;
        if (length > have) {
            throw new CodecException("LLDP TLV type " + type + " at offset " + off + " declares " + length
                    + " bytes of value, only " + have + " left", off);
        }
        return new LldpTlv(type, Bytes.copy(b, off + HEADER_LENGTH, length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LldpTlv t && type == t.type && Arrays.equals(value, t.value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "LldpTlv[type=" + type + ", value=" + Bytes.hex(value) + "]";
    }
}
