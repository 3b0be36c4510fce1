package org.openevb.codec.ethernet;

import org.openevb.codec.CodecException;
import org.openevb.codec.EtherType;
import org.openevb.codec.internal.Bytes;

/**
 * 802.1BR E-Tag (TPID 0x893F) with its 6-byte TCI:
 * <pre>
 *  octets 0-1 : E-PCP(3) E-DEI(1) Ingress_E-CID_base(12)
 *  octets 2-3 : Re-(2) GRP(2) E-CID_base(12)
 *  octet  4   : Ingress_E-CID_ext(8)
 *  octet  5   : E-CID_ext(8)
 * </pre>
 *
 * @param pcp             E-PCP, 0..7
 * @param dei             E-DEI
 * @param ingressEcidBase Ingress_E-CID_base, 0..4095 (source port to prune on multicast, else 0)
 * @param reserved        the two reserved bits, 0..3, kept so re-encoding is exact
 * @param grp             GRP, 0..3; non-zero for point-to-multipoint E-CIDs
 * @param ecidBase        E-CID_base, 0..4095
 * @param ingressEcidExt  Ingress_E-CID_ext, 0..255 (sent as 0)
 * @param ecidExt         E-CID_ext, 0..255 (sent as 0)
 */
public record ETag(int pcp, boolean dei, int ingressEcidBase, int reserved, int grp, int ecidBase,
                   int ingressEcidExt, int ecidExt) implements Tag {

    /** Tag length including the TPID. */
    public static final int LENGTH = 8;

    public ETag {
        Bytes.range("E-PCP", pcp, 0, 7);
        Bytes.range("Ingress_E-CID_base", ingressEcidBase, 0, 0xFFF);
        Bytes.range("reserved", reserved, 0, 3);
        Bytes.range("GRP", grp, 0, 3);
        Bytes.range("E-CID_base", ecidBase, 0, 0xFFF);
        Bytes.range("Ingress_E-CID_ext", ingressEcidExt, 0, 0xFF);
        Bytes.range("E-CID_ext", ecidExt, 0, 0xFF);
    }

    /**
     * Port extender to controlling bridge: E-CID of the source extended port (point-to-point,
     * 0..4095), GRP 0, no Ingress_E-CID.
     */
    public static ETag upstream(int pcp, boolean dei, int ecid) {
        Bytes.range("upstream E-CID", ecid, 0, 0xFFF);
        return new ETag(pcp, dei, 0, 0, 0, ecid, 0, 0);
    }

    /**
     * Controlling bridge to port extender: destination E-CID (0..0x3FFF, GRP in the top two bits
     * for multicast) and the Ingress_E-CID of the source port to prune (0 = none).
     */
    public static ETag downstream(int pcp, boolean dei, int ecid, int ingressEcid) {
        Bytes.range("E-CID", ecid, 0, 0x3FFF);
        return new ETag(pcp, dei, ingressEcid, 0, ecid >>> 12, ecid & 0xFFF, 0, 0);
    }

    /** The E-CID as used: GRP(2) followed by E-CID_base(12). */
    public int ecid() {
        return (grp << 12) | ecidBase;
    }

    /** True for a point-to-multipoint E-CID (GRP not 0). */
    public boolean isMulticast() {
        return grp != 0;
    }

    @Override
    public int tpid() {
        return EtherType.E_TAG;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public void encode(byte[] b, int off) {
        Bytes.put16(b, off, EtherType.E_TAG);
        Bytes.put16(b, off + 2, (pcp << 13) | (dei ? 0x1000 : 0) | ingressEcidBase);
        Bytes.put16(b, off + 4, (reserved << 14) | (grp << 12) | ecidBase);
        b[off + 6] = (byte) ingressEcidExt;
        b[off + 7] = (byte) ecidExt;
    }

    /** Decodes an E-Tag whose TPID is at {@code off}, {@code len} bytes available. */
    public static ETag decode(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "E-Tag");
        Bytes.need("E-Tag", LENGTH, off, off + len);
        int tpid = Bytes.u16(b, off);
        if (tpid != EtherType.E_TAG) {
            throw new CodecException(String.format("not an E-Tag TPID: 0x%04x at offset %d", tpid, off), off);
        }
        int w1 = Bytes.u16(b, off + 2);
        int w2 = Bytes.u16(b, off + 4);
        return new ETag(w1 >>> 13, (w1 & 0x1000) != 0, w1 & 0xFFF,
                w2 >>> 14, (w2 >>> 12) & 3, w2 & 0xFFF,
                Bytes.u8(b, off + 6), Bytes.u8(b, off + 7));
    }
}
