package org.openevb.codec.vdp;

import java.util.Arrays;

import org.openevb.codec.CodecException;
import org.openevb.codec.internal.Bytes;

/**
 * Organizationally defined VDP TLV (type 127): OUI and opaque data.
 *
 * @param oui  0..0xFFFFFF
 * @param data up to 508 bytes (copied in and out)
 */
public record VdpOrgTlv(int oui, byte[] data) implements VdpTlv {

    public VdpOrgTlv {
        Bytes.range("OUI", oui, 0, 0xFFFFFF);
        if (data.length > MAX_VALUE_LENGTH - 3) {
            throw new IllegalArgumentException("VDP organizational data of " + data.length + " bytes exceeds 508");
        }
        data = data.clone();
    }

    /** A copy of the data. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int type() {
        return ORGANIZATIONAL;
    }

    @Override
    public int valueLength() {
        return 3 + data.length;
    }

    @Override
    public int encode(byte[] b, int off) {
        VdpTlv.writeHeader(b, off, ORGANIZATIONAL, valueLength());
        Bytes.put24(b, off + HEADER_LENGTH, oui);
        System.arraycopy(data, 0, b, off + HEADER_LENGTH + 3, data.length);
        return encodedLength();
    }

    /** Decodes the value of an organizational TLV: OUI and data. */
    public static VdpOrgTlv decodeValue(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "VDP organizational TLV");
        Bytes.need("VDP organizational TLV", 3, off, off + len);
        if (len > MAX_VALUE_LENGTH) {
            throw new CodecException("VDP organizational TLV length " + len + " at offset " + off + " exceeds 511", off);
        }
        return new VdpOrgTlv(Bytes.u24(b, off), Bytes.copy(b, off + 3, len - 3));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VdpOrgTlv t && oui == t.oui && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return oui * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("VdpOrgTlv[oui=%06x, data=%s]", oui, Bytes.hex(data));
    }
}
