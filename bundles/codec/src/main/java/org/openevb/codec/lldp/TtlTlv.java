package org.openevb.codec.lldp;

import org.openevb.codec.CodecException;
import org.openevb.codec.internal.Bytes;

/**
 * Time To Live TLV (type 3): seconds the receiver keeps the information; 0 = shutdown, delete now.
 *
 * @param seconds 0..65535
 */
public record TtlTlv(int seconds) {

    public TtlTlv {
        Bytes.range("TTL", seconds, 0, 0xFFFF);
    }

    /** The generic TLV. */
    public LldpTlv toTlv() {
        byte[] v = new byte[2];
        Bytes.put16(v, 0, seconds);
        return new LldpTlv(LldpTlv.TTL, v);
    }

    /**
     * Decodes a TTL TLV.
     *
     * @throws CodecException if the TLV has another type or a value other than 2 bytes
     */
    public static TtlTlv decode(LldpTlv tlv) throws CodecException {
        if (tlv.type() != LldpTlv.TTL) {
            throw new CodecException("expected TTL TLV (type 3), got type " + tlv.type(), 0);
        }
        byte[] v = tlv.valueRef();
        if (v.length != 2) {
            throw new CodecException("TTL TLV length must be 2, got " + v.length, 0);
        }
        return new TtlTlv(Bytes.u16(v, 0));
    }
}
