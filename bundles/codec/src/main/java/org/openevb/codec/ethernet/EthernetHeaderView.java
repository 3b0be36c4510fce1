package org.openevb.codec.ethernet;

import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.MacAddress;
import org.openevb.codec.internal.Bytes;

/**
 * Allocation-free, reusable parser of an Ethernet header and its tag stack, for the data path.
 * {@link #parse} never throws: on malformed input it returns false and {@link #error()} names the
 * problem with one of the {@code ERROR_*} constants. The accessors describe the last successful
 * parse. Not thread safe: one instance per thread.
 *
 * <p>Up to {@link #MAX_TAGS} tags are recorded; a deeper stack fails with {@link #ERROR_TOO_MANY_TAGS}.
 * A decision that needs only the outermost tags reads just those with {@link #parseOuter}, so
 * whatever lies below them cannot fail it.
 *
 * <p>Every tag kind is decoded in place: VLAN tags ({@link #tagTci}, {@link #tagPcp}),
 * VN-Tags ({@code vnTag*}) and E-Tags ({@code eTag*}). A tag, and the type field after it, is
 * either whole in the frame or the parse fails with {@link #ERROR_TAG_TRUNCATED}: a frame whose
 * tag is cut short is never taken for an untagged one.
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
    /** The 32 bits after the TCI of a VN-Tag (low 16 used) or an E-Tag; 0 for a VLAN tag. */
    private final int[] tagRest = new int[MAX_TAGS];
    private long destination;
    private long source;
    private int tagCount;
    private int etherType;
    private int frameOffset;
    private int frameLength;
    private int payloadOffset;
    private String error;

    /**
     * Parses the header of the frame of {@code len} bytes at {@code off}, its whole tag stack.
     *
     * @return true on success; false (with {@link #error()} set) on malformed input
     */
    public boolean parse(byte[] b, int off, int len) {
        return parse(b, off, len, MAX_TAGS, true);
    }

    /** {@link #parse(byte[], int, int)} of the frame's bytes; the frame is only read. */
    public boolean parse(Frame frame) {
        return parse(frame.buffer(), frame.offset(), frame.length(), MAX_TAGS, true);
    }

    /**
     * Parses the addresses and at most the {@code tags} outermost tags, each checked whole with
     * the type field after it; the stack below them is not read. {@link #etherType()} is then the
     * type field after the last tag parsed: the TPID of the next tag when there is one.
     *
     * @param tags 0..{@link #MAX_TAGS}
     * @return true on success; false (with {@link #error()} set) on malformed input
     */
    public boolean parseOuter(byte[] b, int off, int len, int tags) {
        if (tags < 0 || tags > MAX_TAGS) {
            throw new IllegalArgumentException("tags " + tags + " outside 0.." + MAX_TAGS);
        }
        return parse(b, off, len, tags, false);
    }

    /** {@link #parseOuter(byte[], int, int, int)} of the frame's bytes; the frame is only read. */
    public boolean parseOuter(Frame frame, int tags) {
        return parseOuter(frame.buffer(), frame.offset(), frame.length(), tags);
    }

    /** Parses up to {@code limit} tags; a deeper stack fails if {@code whole}, else stops there. */
    private boolean parse(byte[] b, int off, int len, int limit, boolean whole) {
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
            if (count == limit) {
                if (whole) {
                    return fail(ERROR_TOO_MANY_TAGS);
                }
                break;
            }
            int tagLength = EtherType.tagLength(type);
            // The tag and the type field after it must both fit.
            if (end - pos < tagLength + 2) {
                return fail(ERROR_TAG_TRUNCATED);
            }
            tagTpid[count] = type;
            tagOffset[count] = pos;
            tagTci[count] = Bytes.u16(b, pos + 2);
            tagRest[count] = type == EtherType.E_TAG ? Bytes.i32(b, pos + 4)
                    : type == EtherType.VN_TAG ? Bytes.u16(b, pos + 4) : 0;
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

    /** Tag {@code i} checked to be of kind {@code tpid}: asking a tag for another kind's field is a bug. */
    private int checkKind(int i, int tpid) {
        checkTag(i);
        if (tagTpid[i] != tpid) {
            throw new IllegalStateException("tag " + i + " is a " + EtherType.name(tagTpid[i]) + ", not a "
                    + EtherType.name(tpid));
        }
        return i;
    }

    /** TPID of the outermost tag, 0 for an untagged frame. */
    public int outerTpid() {
        return tagCount > 0 ? tagTpid[0] : 0;
    }

    /** PCP of tag {@code i}, a VLAN tag or an E-Tag (E-PCP); 0..7. */
    public int tagPcp(int i) {
        checkPriority(i);
        return tagTci[i] >>> 13;
    }

    /** DEI of tag {@code i}, a VLAN tag or an E-Tag (E-DEI). */
    public boolean tagDei(int i) {
        checkPriority(i);
        return (tagTci[i] & 0x1000) != 0;
    }

    private void checkPriority(int i) {
        checkTag(i);
        if (tagTpid[i] == EtherType.VN_TAG) {
            throw new IllegalStateException("tag " + i + " is a VN-Tag, which carries no priority");
        }
    }

    // ---- VN-Tag fields (see VnTag): d(1) p(1) dvif(14) | l(1) r(1) ver(2) svif(12) ----

    /** The 32-bit word of VN-Tag {@code i}, as {@link VnTag#word()}. */
    public int vnTagWord(int i) {
        checkKind(i, EtherType.VN_TAG);
        return tagTci[i] << 16 | tagRest[i];
    }

    /** Direction bit of VN-Tag {@code i}: true from the bridge (downstream), false towards it. */
    public boolean vnTagDownstream(int i) {
        return (vnTagWord(i) & 0x8000_0000) != 0;
    }

    /** Pointer bit of VN-Tag {@code i}: {@link #vnTagDvif} is a vif list (multicast). */
    public boolean vnTagPointer(int i) {
        return (vnTagWord(i) & 0x4000_0000) != 0;
    }

    /** Destination vif (or vif list) of VN-Tag {@code i}, 0..0x3FFF. */
    public int vnTagDvif(int i) {
        return vnTagWord(i) >>> 16 & 0x3FFF;
    }

    /** Looped bit of VN-Tag {@code i}: not to be delivered to {@link #vnTagSvif}. */
    public boolean vnTagLooped(int i) {
        return (vnTagWord(i) & 0x8000) != 0;
    }

    /** Source vif of VN-Tag {@code i}, 0..0xFFF. */
    public int vnTagSvif(int i) {
        return vnTagWord(i) & 0xFFF;
    }

    // ---- E-Tag fields (see ETag): E-PCP E-DEI Ingress_E-CID_base | Re- GRP E-CID_base | exts ----

    /** Ingress_E-CID_base of E-Tag {@code i}: the source to prune on multicast, 0 for none. */
    public int eTagIngressEcidBase(int i) {
        checkKind(i, EtherType.E_TAG);
        return tagTci[i] & 0xFFF;
    }

    /** Ingress_E-CID_ext of E-Tag {@code i}, 0..255. */
    public int eTagIngressEcidExt(int i) {
        checkKind(i, EtherType.E_TAG);
        return tagRest[i] >>> 8 & 0xFF;
    }

    /** GRP of E-Tag {@code i}, 0..3: non-zero for a point-to-multipoint E-CID. */
    public int eTagGrp(int i) {
        checkKind(i, EtherType.E_TAG);
        return tagRest[i] >>> 28 & 3;
    }

    /** E-CID_base of E-Tag {@code i}, 0..4095. */
    public int eTagEcidBase(int i) {
        checkKind(i, EtherType.E_TAG);
        return tagRest[i] >>> 16 & 0xFFF;
    }

    /** The E-CID of E-Tag {@code i} as used, GRP and E-CID_base, as {@link ETag#ecid()}: 0..0x3FFF. */
    public int eTagEcid(int i) {
        checkKind(i, EtherType.E_TAG);
        return tagRest[i] >>> 16 & 0x3FFF;
    }

    /** E-CID_ext of E-Tag {@code i}, 0..255. */
    public int eTagEcidExt(int i) {
        checkKind(i, EtherType.E_TAG);
        return tagRest[i] & 0xFF;
    }

    /** VID of the outermost tag if it is a VLAN tag (C, S or legacy Q-in-Q), else -1. */
    public int outerVid() {
        return tagCount > 0 && EtherType.isVlanTag(tagTpid[0]) ? tagTci[0] & 0xFFF : -1;
    }

    /** PCP of the outermost tag if it is a VLAN tag, else -1. */
    public int outerPcp() {
        return tagCount > 0 && EtherType.isVlanTag(tagTpid[0]) ? tagTci[0] >>> 13 : -1;
    }

    /**
     * The EtherType after the tag stack (an 802.3 length if below 0x0600); after
     * {@link #parseOuter}, the type field after the tags parsed, which may be a further TPID.
     */
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
