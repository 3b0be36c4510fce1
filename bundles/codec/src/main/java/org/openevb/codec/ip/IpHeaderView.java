package org.openevb.codec.ip;

import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.internal.Bytes;

/**
 * Allocation-free, reusable parser of the IP header and the transport ports behind an Ethernet
 * header, for the data path. {@link #parse} never throws: what the frame does not carry (no IP, a
 * non-first fragment, a protocol without ports) is absent ({@link #version()} 0, {@link #NONE});
 * what is cut short or inconsistent is absent too, and {@link #error()} names why. The accessors
 * describe the last parse. Not thread safe: one instance per thread.
 *
 * <p>IPv6 extension headers (hop-by-hop, routing, destination options, fragment, AH) are walked,
 * at most {@link #MAX_EXTENSION_HEADERS} of them, to the transport header.
 */
public final class IpHeaderView {

    /** An absent field. */
    public static final int NONE = -1;
    /** Most IPv6 extension headers walked before the transport header is given up as absent. */
    public static final int MAX_EXTENSION_HEADERS = 8;

    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int SCTP = 132;

    /** The IP header is shorter than its fixed part, or its length fields do not add up. */
    public static final String ERROR_IP_TRUNCATED = "truncated IP header";
    /** The version nibble does not match the EtherType. */
    public static final String ERROR_IP_VERSION = "IP version does not match the EtherType";
    /** The transport header (ports, TCP flags) runs past the end of the packet. */
    public static final String ERROR_L4_TRUNCATED = "truncated transport header";
    /** More IPv6 extension headers than {@link #MAX_EXTENSION_HEADERS}, or one cut short. */
    public static final String ERROR_EXTENSIONS = "IPv6 extension headers cut short or too many";

    private int version;
    private int source4;
    private int destination4;
    private long source6High;
    private long source6Low;
    private long destination6High;
    private long destination6Low;
    private int protocol;
    private int sourcePort;
    private int destinationPort;
    private int tcpFlags;
    private String error;

    /** Parses the packet after a parsed Ethernet header (its EtherType and payload); the bytes are only read. */
    public boolean parse(EthernetHeaderView header, byte[] b) {
        return parse(b, header.payloadOffset(), header.payloadLength(), header.etherType());
    }

    /** Parses the packet of {@code frame} after its parsed Ethernet header; the frame is only read. */
    public boolean parse(EthernetHeaderView header, Frame frame) {
        return parse(header, frame.buffer());
    }

    /**
     * Parses the {@code len} bytes at {@code off} as the payload of EtherType {@code etherType}.
     *
     * @return true when every field the packet carries was read; false (with {@link #error()} set)
     *     when a header is cut short or inconsistent, the fields behind it then absent
     */
    public boolean parse(byte[] b, int off, int len, int etherType) {
        clear();
        if (b == null || off < 0 || len < 0 || off > b.length - len) {
            return false;
        }
        if (etherType == EtherType.IPV4) {
            return ipv4(b, off, len);
        }
        if (etherType == EtherType.IPV6) {
            return ipv6(b, off, len);
        }
        return true;
    }

    /** Forgets the last parse: every field absent. */
    public void clear() {
        version = 0;
        source4 = 0;
        destination4 = 0;
        source6High = 0;
        source6Low = 0;
        destination6High = 0;
        destination6Low = 0;
        protocol = NONE;
        sourcePort = NONE;
        destinationPort = NONE;
        tcpFlags = NONE;
        error = null;
    }

    private boolean ipv4(byte[] b, int off, int len) {
        if (len < 20) {
            return fail(ERROR_IP_TRUNCATED);
        }
        if ((b[off] & 0xF0) != 0x40) {
            return fail(ERROR_IP_VERSION);
        }
        int ihl = (b[off] & 0x0F) * 4;
        int total = Bytes.u16(b, off + 2);
        if (ihl < 20 || ihl > len || total < ihl) {
            return fail(ERROR_IP_TRUNCATED);
        }
        version = 4;
        protocol = Bytes.u8(b, off + 9);
        source4 = Bytes.i32(b, off + 12);
        destination4 = Bytes.i32(b, off + 16);
        if ((Bytes.u16(b, off + 6) & 0x1FFF) != 0) {
            return true; // a later fragment: no transport header
        }
        return transport(b, off + ihl, off + Math.min(len, total));
    }

    private boolean ipv6(byte[] b, int off, int len) {
        if (len < 40) {
            return fail(ERROR_IP_TRUNCATED);
        }
        if ((b[off] & 0xF0) != 0x60) {
            return fail(ERROR_IP_VERSION);
        }
        version = 6;
        source6High = Bytes.i64(b, off + 8);
        source6Low = Bytes.i64(b, off + 16);
        destination6High = Bytes.i64(b, off + 24);
        destination6Low = Bytes.i64(b, off + 32);
        int end = off + Math.min(len, 40 + Bytes.u16(b, off + 4));
        int next = Bytes.u8(b, off + 6);
        int pos = off + 40;
        for (int i = 0; isExtension(next); i++) {
            if (i == MAX_EXTENSION_HEADERS || end - pos < 8) {
                protocol = NONE;
                return fail(ERROR_EXTENSIONS);
            }
            int length;
            if (next == 44) {
                length = 8;
                if ((Bytes.u16(b, pos + 2) & 0xFFF8) != 0) {
                    protocol = Bytes.u8(b, pos);
                    return true; // a later fragment: no transport header
                }
            } else if (next == 51) {
                length = (Bytes.u8(b, pos + 1) + 2) * 4;
            } else {
                length = (Bytes.u8(b, pos + 1) + 1) * 8;
            }
            next = Bytes.u8(b, pos);
            pos += length;
            if (pos > end) {
                return fail(ERROR_EXTENSIONS);
            }
        }
        protocol = next;
        return transport(b, pos, end);
    }

    private static boolean isExtension(int next) {
        return next == 0 || next == 43 || next == 44 || next == 60 || next == 51;
    }

    private boolean transport(byte[] b, int pos, int end) {
        if (protocol == TCP) {
            if (end - pos < 14) {
                return fail(ERROR_L4_TRUNCATED);
            }
            tcpFlags = Bytes.u8(b, pos + 13);
        } else if (protocol != UDP && protocol != SCTP) {
            return true;
        } else if (end - pos < 4) {
            return fail(ERROR_L4_TRUNCATED);
        }
        sourcePort = Bytes.u16(b, pos);
        destinationPort = Bytes.u16(b, pos + 2);
        return true;
    }

    /** Keeps what was read before the problem; a problem in the IP header leaves no IP at all. */
    private boolean fail(String why) {
        error = why;
        if (why == ERROR_IP_TRUNCATED || why == ERROR_IP_VERSION) {
            version = 0;
            protocol = NONE;
        }
        return false;
    }

    /** Why the last parse stopped short, null when it did not. */
    public String error() {
        return error;
    }

    /** 4, 6, or 0 when the frame carries no (readable) IP header. */
    public int version() {
        return version;
    }

    /** IPv4 source address (version 4 only). */
    public int source4() {
        return source4;
    }

    /** IPv4 destination address (version 4 only). */
    public int destination4() {
        return destination4;
    }

    /** Upper 64 bits of the IPv6 source address (version 6 only). */
    public long source6High() {
        return source6High;
    }

    /** Lower 64 bits of the IPv6 source address. */
    public long source6Low() {
        return source6Low;
    }

    /** Upper 64 bits of the IPv6 destination address. */
    public long destination6High() {
        return destination6High;
    }

    /** Lower 64 bits of the IPv6 destination address. */
    public long destination6Low() {
        return destination6Low;
    }

    /** IPv4 protocol, or the IPv6 next header after the extension headers; {@link #NONE} without IP. */
    public int protocol() {
        return protocol;
    }

    /** TCP, UDP or SCTP source port, or {@link #NONE}. */
    public int sourcePort() {
        return sourcePort;
    }

    /** TCP, UDP or SCTP destination port, or {@link #NONE}. */
    public int destinationPort() {
        return destinationPort;
    }

    /** The TCP flags byte (CWR ECE URG ACK PSH RST SYN FIN, high to low), or {@link #NONE}. */
    public int tcpFlags() {
        return tcpFlags;
    }
}
