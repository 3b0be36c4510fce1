package org.openevb.codec.arp;

import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.MacAddress;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.internal.Bytes;

/**
 * Allocation-free, reusable reader of an ARP packet for IPv4 over Ethernet (RFC 826: hardware type
 * 1, protocol type 0x0800, address lengths 6 and 4), behind a parsed Ethernet header. {@link #parse}
 * never throws: anything else, or a packet cut short, is no ARP and {@link #error()} says why. The
 * accessors describe the last successful parse. Not thread safe: one instance per thread.
 */
public final class ArpView {

    /** Length of an ARP packet for IPv4 over Ethernet. */
    public static final int LENGTH = 28;
    public static final int REQUEST = 1;
    public static final int REPLY = 2;

    /** The EtherType after the tags is not ARP. */
    public static final String ERROR_NOT_ARP = "not ARP";
    /** Fewer than {@link #LENGTH} bytes after the EtherType. */
    public static final String ERROR_TRUNCATED = "ARP packet shorter than 28 bytes";
    /** Another hardware or protocol type, or other address lengths. */
    public static final String ERROR_NOT_IPV4_OVER_ETHERNET = "ARP not for IPv4 over Ethernet";

    private int operation;
    private long senderMac;
    private int senderIp4;
    private long targetMac;
    private int targetIp4;
    private String error;

    /** Reads the ARP packet of {@code frame} after its parsed header; the frame is only read. */
    public boolean parse(EthernetHeaderView header, Frame frame) {
        if (header.etherType() != EtherType.ARP) {
            return fail(ERROR_NOT_ARP);
        }
        return parse(frame.buffer(), header.payloadOffset(), header.payloadLength());
    }

    /**
     * Reads the {@code len} bytes at {@code off} as an ARP packet.
     *
     * @return true for ARP for IPv4 over Ethernet; false (with {@link #error()} set) otherwise
     */
    public boolean parse(byte[] b, int off, int len) {
        error = null;
        if (b == null || off < 0 || len < 0 || off > b.length - len || len < LENGTH) {
            return fail(ERROR_TRUNCATED);
        }
        if (Bytes.u16(b, off) != 1 || Bytes.u16(b, off + 2) != EtherType.IPV4 || b[off + 4] != 6 || b[off + 5] != 4) {
            return fail(ERROR_NOT_IPV4_OVER_ETHERNET);
        }
        operation = Bytes.u16(b, off + 6);
        senderMac = MacAddress.read(b, off + 8);
        senderIp4 = Bytes.i32(b, off + 14);
        targetMac = MacAddress.read(b, off + 18);
        targetIp4 = Bytes.i32(b, off + 24);
        return true;
    }

    private boolean fail(String why) {
        error = why;
        operation = 0;
        senderMac = 0;
        senderIp4 = 0;
        targetMac = 0;
        targetIp4 = 0;
        return false;
    }

    /** Why the last parse failed, null after a success. */
    public String error() {
        return error;
    }

    /** {@link #REQUEST}, {@link #REPLY} or another operation code. */
    public int operation() {
        return operation;
    }

    public long senderMac() {
        return senderMac;
    }

    /** The sender's IPv4 address; 0 in a probe (RFC 5227), which claims no address. */
    public int senderIp4() {
        return senderIp4;
    }

    public long targetMac() {
        return targetMac;
    }

    public int targetIp4() {
        return targetIp4;
    }
}
