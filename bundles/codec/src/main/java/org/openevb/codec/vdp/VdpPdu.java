package org.openevb.codec.vdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.openevb.codec.CodecException;
import org.openevb.codec.internal.Bytes;

/**
 * The VDP TLVs of an ECP VDP payload (ECP subtype 1), normally a Manager ID TLV and one VSI TLV.
 *
 * <p>Decoding stops at a TLV of type 0 (End) or at the end of the data. lldpad sends no End TLV,
 * and the zero padding of a short frame reads as one, so {@link #trailer()} holds the End TLV and
 * everything after it exactly as received (empty if there was none): re-encoding is byte-exact.
 *
 * @param tlvs    the TLVs before End, none of type 0
 * @param trailer empty, or an End TLV and any padding (copied in and out)
 */
public record VdpPdu(List<VdpTlv> tlvs, byte[] trailer) {

    public VdpPdu {
        tlvs = List.copyOf(tlvs);
        for (VdpTlv t : tlvs) {
            if (t.type() == VdpTlv.END) {
                throw new IllegalArgumentException("End TLV inside the TLV list: it belongs in the trailer");
            }
        }
        if (trailer.length > 0 && (trailer[0] & 0xFE) != 0) {
            throw new IllegalArgumentException("trailer must start with an End TLV");
        }
        trailer = trailer.clone();
    }

    /** These TLVs and no End TLV, as lldpad sends them (frame padding supplies the zeros). */
    public static VdpPdu of(List<VdpTlv> tlvs) {
        return new VdpPdu(tlvs, new byte[0]);
    }

    /** These TLVs and no End TLV. */
    public static VdpPdu of(VdpTlv... tlvs) {
        return of(List.of(tlvs));
    }

    /** A copy of the End TLV and padding. */
    @Override
    public byte[] trailer() {
        return trailer.clone();
    }

    /** The first Manager ID TLV. */
    public Optional<ManagerIdTlv> managerId() {
        for (VdpTlv t : tlvs) {
            if (t instanceof ManagerIdTlv m) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The first VSI TLV. */
    public Optional<VsiTlv> vsi() {
        for (VdpTlv t : tlvs) {
            if (t instanceof VsiTlv v) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** All VSI TLVs in order. */
    public List<VsiTlv> vsiTlvs() {
        List<VsiTlv> out = new ArrayList<>(2);
        for (VdpTlv t : tlvs) {
            if (t instanceof VsiTlv v) {
                out.add(v);
            }
        }
        return out;
    }

    public int encodedLength() {
        int n = trailer.length;
        for (VdpTlv t : tlvs) {
            n += t.encodedLength();
        }
        return n;
    }

    /** The TLVs and trailer as bytes. */
    public byte[] encode() {
        byte[] b = new byte[encodedLength()];
        encode(b, 0);
        return b;
    }

    /** Writes the PDU at {@code off}; returns the number of bytes written. */
    public int encode(byte[] b, int off) {
        int pos = off;
        for (VdpTlv t : tlvs) {
            pos += t.encode(b, pos);
        }
        System.arraycopy(trailer, 0, b, pos, trailer.length);
        return pos + trailer.length - off;
    }

    /**
     * Decodes the VDP TLVs of {@code len} bytes at {@code off} (an ECP payload).
     *
     * @throws CodecException if a TLV runs past the data or a known TLV is malformed
     */
    public static VdpPdu decode(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "VDP PDU");
        int end = off + len;
        int pos = off;
        List<VdpTlv> tlvs = new ArrayList<>(2);
        byte[] trailer = new byte[0];
        while (pos < end) {
            if ((b[pos] & 0xFE) == 0) {
                trailer = Bytes.copy(b, pos, end - pos);
                break;
            }
            VdpTlv t = VdpTlv.decode(b, pos, end - pos);
            tlvs.add(t);
            pos += t.encodedLength();
        }
        return new VdpPdu(tlvs, trailer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VdpPdu p && tlvs.equals(p.tlvs) && Arrays.equals(trailer, p.trailer);
    }

    @Override
    public int hashCode() {
        return tlvs.hashCode() * 31 + Arrays.hashCode(trailer);
    }

    @Override
    public String toString() {
        return "VdpPdu[tlvs=" + tlvs + ", trailer=" + trailer.length + " bytes]";
    }
}
