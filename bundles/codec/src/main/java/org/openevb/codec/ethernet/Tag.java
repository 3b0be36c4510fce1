package org.openevb.codec.ethernet;

import org.openevb.codec.CodecException;
import org.openevb.codec.EtherType;
import org.openevb.codec.internal.Bytes;

/**
 * One tag of an Ethernet tag stack: the TPID and the tag's own fields. The EtherType (or next
 * TPID) that follows a tag is not part of it.
 */
public sealed interface Tag permits VlanTag, VnTag, ETag {

    /** The tag protocol identifier this tag is written with. */
    int tpid();

    /** Bytes on the wire including the TPID: 4 (VLAN tags), 6 (VN-Tag) or 8 (E-Tag). */
    int length();

    /** Writes the TPID and the tag fields, {@link #length()} bytes, at {@code off}. */
    void encode(byte[] b, int off);

    /**
     * Decodes the tag whose TPID is at {@code off}; {@code len} is the number of bytes available
     * from there (more than the tag is fine).
     *
     * @throws CodecException if the TPID is not a known tag or the tag is truncated
     */
    static Tag decode(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "Tag");
        int end = off + len;
        Bytes.need("Tag TPID", 2, off, end);
        int tpid = Bytes.u16(b, off);
        switch (tpid) {
            case EtherType.C_TAG:
            case EtherType.S_TAG:
            case EtherType.QINQ_LEGACY:
                return VlanTag.decode(b, off, len);
            case EtherType.VN_TAG:
                return VnTag.decode(b, off, len);
            case EtherType.E_TAG:
                return ETag.decode(b, off, len);
            default:
                throw new CodecException(String.format("not a tag TPID: 0x%04x at offset %d", tpid, off), off);
        }
    }
}
