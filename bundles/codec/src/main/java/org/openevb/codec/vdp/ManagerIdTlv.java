package org.openevb.codec.vdp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.openevb.codec.CodecException;
import org.openevb.codec.internal.Bytes;

/**
 * VSI Manager ID TLV (type 5): 16 octets, an IPv6 or IPv4-mapped address by convention, though
 * lldpad also sends a zero-padded string.
 *
 * @param id 16 bytes (copied in and out)
 */
public record ManagerIdTlv(byte[] id) implements VdpTlv {

    /** Value length. */
    public static final int LENGTH = 16;

    public ManagerIdTlv {
        if (id.length != LENGTH) {
            throw new IllegalArgumentException("VSI Manager ID must be 16 bytes, got " + id.length);
        }
        id = id.clone();
    }

    /** A manager ID made of up to 16 ASCII characters, zero-padded (as lldpad's mgrid2 does). */
    public static ManagerIdTlv ofString(String text) {
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        if (t.length > LENGTH) {
            throw new IllegalArgumentException("manager ID text longer than 16 bytes: " + text);
        }
        return new ManagerIdTlv(Arrays.copyOf(t, LENGTH));
    }

    /** A copy of the 16 bytes. */
    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public int type() {
        return MANAGER_ID;
    }

    @Override
    public int valueLength() {
        return LENGTH;
    }

    @Override
    public int encode(byte[] b, int off) {
        VdpTlv.writeHeader(b, off, MANAGER_ID, LENGTH);
        System.arraycopy(id, 0, b, off + HEADER_LENGTH, LENGTH);
        return encodedLength();
    }

    /** Decodes the value of a Manager ID TLV: exactly 16 bytes at {@code off}. */
    public static ManagerIdTlv decodeValue(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "VSI Manager ID TLV");
        if (len != LENGTH) {
            throw new CodecException("VSI Manager ID TLV length must be 16, got " + len + " at offset " + off, off);
        }
        return new ManagerIdTlv(Bytes.copy(b, off, len));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManagerIdTlv t && Arrays.equals(id, t.id);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "ManagerIdTlv[" + Bytes.hex(id) + "]";
    }
}
