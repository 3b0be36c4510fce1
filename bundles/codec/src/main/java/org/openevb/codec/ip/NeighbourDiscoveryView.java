package org.openevb.codec.ip;

import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.internal.Bytes;

/**
 * Allocation-free, reusable reader of an IPv6 neighbour solicitation or advertisement (RFC 4861):
 * its ICMPv6 type and target address, for a port's ND guard. The ICMPv6 message must follow the
 * fixed IPv6 header directly (ND messages carry no extension headers) and hold its 24 bytes up to
 * the end of the target. {@link #parse} never throws; the accessors describe the last successful
 * parse. Not thread safe: one instance per thread.
 */
public final class NeighbourDiscoveryView {

    public static final int NEIGHBOUR_SOLICITATION = 135;
    public static final int NEIGHBOUR_ADVERTISEMENT = 136;

    /** Not IPv6, or not ICMPv6 right after its fixed header. */
    public static final String ERROR_NOT_ICMPV6 = "not ICMPv6";
    /** ICMPv6, but neither a solicitation nor an advertisement. */
    public static final String ERROR_NOT_ND = "not a neighbour solicitation or advertisement";
    /** The IPv6 header or the message up to its target runs past the end of the frame. */
    public static final String ERROR_TRUNCATED = "IPv6 header or ND message cut short";

    private static final int ICMPV6 = 58;
    /** The fixed IPv6 header and the message up to the end of its target. */
    private static final int LENGTH = 40 + 24;

    private int type;
    private long targetHigh;
    private long targetLow;
    private String error;

    /** Reads the packet of {@code frame} after its parsed header; the frame is only read. */
    public boolean parse(EthernetHeaderView header, Frame frame) {
        return parse(frame.buffer(), header.payloadOffset(), header.payloadLength(), header.etherType());
    }

    /**
     * Reads the {@code len} bytes at {@code off} as the payload of EtherType {@code etherType}.
     *
     * @return true for a neighbour solicitation or advertisement; false (with {@link #error()} set)
     *     otherwise
     */
    public boolean parse(byte[] b, int off, int len, int etherType) {
        type = 0;
        targetHigh = 0;
        targetLow = 0;
        error = null;
        if (etherType != EtherType.IPV6) {
            return fail(ERROR_NOT_ICMPV6);
        }
        if (b == null || off < 0 || len < 0 || off > b.length - len || len < LENGTH) {
            return fail(ERROR_TRUNCATED);
        }
        if (Bytes.u8(b, off + 6) != ICMPV6) {
            return fail(ERROR_NOT_ICMPV6);
        }
        int icmp = off + 40;
        int t = Bytes.u8(b, icmp);
        if (t != NEIGHBOUR_SOLICITATION && t != NEIGHBOUR_ADVERTISEMENT) {
            return fail(ERROR_NOT_ND);
        }
        type = t;
        targetHigh = Bytes.i64(b, icmp + 8);
        targetLow = Bytes.i64(b, icmp + 16);
        return true;
    }

    private boolean fail(String why) {
        error = why;
        return false;
    }

    /** Why the last parse failed, null after a success. */
    public String error() {
        return error;
    }

    /** {@link #NEIGHBOUR_SOLICITATION} or {@link #NEIGHBOUR_ADVERTISEMENT}; 0 after a failed parse. */
    public int type() {
        return type;
    }

    /** Upper 64 bits of the target address. */
    public long targetHigh() {
        return targetHigh;
    }

    /** Lower 64 bits of the target address. */
    public long targetLow() {
        return targetLow;
    }
}
