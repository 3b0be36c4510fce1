package org.openevb.codec;

import java.util.Arrays;

import org.openevb.codec.ethernet.Tag;
import org.openevb.codec.ethernet.VlanTag;
import org.openevb.codec.internal.Bytes;

/**
 * A mutable frame buffer for the data path. The frame sits at {@link #offset()} in
 * {@link #buffer()} with free headroom in front, so pushing or popping a tag moves only the 12
 * bytes of MAC addresses and never the payload. Nothing here allocates after construction.
 *
 * <p><b>Ownership:</b> a frame has exactly one owner at a time. Whoever holds it may change it;
 * handing it on (to a port for sending, to another bridge stage) hands over ownership, and the
 * previous owner must no longer touch it. A multi-destination send makes explicit copies with
 * {@link #copyTo(Frame)}. The class is not thread safe.
 */
public final class Frame {

    /** Headroom reserved in front of the frame by {@link #Frame(int)}: room for several tags. */
    public static final int DEFAULT_HEADROOM = 64;

    private final byte[] buf;
    private final int initialHeadroom;
    private int offset;
    private int length;

    /**
     * A buffer for frames of up to {@code capacity} bytes with {@link #DEFAULT_HEADROOM} in front.
     */
    public Frame(int capacity) {
        this(DEFAULT_HEADROOM, capacity);
    }

    /** A buffer of {@code headroom + capacity} bytes; frames start at {@code headroom}. */
    public Frame(int headroom, int capacity) {
        if (headroom < 0 || capacity < 0 || headroom > Integer.MAX_VALUE - 8 - capacity) {
            throw new IllegalArgumentException("bad headroom " + headroom + " / capacity " + capacity);
        }
        this.buf = new byte[headroom + capacity];
        this.initialHeadroom = headroom;
        this.offset = headroom;
    }

    /** The backing array. The frame's bytes are {@code buffer()[offset() .. offset()+length())}. */
    public byte[] buffer() {
        return buf;
    }

    /** Index of the frame's first byte in {@link #buffer()}. */
    public int offset() {
        return offset;
    }

    /** Frame length in bytes. */
    public int length() {
        return length;
    }

    /** Largest frame that fits when it starts at the configured headroom position. */
    public int capacity() {
        return buf.length - initialHeadroom;
    }

    /** Free bytes in front of the frame. */
    public int headroom() {
        return offset;
    }

    /** Free bytes after the frame. */
    public int tailroom() {
        return buf.length - offset - length;
    }

    /** Empties the frame and moves its start back to the configured headroom position. */
    public void clear() {
        offset = initialHeadroom;
        length = 0;
    }

    /**
     * Replaces the frame with {@code length} bytes of {@code src}, starting at the configured
     * headroom position.
     *
     * @throws IllegalArgumentException if {@code length > capacity()} (the data path checks first)
     */
    public void copyFrom(byte[] src, int srcOffset, int length) {
        if (length < 0 || length > capacity()) {
            throw new IllegalArgumentException("frame of " + length + " bytes exceeds capacity " + capacity());
        }
        System.arraycopy(src, srcOffset, buf, initialHeadroom, length);
        this.offset = initialHeadroom;
        this.length = length;
    }

    /**
     * Sets the frame length, for example after a driver wrote a received frame into
     * {@code buffer()} at {@code offset()}.
     *
     * @throws IllegalArgumentException if the frame would extend past the buffer
     */
    public void setLength(int length) {
        if (length < 0 || length > buf.length - offset) {
            throw new IllegalArgumentException("length " + length + " does not fit: "
                    + (buf.length - offset) + " bytes from offset " + offset);
        }
        this.length = length;
    }

    /** A copy of the frame's bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(buf, offset, offset + length);
    }

    /**
     * Copies this frame into {@code other}, at {@code other}'s configured headroom position.
     *
     * @throws IllegalArgumentException if the frame exceeds {@code other.capacity()}
     */
    public void copyTo(Frame other) {
        other.copyFrom(buf, offset, length);
    }

    /** Destination MAC; requires at least 12 bytes. */
    public long destination() {
        requireLength(12);
        return MacAddress.read(buf, offset);
    }

    /** Source MAC; requires at least 12 bytes. */
    public long source() {
        requireLength(12);
        return MacAddress.read(buf, offset + 6);
    }

    /** The 16 bits after the MACs: the outer TPID or the EtherType. Requires at least 14 bytes. */
    public int typeAt12() {
        requireLength(14);
        return Bytes.u16(buf, offset + 12);
    }

    /**
     * The 16 bits after the outer TPID: the outer tag's TCI when {@link #typeAt12()} is a VLAN tag
     * TPID. Requires at least 16 bytes.
     */
    public int tciAt14() {
        requireLength(16);
        return Bytes.u16(buf, offset + 14);
    }

    private void requireLength(int n) {
        if (length < n) {
            throw new IllegalStateException("frame of " + length + " bytes, need " + n);
        }
    }

    /**
     * Inserts {@code tag} right after the source MAC, so it becomes the outermost tag. The MAC
     * addresses move {@code tag.length()} bytes into the headroom. If the headroom is too small but
     * the tailroom is large enough, the bytes after the MACs move right instead (a rare, slower
     * path: only buffers created with a small headroom hit it).
     *
     * @throws IllegalStateException if the frame has no MACs yet or neither room suffices
     */
    public void pushTag(Tag tag) {
        int n = tag.length();
        int at = openGap(n);
        tag.encode(buf, at);
    }

    /** Like {@link #pushTag(Tag)} for a 4-byte VLAN tag, without creating a tag object. */
    public void pushVlanTag(int tpid, int pcp, boolean dei, int vid) {
        if (!EtherType.isVlanTag(tpid)) {
            throw new IllegalArgumentException(String.format("not a VLAN tag TPID: 0x%04x", tpid));
        }
        Bytes.range("PCP", pcp, 0, 7);
        Bytes.range("VID", vid, 0, 4095);
        int at = openGap(4);
        Bytes.put16(buf, at, tpid);
        Bytes.put16(buf, at + 2, VlanTag.tci(pcp, dei, vid));
    }

    /**
     * Replaces the VID of the outermost tag, a VLAN tag, keeping its PCP and DEI: how a bridge
     * gives a priority-tagged frame (VID 0) its port's VLAN.
     *
     * @throws IllegalStateException if the frame does not start with MACs and a VLAN tag
     */
    public void setOuterVid(int vid) {
        Bytes.range("VID", vid, 0, 4095);
        if (length < 16 || !EtherType.isVlanTag(typeAt12())) {
            throw new IllegalStateException("no outer VLAN tag in a frame of " + length + " bytes");
        }
        int tci = offset + 14;
        Bytes.put16(buf, tci, (Bytes.u16(buf, tci) & 0xF000) | vid);
    }

    /** Opens an n-byte gap after the MACs and returns its index. */
    private int openGap(int n) {
        requireLength(12);
        if (offset >= n) {
            System.arraycopy(buf, offset, buf, offset - n, 12);
            offset -= n;
        } else if (tailroom() >= n) {
            System.arraycopy(buf, offset + 12, buf, offset + 12 + n, length - 12);
        } else {
            throw new IllegalStateException("no room for a " + n + "-byte tag: headroom " + offset
                    + ", tailroom " + tailroom());
        }
        length += n;
        return offset + 12;
    }

    /**
     * Removes the outermost tag by moving the MAC addresses right over it.
     *
     * @return the number of bytes removed; 0 (frame unchanged) if the type after the MACs is not a
     *         tag TPID, or the frame is too short to hold the whole tag and the type field after it
     */
    public int popTag() {
        if (length < 14) {
            return 0;
        }
        int n = EtherType.tagLength(Bytes.u16(buf, offset + 12));
        if (n == 0 || length < 12 + n + 2) {
            return 0;
        }
        System.arraycopy(buf, offset, buf, offset + n, 12);
        offset += n;
        length -= n;
        return n;
    }

    /**
     * Pads the frame with zero bytes up to {@code minLength} (for example 60 before sending);
     * does nothing if it is already that long.
     *
     * @throws IllegalStateException if the tailroom is too small
     */
    public void padTo(int minLength) {
        if (length >= minLength) {
            return;
        }
        int need = minLength - length;
        if (need > tailroom()) {
            throw new IllegalStateException("cannot pad to " + minLength + ": tailroom " + tailroom());
        }
        Arrays.fill(buf, offset + length, offset + minLength, (byte) 0);
        length = minLength;
    }

    @Override
    public String toString() {
        return "Frame[offset=" + offset + ", length=" + length + ", buffer=" + buf.length + "]";
    }
}
