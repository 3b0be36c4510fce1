package org.openevb.driver.packet.internal;

/**
 * Software segmentation of GSO frames, as a NIC would do it (TSO, USO, UFO): the kernel hands a
 * packet socket super-frames of up to 64 KiB with one set of headers, meant to be cut into frames
 * of at most {@code gso_size} payload bytes each. Every segment gets a copy of the headers with
 * its own lengths, IPv4 ID and header checksum, TCP sequence number and flags, and a full L4
 * checksum.
 *
 * <p>One instance per receive thread: segments are built in a scratch buffer owned by the
 * instance and handed to the sink one at a time (valid only during the call). Pure Java, no
 * allocation per frame.
 */
final class Segmenter {

    /** virtio_net_hdr gso_type values (linux/virtio_net.h). */
    static final int GSO_NONE = 0;
    static final int GSO_TCPV4 = 1;
    static final int GSO_UDP = 3;
    static final int GSO_TCPV6 = 4;
    static final int GSO_UDP_L4 = 5;
    static final int GSO_ECN = 0x80;

    static final int TCP = 6;
    static final int UDP = 17;

    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int CWR = 0x80;

    /** Receives each segment; the bytes are only valid during the call. */
    @FunctionalInterface
    interface Sink {
        void accept(byte[] bytes, int offset, int length);
    }

    /** Why a frame could not be segmented. */
    enum Result {
        OK,
        /** Headers missing or inconsistent, offsets outside the frame, gso_size 0. */
        MALFORMED,
        /** A GSO type this driver does not cut (e.g. UFO over IPv6). */
        UNSUPPORTED
    }

    private final byte[] scratch;

    /** @param maxSegment the longest segment (headers and payload) this instance can build */
    Segmenter(int maxSegment) {
        this.scratch = new byte[maxSegment];
    }

    /**
     * Cuts a GSO frame into segments and hands each to {@code sink}.
     *
     * @param frame the frame, from its Ethernet header, VLAN tags (if any) in the data
     * @param length its length
     * @param gsoType virtio_net_hdr gso_type (the ECN bit is ignored)
     * @param gsoSize the largest payload of one segment
     * @param csumStart where the L4 header starts, from the vnet header (used to find it behind
     *     IPv6 extension headers), or -1 when unknown
     */
    Result segment(byte[] frame, int length, int gsoType, int gsoSize, int csumStart, Sink sink) {
        int type = gsoType & ~GSO_ECN;
        if (gsoSize <= 0 || length > frame.length || length < 14) {
            return Result.MALFORMED;
        }
        int l3 = l3Offset(frame, length);
        if (l3 < 0) {
            return Result.MALFORMED;
        }
        int etherType = Checksum.getShort(frame, l3 - 2);
        boolean v4 = etherType == 0x0800;
        boolean v6 = etherType == 0x86DD;
        int protocol;
        switch (type) {
            case GSO_TCPV4:
                if (!v4) {
                    return Result.MALFORMED;
                }
                protocol = TCP;
                break;
            case GSO_TCPV6:
                if (!v6) {
                    return Result.MALFORMED;
                }
                protocol = TCP;
                break;
            case GSO_UDP_L4:
                if (!v4 && !v6) {
                    return Result.MALFORMED;
                }
                protocol = UDP;
                break;
            case GSO_UDP:
                if (v6) {
                    return Result.UNSUPPORTED; // would need a fragment header inserted
                }
                if (!v4) {
                    return Result.MALFORMED;
                }
                protocol = UDP;
                break;
            default:
                return Result.UNSUPPORTED;
        }
        int l4 = l4Offset(frame, length, l3, v4, protocol, csumStart);
        if (l4 < 0) {
            return Result.MALFORMED;
        }
        if (type == GSO_UDP) {
            return fragment(frame, length, l3, l4, gsoSize, sink);
        }
        int headerEnd;
        if (protocol == TCP) {
            if (l4 + 20 > length) {
                return Result.MALFORMED;
            }
            int dataOffset = ((frame[l4 + 12] & 0xFF) >>> 4) * 4;
            if (dataOffset < 20) {
                return Result.MALFORMED;
            }
            headerEnd = l4 + dataOffset;
        } else {
            headerEnd = l4 + 8;
        }
        if (headerEnd > length) {
            return Result.MALFORMED;
        }
        int payload = length - headerEnd;
        int segmentMax = Math.min(gsoSize, payload);
        if (headerEnd + segmentMax > scratch.length) {
            return Result.MALFORMED;
        }
        int ipId = v4 ? Checksum.getShort(frame, l3 + 4) : 0;
        long seq = protocol == TCP ? Checksum.getInt(frame, l4 + 4) : 0;
        int flags = protocol == TCP ? frame[l4 + 13] & 0xFF : 0;
        byte[] s = scratch;
        System.arraycopy(frame, 0, s, 0, headerEnd);
        int pos = 0;
        int index = 0;
        do {
            int segLen = Math.min(gsoSize, payload - pos);
            boolean first = index == 0;
            boolean last = pos + segLen >= payload;
            System.arraycopy(frame, headerEnd + pos, s, headerEnd, segLen);
            int total = headerEnd + segLen;
            if (v4) {
                Checksum.putShort(s, l3 + 4, (ipId + index) & 0xFFFF);
            }
            setIpLength(s, l3, v4, total);
            if (protocol == TCP) {
                Checksum.putInt(s, l4 + 4, (seq + pos) & 0xFFFFFFFFL);
                int f = flags;
                if (!last) {
                    f &= ~(FIN | PSH);
                }
                if (!first) {
                    f &= ~CWR;
                }
                s[l4 + 13] = (byte) f;
            } else {
                Checksum.putShort(s, l4 + 4, total - l4);
            }
            l4Checksum(s, l3, l4, total, v4, protocol);
            sink.accept(s, 0, total);
            pos += segLen;
            index++;
        } while (pos < payload);
        return Result.OK;
    }

    /** UFO: one UDP datagram over IPv4, cut into IP fragments (its checksum computed first, over all of it). */
    private Result fragment(byte[] frame, int length, int l3, int l4, int gsoSize, Sink sink) {
        if (l4 + 8 > length) {
            return Result.MALFORMED;
        }
        int unit = gsoSize & ~7;
        int datagram = length - l4;
        if (unit == 0 || l4 + Math.min(unit, datagram) > scratch.length) {
            return Result.MALFORMED;
        }
        Checksum.putShort(frame, l4 + 4, datagram);
        l4Checksum(frame, l3, l4, length, true, UDP);
        byte[] s = scratch;
        System.arraycopy(frame, 0, s, 0, l4);
        int pos = 0;
        do {
            int fragLen = Math.min(unit, datagram - pos);
            boolean last = pos + fragLen >= datagram;
            System.arraycopy(frame, l4 + pos, s, l4, fragLen);
            int total = l4 + fragLen;
            // no DF on fragments; MF on all but the last; offset in 8-byte units
            Checksum.putShort(s, l3 + 6, (last ? 0 : 0x2000) | (pos >>> 3));
            setIpLength(s, l3, true, total);
            sink.accept(s, 0, total);
            pos += fragLen;
        } while (pos < datagram);
        return Result.OK;
    }

    /** Sets the IPv4 total length (and recomputes the header checksum) or the IPv6 payload length. */
    private static void setIpLength(byte[] s, int l3, boolean v4, int frameLength) {
        if (v4) {
            int ihl = (s[l3] & 0x0F) * 4;
            Checksum.putShort(s, l3 + 2, frameLength - l3);
            Checksum.putShort(s, l3 + 10, 0);
            Checksum.putShort(s, l3 + 10, Checksum.finish(Checksum.sum(s, l3, l3 + ihl, 0)));
        } else {
            Checksum.putShort(s, l3 + 4, frameLength - l3 - 40);
        }
    }

    /** Computes and stores the full TCP or UDP checksum, pseudo header included. */
    static void l4Checksum(byte[] s, int l3, int l4, int end, boolean v4, int protocol) {
        int field = l4 + (protocol == TCP ? 16 : Checksum.UDP_CHECK_OFFSET);
        Checksum.putShort(s, field, 0);
        long sum = v4 ? Checksum.sum(s, l3 + 12, l3 + 20, 0) : Checksum.sum(s, l3 + 8, l3 + 40, 0);
        sum += protocol;
        sum += end - l4;
        sum = Checksum.sum(s, l4, end, sum);
        int check = Checksum.finish(sum);
        if (check == 0 && protocol == UDP) {
            check = 0xFFFF;
        }
        Checksum.putShort(s, field, check);
    }

    /**
     * Where the network header starts: after the MAC addresses and any 802.1Q, 802.1ad or 0x9100
     * tags; the two bytes before it are the EtherType. -1 when the frame is too short.
     */
    static int l3Offset(byte[] f, int length) {
        int at = 12;
        while (at + 2 <= length) {
            int type = Checksum.getShort(f, at);
            if (type == 0x8100 || type == 0x88A8 || type == 0x9100) {
                at += 4;
                continue;
            }
            return at + 2 <= length ? at + 2 : -1;
        }
        return -1;
    }

    /** Where the TCP or UDP header starts, checked against the IP header; -1 when it does not add up. */
    private static int l4Offset(byte[] f, int length, int l3, boolean v4, int protocol, int csumStart) {
        if (v4) {
            if (l3 + 20 > length || (f[l3] & 0xF0) != 0x40) {
                return -1;
            }
            int ihl = (f[l3] & 0x0F) * 4;
            if (ihl < 20 || l3 + ihl > length || (f[l3 + 9] & 0xFF) != protocol) {
                return -1;
            }
            int fragment = Checksum.getShort(f, l3 + 6) & 0x3FFF;
            if (fragment != 0) {
                return -1; // already a fragment
            }
            return l3 + ihl;
        }
        if (l3 + 40 > length || (f[l3] & 0xF0) != 0x60) {
            return -1;
        }
        if ((f[l3 + 6] & 0xFF) == protocol) {
            return l3 + 40;
        }
        // extension headers: trust the kernel's csum_start if it points past the fixed header
        return csumStart >= l3 + 40 && csumStart < length ? csumStart : -1;
    }
}
