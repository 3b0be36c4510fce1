package org.openevb.codec.ethernet;

import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.internal.Bytes;

/**
 * Allocation-free, reusable parser of an Ethernet header and its tag stack, for the data path.
 * {@link #parse} never throws: on malformed input it returns false and {@link #error()} names the
 * problem with one of the {@code ERROR_*} constants. The accessors describe the last successful
 * parse. Not thread safe: one instance per thread.
 *
 * <p>Up to {@link #MAX_TAGS} tags are recorded; a deeper stack fails with {@link #ERROR_TOO_MANY_TAGS}.
 */
public final class EthernetHeaderView {

    /** Most tags a frame may carry for this parser. */
    public static final int MAX_TAGS = 8;

    /** The offset and length arguments lie outside the array (or the array is null). */
    public static final String ERROR_BOUNDS = "offset/length outside the array";
    /** Fewer than 14 bytes. */
    public static final String ERROR_TOO_SHORT = "frame shorter than 14 bytes";
    /** A tag, or the type field after it, runs past the end of the frame. */
    public static final String ERROR_TAG_TRUNCATED = "truncated tag";
    /** More than {@link #MAX_TAGS} tags. */
    public static final String ERROR_TOO_MANY_TAGS = "too many tags";

    private final int[] tagTpid = new int[MAX_TAGS];
    private final int[] tagOffset = new int[MAX_TAGS];
    private final int[] tagTci = new int[MAX_TAGS];
    private long destination;
    private long source;
    private int tagCount;
    private int etherType;
    private int frameOffset;
    private int frameLength;
    private int payloadOffset;
    private String error;

    /**
     * Parses the header of the frame of {@code len} bytes at {@code off}.
     *
     * @return true on success; false (with {@link #error()} set) on malformed input
     */
    public boolean parse(byte[] b, int off, int len) {
        tagCount = 0;
        error = null;
        if (b == null || off < 0 || len < 0 || off > b.length - len) {
            return fail(ERROR_BOUNDS);
        }
        if (len < EthernetFrame.HEADER_LENGTH) {
            return fail(ERROR_TOO_SHORT);
        }
        int end = off + len;
        int pos = off + 12;
        int type = Bytes.u16(b, pos);
        int count = 0;
        while (EtherType.isTag(type)) {
            if (count == MAX_TAGS) {
                return fail(ERROR_TOO_MANY_TAGS);
            }
            int tagLength = EtherType.tagLength(type);
            // The tag and the type field after it must both fit.
            if (end - pos < tagLength + 2) {
                return fail(ERROR_TAG_TRUNCATED);
            }
            tagTpid[count] = type;
            tagOffset[count] = pos;
            tagTci[count] = Bytes.u16(b, pos + 2);
            count++;
            pos += tagLength;
            type = Bytes.u16(b, pos);
        }
        destination = MacAddress.read(b, off);
        source = MacAddress.read(b, off + 6);
        tagCount = count;
        etherType = type;
        frameOffset = off;
        frameLength = len;
        payloadOffset = pos + 2;
        return true;
    }

    private boolean fail(String why) {
        error = why;
        tagCount = 0;
        return false;
    }

    /** Why the last parse failed (one of the {@code ERROR_*} constants), null after a success. */
    public String error() {
        return error;
    }

    public long destination() {
        return destination;
    }

    public long source() {
        return source;
    }

    /** Number of tags, outermost first. */
    public int tagCount() {
        return tagCount;
    }

    /** TPID of tag {@code i} (0 = outermost); i must be below {@link #tagCount()}. */
    public int tagTpid(int i) {
        checkTag(i);
        return tagTpid[i];
    }

    /** Absolute index in the array of tag {@code i}'s TPID. */
    public int tagOffset(int i) {
        checkTag(i);
        return tagOffset[i];
    }

    /** Length of tag {@code i} including its TPID. */
    public int tagLength(int i) {
        checkTag(i);
        return EtherType.tagLength(tagTpid[i]);
    }

    /**
     * The 16 bits after tag {@code i}'s TPID: the TCI of a VLAN tag, the upper half of a VN-Tag
     * word, the first TCI word of an E-Tag.
     */
    public int tagTci(int i) {
        checkTag(i);
        return tagTci[i];
    }

    private void checkTag(int i) {
        if (i < 0 || i >= tagCount) {
            throw new IndexOutOfBoundsException("tag " + i + " of " + tagCount);
        }
    }

    /** VID of the outermost tag if it is a VLAN tag (C, S or legacy Q-in-Q), else -1. */
    public int outerVid() {
        return tagCount > 0 && EtherType.isVlanTag(tagTpid[0]) ? tagTci[0] & 0xFFF : -1;
    }

    /** PCP of the outermost tag if it is a VLAN tag, else -1. */
    public int outerPcp() {
        return tagCount > 0 && EtherType.isVlanTag(tagTpid[0]) ? tagTci[0] >>> 13 : -1;
    }

    /** The EtherType after the tag stack (an 802.3 length if below 0x0600). */
    public int etherType() {
        return etherType;
    }

    /** Absolute index of the first byte after the EtherType. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** Bytes from {@link #payloadOffset()} to the end of the frame. */
    public int payloadLength() {
        return frameOffset + frameLength - payloadOffset;
    }

    /** Index of the first byte of the frame, as passed to {@link #parse}. */
    public int frameOffset() {
        return frameOffset;
    }

    /** Frame length, as passed to {@link #parse}. */
    public int frameLength() {
        return frameLength;
    }

    /** Addresses, tags and EtherType: {@code payloadOffset() - frameOffset()}. */
    public int headerLength() {
        return payloadOffset - frameOffset;
    }
}
