package org.openevb.codec.vdp;

import java.util.Arrays;

import org.openevb.codec.internal.Bytes;

/**
 * A VDP TLV of a type this codec has no view for, kept as raw bytes so that a PDU carrying it
 * still re-encodes exactly. Types with a view (1-5, 127) are not allowed here.
 *
 * @param type  0..126 except 1..5
 * @param value up to 511 bytes (copied in and out)
 */
public record VdpRawTlv(int type, byte[] value) implements VdpTlv {

    public VdpRawTlv {
        Bytes.range("VDP TLV type", type, 0, 126);
        if (type >= PRE_ASSOCIATE && type <= MANAGER_ID) {
            throw new IllegalArgumentException("VDP TLV type " + type + " has its own record type");
        }
        if (value.length > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("VDP TLV value of " + value.length + " bytes exceeds 511");
        }
        value = value.clone();
    }

    /** A copy of the value. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public int valueLength() {
        return value.length;
    }

    @Override
    public int encode(byte[] b, int off) {
        VdpTlv.writeHeader(b, off, type, value.length);
        System.arraycopy(value, 0, b, off + HEADER_LENGTH, value.length);
        return encodedLength();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VdpRawTlv t && type == t.type && Arrays.equals(value, t.value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "VdpRawTlv[type=" + type + ", value=" + Bytes.hex(value) + "]";
    }
}
