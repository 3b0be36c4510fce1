package org.openevb.codec.lldp;

import java.util.ArrayList;
import java.util.List;

import org.openevb.codec.CodecException;
import org.openevb.codec.internal.Bytes;

/**
 * The CDCP TLV (S-channel discovery and configuration; OUI 00-80-C2, subtype 0x0E):
 * <pre>
 *  Role(1) Res(3) SComp(1) Res(15) ChnCap(12)      -- 4 octets
 *  { SCID(12) SVID(12) } x n                       -- 3 octets each
 * </pre>
 * The reserved bits are kept so that re-encoding is exact.
 *
 * @param role      {@link #ROLE_BRIDGE} or {@link #ROLE_STATION}
 * @param sComp     the sender has an S-VLAN component
 * @param chnCap    number of S-channels supported, 0..4095
 * @param reserved1 the 3 reserved bits after Role, 0..7
 * @param reserved2 the 15 reserved bits before ChnCap, 0..0x7FFF
 * @param pairs     SCID/SVID pairs, at most {@link #MAX_PAIRS}
 */
public record CdcpTlv(int role, boolean sComp, int chnCap, int reserved1, int reserved2, List<ChannelPair> pairs) {

    public static final int OUI = OrgTlv.OUI_IEEE_8021;
    public static final int SUBTYPE = 0x0E;

    public static final int ROLE_BRIDGE = 0;
    public static final int ROLE_STATION = 1;

    /** Pairs that fit into one TLV: (507 - 4) / 3. */
    public static final int MAX_PAIRS = 167;

    public CdcpTlv {
        Bytes.range("CDCP role", role, 0, 1);
        Bytes.range("ChnCap", chnCap, 0, 0xFFF);
        Bytes.range("reserved1", reserved1, 0, 7);
        Bytes.range("reserved2", reserved2, 0, 0x7FFF);
        pairs = List.copyOf(pairs);
        if (pairs.size() > MAX_PAIRS) {
            throw new IllegalArgumentException(pairs.size() + " channel pairs exceed " + MAX_PAIRS);
        }
    }

    /** Reserved bits zero. */
    public CdcpTlv(int role, boolean sComp, int chnCap, List<ChannelPair> pairs) {
        this(role, sComp, chnCap, 0, 0, pairs);
    }

    /** True for role S. */
    public boolean isStation() {
        return role == ROLE_STATION;
    }

    /** The information string: 4 + 3n octets. */
    public byte[] info() {
        byte[] v = new byte[4 + 3 * pairs.size()];
        int w = (role << 31) | (reserved1 << 28) | (sComp ? 1 << 27 : 0) | (reserved2 << 12) | chnCap;
        Bytes.put32(v, 0, w);
        int pos = 4;
        for (ChannelPair p : pairs) {
            Bytes.put24(v, pos, (p.scid() << 12) | p.svid());
            pos += 3;
        }
        return v;
    }

    /** As an organizationally specific TLV. */
    public OrgTlv toOrgTlv() {
        return new OrgTlv(OUI, SUBTYPE, info());
    }

    /** The generic TLV. */
    public LldpTlv toTlv() {
        return toOrgTlv().toTlv();
    }

    /**
     * Decodes the information string at {@code off}.
     *
     * @throws CodecException unless the length is 4 + 3n octets
     */
    public static CdcpTlv decodeInfo(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "CDCP TLV");
        if (len > OrgTlv.MAX_INFO_LENGTH) {
            throw new CodecException("CDCP TLV information length " + len + " at offset " + off + " exceeds 507", off);
        }
        if (len < 4 || (len - 4) % 3 != 0) {
            throw new CodecException("CDCP TLV information length " + len + " at offset " + off
                    + " is not 4 + 3n octets", off);
        }
        int w = Bytes.i32(b, off);
        int n = (len - 4) / 3;
        List<ChannelPair> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int p = Bytes.u24(b, off + 4 + 3 * i);
            pairs.add(new ChannelPair(p >>> 12, p & 0xFFF));
        }
        // 167 pairs fill a TLV, so a TLV from the wire can never carry more.
        return new CdcpTlv(w >>> 31, (w & (1 << 27)) != 0, w & 0xFFF, (w >>> 28) & 7, (w >>> 12) & 0x7FFF, pairs);
    }

    /**
     * Decodes a CDCP TLV.
     *
     * @throws CodecException if it is not an organizational TLV with OUI 00-80-C2 subtype 0x0E and
     *                        a 4 + 3n octet information string
     */
    public static CdcpTlv decode(LldpTlv tlv) throws CodecException {
        byte[] info = OrgTlv.checkedInfo(tlv, OUI, SUBTYPE, "CDCP");
        return decodeInfo(info, 0, info.length);
    }
}
