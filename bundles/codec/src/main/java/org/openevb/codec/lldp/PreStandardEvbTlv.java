package org.openevb.codec.lldp;

import org.openevb.codec.CodecException;
import org.openevb.codec.internal.Bytes;

/**
 * The pre-standard (802.1Qbg draft 0.2) EVB TLV, OUI 00-1B-3F subtype 0, 9 octets: supported and
 * configured forwarding mode and capabilities (one octet each), supported and configured number
 * of VSIs (two octets each), RTE (one octet).
 *
 * @param supportedMode          forwarding mode bits ({@link #STD}, {@link #RR}), 0..255
 * @param supportedCapabilities  capability bits ({@link #RTE}, {@link #ECP}, {@link #VDP}), 0..255
 * @param configuredMode         0..255
 * @param configuredCapabilities 0..255
 * @param supportedVsis          0..65535
 * @param configuredVsis         0..65535
 * @param rte                    retransmission timer exponent octet, 0..255 (0..31 in use)
 */
public record PreStandardEvbTlv(int supportedMode, int supportedCapabilities,
                                int configuredMode, int configuredCapabilities,
                                int supportedVsis, int configuredVsis, int rte) {

    /** OUI 00-1B-3F. */
    public static final int OUI = 0x001B3F;
    public static final int SUBTYPE = 0;
    /** Information string length. */
    public static final int INFO_LENGTH = 9;

    /** Forwarding mode bit: standard bridging. */
    public static final int STD = 0x80;
    /** Forwarding mode bit: reflective relay. */
    public static final int RR = 0x40;
    /** Capability bit: retransmission timer exponent. */
    public static final int RTE = 0x04;
    /** Capability bit: ECP. */
    public static final int ECP = 0x02;
    /** Capability bit: VDP. */
    public static final int VDP = 0x01;

    public PreStandardEvbTlv {
        Bytes.range("supported mode", supportedMode, 0, 255);
        Bytes.range("supported capabilities", supportedCapabilities, 0, 255);
        Bytes.range("configured mode", configuredMode, 0, 255);
        Bytes.range("configured capabilities", configuredCapabilities, 0, 255);
        Bytes.range("supported VSIs", supportedVsis, 0, 0xFFFF);
        Bytes.range("configured VSIs", configuredVsis, 0, 0xFFFF);
        Bytes.range("RTE", rte, 0, 255);
    }

    /** The 9-octet information string. */
    public byte[] info() {
        byte[] v = new byte[INFO_LENGTH];
        v[0] = (byte) supportedMode;
        v[1] = (byte) supportedCapabilities;
        v[2] = (byte) configuredMode;
        v[3] = (byte) configuredCapabilities;
        Bytes.put16(v, 4, supportedVsis);
        Bytes.put16(v, 6, configuredVsis);
        v[8] = (byte) rte;
        return v;
    }

    /** As an organizationally specific TLV. */
    public OrgTlv toOrgTlv() {
        return new OrgTlv(OUI, SUBTYPE, info());
    }

    /** The generic TLV ({@code fe 0d 00 1b 3f 00} + 9 octets on the wire). */
    public LldpTlv toTlv() {
        return toOrgTlv().toTlv();
    }

    /**
     * Decodes the 9-octet information string at {@code off}.
     *
     * @throws CodecException unless exactly 9 bytes are given
     */
    public static PreStandardEvbTlv decodeInfo(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "pre-standard EVB TLV");
        if (len != INFO_LENGTH) {
            throw new CodecException("pre-standard EVB TLV information must be 9 octets, got " + len
                    + " at offset " + off, off);
        }
        return new PreStandardEvbTlv(b[off] & 0xFF, b[off + 1] & 0xFF, b[off + 2] & 0xFF, b[off + 3] & 0xFF,
                Bytes.u16(b, off + 4), Bytes.u16(b, off + 6), b[off + 8] & 0xFF);
    }

    /**
     * Decodes a pre-standard EVB TLV.
     *
     * @throws CodecException if it is not an organizational TLV with OUI 00-1B-3F subtype 0 and a
     *                        9-octet information string
     */
    public static PreStandardEvbTlv decode(LldpTlv tlv) throws CodecException {
        byte[] info = OrgTlv.checkedInfo(tlv, OUI, SUBTYPE, "pre-standard EVB");
        return decodeInfo(info, 0, info.length);
    }
}
