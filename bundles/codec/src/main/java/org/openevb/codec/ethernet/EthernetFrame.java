package org.openevb.codec.ethernet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.openevb.codec.CodecException;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.internal.Bytes;

/**
 * An Ethernet frame as a value: addresses, the tag stack (outermost first), the EtherType and
 * everything after it. For control-plane and test use; the data path parses in place with
 * {@link EthernetHeaderView}.
 *
 * <p>The payload keeps every byte after the EtherType, including padding, so that
 * {@code decode(b).encode()} gives back the same bytes. An EtherType value below 0x0600 is an
 * 802.3 length field; it is kept as it is in {@link #etherType()} and the payload is the LLC data.
 * The FCS is not part of the frame (captures and raw sockets do not carry it).
 *
 * @param destination destination MAC (48 bits)
 * @param source      source MAC (48 bits)
 * @param tags        the tag stack, outermost first (may be empty)
 * @param etherType   the EtherType after the last tag, 0..0xFFFF, never a tag TPID
 * @param payload     the bytes after the EtherType (copied in and out)
 */
public record EthernetFrame(long destination, long source, List<Tag> tags, int etherType, byte[] payload) {

    /** Destination, source and EtherType. */
    public static final int HEADER_LENGTH = 14;

    /** Shortest frame on the wire without FCS; shorter ones are padded before sending. */
    public static final int MIN_LENGTH = 60;

    public EthernetFrame {
        if (!MacAddress.isValid(destination) || !MacAddress.isValid(source)) {
            throw new IllegalArgumentException("MAC address wider than 48 bits");
        }
        tags = List.copyOf(tags);
        Bytes.range("EtherType", etherType, 0, 0xFFFF);
        if (EtherType.isTag(etherType)) {
            // Such a frame would decode with one more tag than it was built with.
            throw new IllegalArgumentException(String.format(
                    "EtherType 0x%04x is a tag TPID: put the tag in the tag list", etherType));
        }
        payload = payload.clone();
    }

    /** An untagged frame. */
    public static EthernetFrame of(long destination, long source, int etherType, byte[] payload) {
        return new EthernetFrame(destination, source, List.of(), etherType, payload);
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Payload length in bytes. */
    public int payloadLength() {
        return payload.length;
    }

    /** The outermost tag, or null if untagged. */
    public Tag outerTag() {
        return tags.isEmpty() ? null : tags.get(0);
    }

    /** The same frame with another tag stack. */
    public EthernetFrame withTags(List<Tag> newTags) {
        return new EthernetFrame(destination, source, newTags, etherType, payload);
    }

    /** Bytes {@link #encode()} produces. */
    public int encodedLength() {
        int n = HEADER_LENGTH + payload.length;
        for (Tag t : tags) {
            n += t.length();
        }
        return n;
    }

    /** The frame as bytes (no FCS, no padding added). */
    public byte[] encode() {
        byte[] b = new byte[encodedLength()];
        encode(b, 0);
        return b;
    }

    /**
     * Writes the frame at {@code off}; the caller provides {@link #encodedLength()} bytes.
     *
     * @return the number of bytes written
     */
    public int encode(byte[] b, int off) {
        MacAddress.write(destination, b, off);
        MacAddress.write(source, b, off + 6);
        int pos = off + 12;
        for (Tag t : tags) {
            t.encode(b, pos);
            pos += t.length();
        }
        Bytes.put16(b, pos, etherType);
        pos += 2;
        System.arraycopy(payload, 0, b, pos, payload.length);
        return pos + payload.length - off;
    }

    /**
     * Decodes {@code len} bytes at {@code off} as one frame. The tag stack may have any depth: tags
     * are read while the type field is a tag TPID, bounded only by the frame length.
     *
     * @throws CodecException if the frame is shorter than 14 bytes, a tag or the EtherType after it
     *                        is truncated, or the arguments lie outside the array
     */
    public static EthernetFrame decode(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "Ethernet frame");
        int end = off + len;
        Bytes.need("Ethernet header", HEADER_LENGTH, off, end);
        long dst = MacAddress.read(b, off);
        long src = MacAddress.read(b, off + 6);
        int pos = off + 12;
        int type = Bytes.u16(b, pos);
        List<Tag> tags = List.of();
        while (EtherType.isTag(type)) {
            Tag tag = Tag.decode(b, pos, end - pos);
            if (tags.isEmpty()) {
                tags = new ArrayList<>(2);
            }
            tags.add(tag);
            pos += tag.length();
            Bytes.need("EtherType after " + EtherType.name(type), 2, pos, end);
            type = Bytes.u16(b, pos);
        }
        pos += 2;
        return new EthernetFrame(dst, src, tags, type, Bytes.copy(b, pos, end - pos));
    }

    /** Decodes a whole array as one frame. */
    public static EthernetFrame decode(byte[] b) throws CodecException {
        return decode(b, 0, b == null ? 0 : b.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EthernetFrame f
                && destination == f.destination && source == f.source && etherType == f.etherType
                && tags.equals(f.tags) && Arrays.equals(payload, f.payload);
    }

    @Override
    public int hashCode() {
        return ((Long.hashCode(destination) * 31 + Long.hashCode(source)) * 31 + tags.hashCode()) * 31
                + etherType * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "EthernetFrame[" + MacAddress.format(source) + " > " + MacAddress.format(destination)
                + ", tags=" + tags + ", type=" + EtherType.name(etherType)
                + ", payload=" + payload.length + " bytes]";
    }
}
