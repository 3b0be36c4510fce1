package org.openevb.codec.ip;

import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.MacAddress;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.internal.Bytes;

/**
 * Allocation-free, reusable reader of what a port's DHCP guard and DHCP snooping need: the UDP
 * ports right behind the IP header, and of a DHCPv4 message (RFC 2131) the op, yiaddr, chaddr and
 * the message type (option 53). {@link #parse} never throws; the accessors describe the last parse.
 * Not thread safe: one instance per thread.
 *
 * <p>The UDP header is taken where the IPv4 header's IHL puts it, or right after the fixed IPv6
 * header (IPv6 extension headers are not walked, and neither IPv4 fragmentation nor the total
 * length are looked at: a guard judges what the frame carries). The BOOTP fields are read when the
 * frame holds the whole fixed part and the magic cookie; the options are read up to the end of the
 * frame.
 */
public final class DhcpView {

    /** An absent field. */
    public static final int NONE = -1;
    public static final int SERVER_PORT = 67;
    public static final int CLIENT_PORT = 68;
    public static final int SERVER_PORT_V6 = 547;
    public static final int CLIENT_PORT_V6 = 546;
    /** BOOTP op of a message from a server. */
    public static final int BOOTREPLY = 2;
    /** Message type (option 53) of an acknowledgement. */
    public static final int DHCPACK = 5;

    /** The EtherType is neither IPv4 nor IPv6. */
    public static final String ERROR_NOT_IP = "not IP";
    /** The IP packet does not carry UDP. */
    public static final String ERROR_NOT_UDP = "not UDP";
    /** The IP header or the UDP ports run past the end of the frame. */
    public static final String ERROR_TRUNCATED = "IP or UDP header cut short";

    private static final int UDP = 17;
    /** Bytes of a BOOTP message before its options: the fixed part (236) and the magic cookie. */
    private static final int BOOTP_FIXED = 240;
    private static final int MAGIC_COOKIE = 0x6382_5363;

    private int version;
    private int sourcePort;
    private int destinationPort;
    private boolean bootp;
    private int op;
    private int yourAddress;
    private long clientMac;
    private int messageType;
    private String error;

    /** Reads the packet of {@code frame} after its parsed header; the frame is only read. */
    public boolean parse(EthernetHeaderView header, Frame frame) {
        return parse(frame.buffer(), header.payloadOffset(), header.payloadLength(), header.etherType());
    }

    /**
     * Reads the {@code len} bytes at {@code off} as the payload of EtherType {@code etherType}.
     *
     * @return true when the packet carries a UDP header (the ports are then set); false (with
     *     {@link #error()} set) otherwise
     */
    public boolean parse(byte[] b, int off, int len, int etherType) {
        clear();
        if (b == null || off < 0 || len < 0 || off > b.length - len) {
            return fail(ERROR_TRUNCATED);
        }
        int end = off + len;
        if (etherType == EtherType.IPV4) {
            if (len < 28) {
                return fail(ERROR_TRUNCATED);
            }
            if (Bytes.u8(b, off + 9) != UDP) {
                return fail(ERROR_NOT_UDP);
            }
            int udp = off + (b[off] & 0x0F) * 4;
            if (udp + 4 > end) {
                return fail(ERROR_TRUNCATED);
            }
            ports(4, b, udp);
            bootp(b, udp + 8, end);
            return true;
        }
        if (etherType == EtherType.IPV6) {
            if (len < 48) {
                return fail(ERROR_TRUNCATED);
            }
            if (Bytes.u8(b, off + 6) != UDP) {
                return fail(ERROR_NOT_UDP);
            }
            ports(6, b, off + 40);
            return true;
        }
        return fail(ERROR_NOT_IP);
    }

    private void ports(int ipVersion, byte[] b, int udp) {
        version = ipVersion;
        sourcePort = Bytes.u16(b, udp);
        destinationPort = Bytes.u16(b, udp + 2);
    }

    private void bootp(byte[] b, int at, int end) {
        if (at + BOOTP_FIXED > end || Bytes.i32(b, at + 236) != MAGIC_COOKIE) {
            return;
        }
        bootp = true;
        op = Bytes.u8(b, at);
        yourAddress = Bytes.i32(b, at + 16);
        clientMac = MacAddress.read(b, at + 28);
        messageType = messageType(b, at + BOOTP_FIXED, end);
    }

    /** Option 53 of the options from {@code at}, or {@link #NONE}. */
    private static int messageType(byte[] b, int at, int end) {
        int i = at;
        while (i < end) {
            int code = Bytes.u8(b, i);
            if (code == 255) {
                return NONE;
            }
            if (code == 0) {
                i++; // pad
                continue;
            }
            if (i + 1 >= end) {
                return NONE;
            }
            int length = Bytes.u8(b, i + 1);
            if (code == 53 && length == 1 && i + 2 < end) {
                return Bytes.u8(b, i + 2);
            }
            i += 2 + length;
        }
        return NONE;
    }

    /** Forgets the last parse: every field absent. */
    public void clear() {
        version = 0;
        sourcePort = NONE;
        destinationPort = NONE;
        bootp = false;
        op = NONE;
        yourAddress = 0;
        clientMac = 0;
        messageType = NONE;
        error = null;
    }

    private boolean fail(String why) {
        error = why;
        return false;
    }

    /** Why the last parse found no UDP header, null when it found one. */
    public String error() {
        return error;
    }

    /** 4 or 6 when a UDP header was found, else 0. */
    public int version() {
        return version;
    }

    public int sourcePort() {
        return sourcePort;
    }

    public int destinationPort() {
        return destinationPort;
    }

    /** Whether the ports are a server's to a client's: 67 to 68 over IPv4, 547 to 546 over IPv6. */
    public boolean fromServer() {
        return version == 4 ? sourcePort == SERVER_PORT && destinationPort == CLIENT_PORT
                : version == 6 && sourcePort == SERVER_PORT_V6 && destinationPort == CLIENT_PORT_V6;
    }

    /** Whether the UDP payload holds a BOOTP message's fixed part and magic cookie (IPv4 only). */
    public boolean bootp() {
        return bootp;
    }

    /** The BOOTP op ({@link #BOOTREPLY} from a server), or {@link #NONE}. */
    public int op() {
        return op;
    }

    /** yiaddr: the address a server gives the client; 0 without BOOTP. */
    public int yourAddress() {
        return yourAddress;
    }

    /** The first 6 bytes of chaddr, the client's MAC on Ethernet; 0 without BOOTP. */
    public long clientMac() {
        return clientMac;
    }

    /** The DHCP message type (option 53; {@link #DHCPACK} for an acknowledgement), or {@link #NONE}. */
    public int messageType() {
        return messageType;
    }
}
