package org.openevb.codec.ethernet;

import org.openevb.codec.CodecException;
import org.openevb.codec.EtherType;
import org.openevb.codec.internal.Bytes;

/**
 * Cisco VN-Tag (TPID 0x8926): a 32-bit word {@code d(1) p(1) dvif(14) | l(1) r(1) ver(2) svif(12)}.
 *
 * @param direction true = from the bridge (downstream), false = towards the bridge
 * @param pointer   true = {@code dvif} is a vif list index (multicast), false = a single vif
 * @param dvif      destination vif, 0..0x3FFF
 * @param looped    set by the bridge on a frame sent back towards its source interface virtualizer,
 *                  which must then not deliver it to {@code svif}
 * @param reserved  the reserved bit, kept so re-encoding is exact
 * @param version   0..3, normally 0
 * @param svif      source vif, 0..0xFFF
 */
public record VnTag(boolean direction, boolean pointer, int dvif, boolean looped, boolean reserved,
                    int version, int svif) implements Tag {

    /** Tag length including the TPID. */
    public static final int LENGTH = 6;

    public VnTag {
        Bytes.range("dvif", dvif, 0, 0x3FFF);
        Bytes.range("version", version, 0, 3);
        Bytes.range("svif", svif, 0, 0xFFF);
    }

    /** Upstream (towards the bridge) tag from source vif {@code svif}. */
    public static VnTag upstream(int svif) {
        return new VnTag(false, false, 0, false, false, 0, svif);
    }

    /** Downstream unicast tag to vif {@code dvif}. */
    public static VnTag downstream(int dvif) {
        return new VnTag(true, false, dvif, false, false, 0, 0);
    }

    /** The 32-bit tag word. */
    public int word() {
        return (direction ? 0x8000_0000 : 0)
                | (pointer ? 0x4000_0000 : 0)
                | (dvif << 16)
                | (looped ? 0x8000 : 0)
                | (reserved ? 0x4000 : 0)
                | (version << 12)
                | svif;
    }

    /** Builds a tag from its 32-bit word. */
    public static VnTag fromWord(int w) {
        return new VnTag(w < 0, (w & 0x4000_0000) != 0, (w >>> 16) & 0x3FFF,
                (w & 0x8000) != 0, (w & 0x4000) != 0, (w >>> 12) & 3, w & 0xFFF);
    }

    @Override
    public int tpid() {
        return EtherType.VN_TAG;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public void encode(byte[] b, int off) {
        Bytes.put16(b, off, EtherType.VN_TAG);
        Bytes.put32(b, off + 2, word());
    }

    /** Decodes a VN-Tag whose TPID is at {@code off}, {@code len} bytes available. */
    public static VnTag decode(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "VN-Tag");
        Bytes.need("VN-Tag", LENGTH, off, off + len);
        int tpid = Bytes.u16(b, off);
        if (tpid != EtherType.VN_TAG) {
            throw new CodecException(String.format("not a VN-Tag TPID: 0x%04x at offset %d", tpid, off), off);
        }
        return fromWord(Bytes.i32(b, off + 2));
    }
}
