package org.openevb.driver.packet.internal;

import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Frames built by hand for the offload tests, and a reference checksum written independently of
 * {@link Checksum}: pseudo header spelled out as bytes, summed through a ByteBuffer.
 */
final class TestPackets {

    static final byte[] MAC = {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1};
    static final byte[] SRC4 = {10, 0, 0, 1};
    static final byte[] DST4 = {10, 0, 0, 2};
    static final byte[] SRC6 = new byte[16];
    static final byte[] DST6 = new byte[16];

    static {
        SRC6[0] = (byte) 0xfd;
        SRC6[15] = 1;
        DST6[0] = (byte) 0xfd;
        DST6[15] = 2;
    }

    private TestPackets() {
    }

    static byte[] payload(int length, long seed) {
        byte[] p = new byte[length];
        new Random(seed).nextBytes(p);
        return p;
    }

    /**
     * An Ethernet frame with optional tags (each 4 bytes: TPID, TCI) before the EtherType, an
     * IPv4 or IPv6 header and the given L4 segment (header and payload), its checksum field left
     * as the L4 bytes have it.
     */
    static byte[] frame(int[][] tags, boolean v4, int protocol, byte[] l4) {
        int l3Len = v4 ? 20 : 40;
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * tags.length + l3Len + l4.length);
        b.put(MAC);
        for (int[] t : tags) {
            b.putShort((short) t[0]).putShort((short) t[1]);
        }
        b.putShort((short) (v4 ? 0x0800 : 0x86DD));
        if (v4) {
            int start = b.position();
            b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4.length)).putShort((short) 0x1234)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0).put(SRC4).put(DST4);
            byte[] a = b.array();
            int c = reference(a, start, 20, new byte[0]);
            a[start + 10] = (byte) (c >>> 8);
            a[start + 11] = (byte) c;
        } else {
            b.putInt(0x60000000).putShort((short) l4.length).put((byte) protocol).put((byte) 64).put(SRC6).put(DST6);
        }
        b.put(l4);
        return b.array();
    }

    /** A TCP header (12 bytes of options: doff 8) and payload; checksum field 0. */
    static byte[] tcp(long seq, int flags, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(32 + payload.length);
        b.putShort((short) 40000).putShort((short) 5001).putInt((int) seq).putInt(0x01020304)
                .put((byte) 0x80).put((byte) flags).putShort((short) 502).putShort((short) 0).putShort((short) 0);
        b.put(new byte[] {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2}); // NOP NOP timestamps
        b.put(payload);
        return b.array();
    }

    /** A UDP header and payload; checksum field 0. */
    static byte[] udp(byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) 40000).putShort((short) 9000).putShort((short) (8 + payload.length)).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    /** The pseudo header of an L4 segment of the given length. */
    static byte[] pseudo(boolean v4, int protocol, int l4Length) {
        if (v4) {
            return ByteBuffer.allocate(12).put(SRC4).put(DST4).put((byte) 0).put((byte) protocol)
                    .putShort((short) l4Length).array();
        }
        return ByteBuffer.allocate(40).put(SRC6).put(DST6).putInt(l4Length).putInt(protocol).array();
    }

    /**
     * RFC 1071 over {@code prefix} then {@code b[from, from + length)}, as written in the RFC: a
     * 32-bit accumulator of 16-bit words, carries folded at the end, complemented.
     */
    static int reference(byte[] b, int from, int length, byte[] prefix) {
        byte[] all = new byte[prefix.length + length + 1];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(b, from, all, prefix.length, length);
        ByteBuffer buf = ByteBuffer.wrap(all, 0, (prefix.length + length + 1) & ~1);
        long sum = 0;
        while (buf.remaining() >= 2) {
            sum += buf.getShort() & 0xFFFF;
        }
        while (sum > 0xFFFF) {
            sum = (sum >> 16) + (sum & 0xFFFF);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** Whether the L4 checksum of a frame (no tags) verifies: the reference sum over all of it, field included, is 0. */
    static boolean l4Valid(byte[] f, int length, int l3, boolean v4, int protocol) {
        int l4 = l3 + (v4 ? 20 : 40);
        return reference(f, l4, length - l4, pseudo(v4, protocol, length - l4)) == 0;
    }

    static boolean ipv4HeaderValid(byte[] f, int l3) {
        return reference(f, l3, 20, new byte[0]) == 0;
    }

    /** The folded, not complemented, pseudo-header sum: what the kernel leaves in a partial checksum field. */
    static int partialSeed(boolean v4, int protocol, int l4Length) {
        return ~reference(new byte[0], 0, 0, pseudo(v4, protocol, l4Length)) & 0xFFFF;
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }
}
