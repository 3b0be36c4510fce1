package org.openevb.codec.lldp;

import java.util.Arrays;

import org.openevb.codec.CodecException;
import org.openevb.codec.internal.Bytes;

/**
 * Organizationally specific TLV (type 127): OUI, subtype, information string.
 *
 * @param oui     0..0xFFFFFF
 * @param subtype 0..255
 * @param info    up to 507 bytes (copied in and out)
 */
public record OrgTlv(int oui, int subtype, byte[] info) {

    /** IEEE 802.1 OUI (EVB, CDCP, ...). */
    public static final int OUI_IEEE_8021 = 0x0080C2;

    /** Longest information string: 511 minus OUI and subtype. */
    public static final int MAX_INFO_LENGTH = LldpTlv.MAX_VALUE_LENGTH - 4;

    public OrgTlv {
        Bytes.range("OUI", oui, 0, 0xFFFFFF);
        Bytes.range("subtype", subtype, 0, 255);
        if (info.length > MAX_INFO_LENGTH) {
            throw new IllegalArgumentException("organizational TLV information of " + info.length + " bytes exceeds 507");
        }
        info = info.clone();
    }

    /** A copy of the information string. */
    @Override
    public byte[] info() {
        return info.clone();
    }

    /** The information string without copying, for this package; never modified. */
    byte[] infoRef() {
        return info;
    }

    /** The generic TLV. */
    public LldpTlv toTlv() {
        byte[] v = new byte[4 + info.length];
        Bytes.put24(v, 0, oui);
        v[3] = (byte) subtype;
        System.arraycopy(info, 0, v, 4, info.length);
        return new LldpTlv(LldpTlv.ORGANIZATIONAL, v);
    }

    /** True if {@code tlv} is an organizationally specific TLV with this OUI and subtype. */
    public static boolean matches(LldpTlv tlv, int oui, int subtype) {
        byte[] v = tlv.valueRef();
        return tlv.type() == LldpTlv.ORGANIZATIONAL && v.length >= 4
                && Bytes.u24(v, 0) == oui && (v[3] & 0xFF) == subtype;
    }

    /**
     * Decodes an organizationally specific TLV.
     *
     * @throws CodecException if the TLV has another type or is shorter than OUI plus subtype
     */
    public static OrgTlv decode(LldpTlv tlv) throws CodecException {
        if (tlv.type() != LldpTlv.ORGANIZATIONAL) {
            throw new CodecException("expected organizational TLV (type 127), got type " + tlv.type(), 0);
        }
        byte[] v = tlv.valueRef();
        if (v.length < 4) {
            throw new CodecException("organizational TLV truncated: need 4 bytes at offset 0, have " + v.length, 0);
        }
        return new OrgTlv(Bytes.u24(v, 0), v[3] & 0xFF, Arrays.copyOfRange(v, 4, v.length));
    }

    /** Requires this OUI and subtype; used by the typed views. */
    static byte[] checkedInfo(LldpTlv tlv, int oui, int subtype, String name) throws CodecException {
        OrgTlv org = decode(tlv);
        if (org.oui != oui || org.subtype != subtype) {
            throw new CodecException(String.format("expected %s TLV (OUI %06x subtype %d), got OUI %06x subtype %d",
                    name, oui, subtype, org.oui, org.subtype), 0);
        }
        return org.info;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrgTlv t && oui == t.oui && subtype == t.subtype && Arrays.equals(info, t.info);
    }

    @Override
    public int hashCode() {
        return (oui * 31 + subtype) * 31 + Arrays.hashCode(info);
    }

    @Override
    public String toString() {
        return String.format("OrgTlv[oui=%06x, subtype=%d, info=%s]", oui, subtype, Bytes.hex(info));
    }
}
