package org.openevb.codec.vdp;

import org.openevb.codec.CodecException;
import org.openevb.codec.internal.Bytes;

/**
 * A VDP TLV: LLDP-style header of a 7-bit type and a 9-bit length, then the value.
 */
public sealed interface VdpTlv permits VsiTlv, ManagerIdTlv, VdpOrgTlv, VdpRawTlv {

    int END = 0;
    int PRE_ASSOCIATE = 1;
    int PRE_ASSOCIATE_RR = 2;
    int ASSOCIATE = 3;
    int DE_ASSOCIATE = 4;
    int MANAGER_ID = 5;
    int ORGANIZATIONAL = 127;

    /** Header bytes. */
    int HEADER_LENGTH = 2;
    /** Largest value the 9-bit length can describe. */
    int MAX_VALUE_LENGTH = 511;

    /** The TLV type, 0..127. */
    int type();

    /** Value bytes (the header's length field). */
    int valueLength();

    /** Header plus value. */
    default int encodedLength() {
        return HEADER_LENGTH + valueLength();
    }

    /** Writes header and value at {@code off}; returns the number of bytes written. */
    int encode(byte[] b, int off);

    /** Header and value as bytes. */
    default byte[] encode() {
        byte[] b = new byte[encodedLength()];
        encode(b, 0);
        return b;
    }

    /**
     * Decodes the one TLV starting at {@code off}, {@code len} bytes available (more than the
     * TLV is fine, see {@link #encodedLength()}). Types 1-4 give a {@link VsiTlv}, 5 a
     * {@link ManagerIdTlv}, 127 a {@link VdpOrgTlv}, anything else (End included) a
     * {@link VdpRawTlv}.
     *
     * @throws CodecException if the TLV runs past the data or its value is malformed
     */
    static VdpTlv decode(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "VDP TLV");
        int end = off + len;
        Bytes.need("VDP TLV header", HEADER_LENGTH, off, end);
        int h = Bytes.u16(b, off);
        int type = h >>> 9;
        int length = h & 0x1FF;
        int have = end - off - HEADER_LENGTH;
        if (length > have) {
            throw new CodecException("VDP TLV type " + type + " at offset " + off + " declares " + length
                    + " bytes of value, only " + have + " left", off);
        }
        int v = off + HEADER_LENGTH;
        switch (type) {
            case PRE_ASSOCIATE:
            case PRE_ASSOCIATE_RR:
            case ASSOCIATE:
            case DE_ASSOCIATE:
                return VsiTlv.decodeValue(type, b, v, length);
            case MANAGER_ID:
                return ManagerIdTlv.decodeValue(b, v, length);
            case ORGANIZATIONAL:
                return VdpOrgTlv.decodeValue(b, v, length);
            default:
                return new VdpRawTlv(type, Bytes.copy(b, v, length));
        }
    }

    /** Writes a TLV header. */
    static void writeHeader(byte[] b, int off, int type, int length) {
        Bytes.put16(b, off, (type << 9) | length);
    }
}
