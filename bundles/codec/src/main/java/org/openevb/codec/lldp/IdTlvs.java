package org.openevb.codec.lldp;

import org.openevb.codec.CodecException;

/** Shared checks of the Chassis ID and Port ID TLVs. */
final class IdTlvs {

    private IdTlvs() {
    }

    /** Checks type and length (subtype plus 1..255 ID bytes, as 802.1AB allows) and returns the value. */
    static byte[] check(LldpTlv tlv, int type, String name) throws CodecException {
        if (tlv.type() != type) {
            throw new CodecException("expected " + name + " TLV (type " + type + "), got type " + tlv.type(), 0);
        }
        byte[] v = tlv.valueRef();
        if (v.length < 2 || v.length > 256) {
            throw new CodecException(name + " TLV length " + v.length + " outside 2..256", 0);
        }
        return v;
    }

    static byte[] join(int subtype, byte[] id) {
        byte[] v = new byte[1 + id.length];
        v[0] = (byte) subtype;
        System.arraycopy(id, 0, v, 1, id.length);
        return v;
    }
}
