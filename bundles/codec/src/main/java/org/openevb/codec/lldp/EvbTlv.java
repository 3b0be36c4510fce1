package org.openevb.codec.lldp;

import java.time.Duration;

import org.openevb.codec.CodecException;
import org.openevb.codec.internal.Bytes;

/**
 * The 802.1Qbg-2012 EVB TLV (OUI 00-80-C2, subtype 0x0D), a 5-octet information string:
 * <pre>
 *  octet 0: reserved(5) BGID RRCAP RRCTR            -- bridge status
 *  octet 1: reserved(4) SGID RRREQ RRSTAT(2)        -- station status
 *  octet 2: R(3) RTE(5)
 *  octet 3: EVB mode(2) ROL RWD(5)
 *  octet 4: reserved(2) ROL RKA(5)
 * </pre>
 * The reserved bits are kept so that re-encoding is exact. Timer exponents e mean
 * 10 µs × 2^e ({@link #exponentToDuration(int)}).
 *
 * @param bgid             bridge supports group IDs
 * @param rrcap            bridge can do reflective relay
 * @param rrctr            bridge has reflective relay on for this port
 * @param sgid             station supports group IDs
 * @param rrreq            station requests reflective relay
 * @param rrstat           0 not enabled, 1 enabled, 3 unknown (no bridge TLV seen yet)
 * @param r                ECP maximum retries, 0..7
 * @param rte              ECP retransmission timer exponent, 0..31
 * @param evbMode          0 not supported, 1 bridge, 2 station (3 reserved)
 * @param rolRwd           the RWD value is the remote one
 * @param rwd              VDP resource wait delay exponent, 0..31
 * @param rolRka           the RKA value is the remote one
 * @param rka              VDP reinit keep-alive exponent, 0..31
 * @param bridgeReserved   reserved bits 7..3 of octet 0, 0..31
 * @param stationReserved  reserved bits 7..4 of octet 1, 0..15
 * @param rkaReserved      reserved bits 7..6 of octet 4, 0..3
 */
public record EvbTlv(boolean bgid, boolean rrcap, boolean rrctr,
                     boolean sgid, boolean rrreq, int rrstat,
                     int r, int rte,
                     int evbMode, boolean rolRwd, int rwd,
                     boolean rolRka, int rka,
                     int bridgeReserved, int stationReserved, int rkaReserved) {

    public static final int OUI = OrgTlv.OUI_IEEE_8021;
    public static final int SUBTYPE = 0x0D;
    /** Information string length. */
    public static final int INFO_LENGTH = 5;

    public static final int NOT_SUPPORTED = 0;
    public static final int BRIDGE = 1;
    public static final int STATION = 2;

    /** RRSTAT: reflective relay not enabled. */
    public static final int RRSTAT_NO = 0;
    /** RRSTAT: reflective relay enabled. */
    public static final int RRSTAT_YES = 1;
    /** RRSTAT: no EVB TLV received from the bridge yet. */
    public static final int RRSTAT_UNKNOWN = 3;

    public EvbTlv {
        Bytes.range("RRSTAT", rrstat, 0, 3);
        Bytes.range("R", r, 0, 7);
        Bytes.range("RTE", rte, 0, 31);
        Bytes.range("EVB mode", evbMode, 0, 3);
        Bytes.range("RWD", rwd, 0, 31);
        Bytes.range("RKA", rka, 0, 31);
        Bytes.range("bridge status reserved bits", bridgeReserved, 0, 31);
        Bytes.range("station status reserved bits", stationReserved, 0, 15);
        Bytes.range("RKA octet reserved bits", rkaReserved, 0, 3);
    }

    /** All fields, reserved bits zero. */
    public EvbTlv(boolean bgid, boolean rrcap, boolean rrctr, boolean sgid, boolean rrreq, int rrstat,
                  int r, int rte, int evbMode, boolean rolRwd, int rwd, boolean rolRka, int rka) {
        this(bgid, rrcap, rrctr, sgid, rrreq, rrstat, r, rte, evbMode, rolRwd, rwd, rolRka, rka, 0, 0, 0);
    }

    /** The 5-octet information string. */
    public byte[] info() {
        byte[] v = new byte[INFO_LENGTH];
        v[0] = (byte) ((bridgeReserved << 3) | (bgid ? 4 : 0) | (rrcap ? 2 : 0) | (rrctr ? 1 : 0));
        v[1] = (byte) ((stationReserved << 4) | (sgid ? 8 : 0) | (rrreq ? 4 : 0) | rrstat);
        v[2] = (byte) ((r << 5) | rte);
        v[3] = (byte) ((evbMode << 6) | (rolRwd ? 0x20 : 0) | rwd);
        v[4] = (byte) ((rkaReserved << 6) | (rolRka ? 0x20 : 0) | rka);
        return v;
    }

    /** As an organizationally specific TLV. */
    public OrgTlv toOrgTlv() {
        return new OrgTlv(OUI, SUBTYPE, info());
    }

    /** The generic TLV ({@code fe 09 00 80 c2 0d} + 5 octets on the wire). */
    public LldpTlv toTlv() {
        return toOrgTlv().toTlv();
    }

    /**
     * Decodes the 5-octet information string at {@code off}.
     *
     * @throws CodecException unless exactly 5 bytes are given
     */
    public static EvbTlv decodeInfo(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "EVB TLV");
        if (len != INFO_LENGTH) {
            throw new CodecException("EVB TLV information must be 5 octets, got " + len + " at offset " + off, off);
        }
        int o0 = b[off] & 0xFF;
        int o1 = b[off + 1] & 0xFF;
        int o2 = b[off + 2] & 0xFF;
        int o3 = b[off + 3] & 0xFF;
        int o4 = b[off + 4] & 0xFF;
        return new EvbTlv((o0 & 4) != 0, (o0 & 2) != 0, (o0 & 1) != 0,
                (o1 & 8) != 0, (o1 & 4) != 0, o1 & 3,
                o2 >>> 5, o2 & 0x1F,
                o3 >>> 6, (o3 & 0x20) != 0, o3 & 0x1F,
                (o4 & 0x20) != 0, o4 & 0x1F,
                o0 >>> 3, o1 >>> 4, o4 >>> 6);
    }

    /**
     * Decodes an EVB TLV.
     *
     * @throws CodecException if it is not an organizational TLV with OUI 00-80-C2 subtype 0x0D and
     *                        a 5-octet information string
     */
    public static EvbTlv decode(LldpTlv tlv) throws CodecException {
        byte[] info = OrgTlv.checkedInfo(tlv, OUI, SUBTYPE, "EVB");
        return decodeInfo(info, 0, info.length);
    }

    /** Decodes the information string of an already decoded organizational TLV. */
    public static EvbTlv decode(OrgTlv org) throws CodecException {
        return decode(org.toTlv());
    }

    /** 10 µs × 2^exponent, the meaning of RTE, RWD and RKA. */
    public static Duration exponentToDuration(int exponent) {
        Bytes.range("timer exponent", exponent, 0, 31);
        return Duration.ofNanos(10_000L << exponent);
    }
}
