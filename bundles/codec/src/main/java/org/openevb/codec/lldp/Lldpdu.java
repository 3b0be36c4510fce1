package org.openevb.codec.lldp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.openevb.codec.CodecException;
import org.openevb.codec.internal.Bytes;

/**
 * An LLDPDU: the Ethernet payload after EtherType 0x88CC.
 *
 * <p>{@link #tlvs()} holds the TLVs before the End TLV, in order. {@link #trailer()} holds the End
 * TLV and everything after it (the frame padding) exactly as received, so re-encoding is
 * byte-exact; it is empty if the data ended without an End TLV, which decoding accepts. Decoding is
 * lenient about the mandatory TLV order (Chassis ID, Port ID, TTL first); only framing errors, a
 * TLV running past the end of the data, are rejected.
 *
 * @param tlvs    TLVs before the End TLV; none of type 0
 * @param trailer empty, or the End TLV followed by any padding (copied in and out)
 */
public record Lldpdu(List<LldpTlv> tlvs, byte[] trailer) {

    private static final byte[] END_TLV = {0, 0};

    public Lldpdu {
        tlvs = List.copyOf(tlvs);
        for (LldpTlv t : tlvs) {
            if (t.type() == LldpTlv.END) {
                throw new IllegalArgumentException("End TLV inside the TLV list: it belongs in the trailer");
            }
        }
        if (trailer.length > 0 && (trailer[0] & 0xFE) != 0) {
            throw new IllegalArgumentException("trailer must start with an End TLV");
        }
        trailer = trailer.clone();
    }

    /** An LLDPDU of these TLVs followed by an End TLV. */
    public static Lldpdu of(List<LldpTlv> tlvs) {
        return new Lldpdu(tlvs, END_TLV);
    }

    /** An LLDPDU of these TLVs followed by an End TLV. */
    public static Lldpdu of(LldpTlv... tlvs) {
        return of(List.of(tlvs));
    }

    /** A copy of the End TLV and padding. */
    @Override
    public byte[] trailer() {
        return trailer.clone();
    }

    /** The bytes after the End TLV header: the frame padding (empty without an End TLV). */
    public byte[] padding() {
        return trailer.length <= 2 ? new byte[0] : Arrays.copyOfRange(trailer, 2, trailer.length);
    }

    /** True if the data carried an End TLV. */
    public boolean hasEnd() {
        return trailer.length > 0;
    }

    /** Bytes {@link #encode()} produces. */
    public int encodedLength() {
        int n = trailer.length;
        for (LldpTlv t : tlvs) {
            n += t.encodedLength();
        }
        return n;
    }

    /** The LLDPDU as bytes. */
    public byte[] encode() {
        byte[] b = new byte[encodedLength()];
        encode(b, 0);
        return b;
    }

    /** Writes the LLDPDU at {@code off}; returns the number of bytes written. */
    public int encode(byte[] b, int off) {
        int pos = off;
        for (LldpTlv t : tlvs) {
            pos += t.encode(b, pos);
        }
        System.arraycopy(trailer, 0, b, pos, trailer.length);
        return pos + trailer.length - off;
    }

    /**
     * Decodes the LLDPDU of {@code len} bytes at {@code off}. Stops at the End TLV (type 0); a
     * single last byte whose type bits are 0 also counts as the start of the trailer.
     *
     * @throws CodecException if a TLV header or value runs past the end of the data
     */
    public static Lldpdu decode(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "LLDPDU");
        int end = off + len;
        int pos = off;
        List<LldpTlv> tlvs = new ArrayList<>();
        byte[] trailer = new byte[0];
        while (pos < end) {
            if ((b[pos] & 0xFE) == 0) {
                trailer = Bytes.copy(b, pos, end - pos);
                break;
            }
            LldpTlv t = LldpTlv.decode(b, pos, end - pos);
            tlvs.add(t);
            pos += t.encodedLength();
        }
        return new Lldpdu(tlvs, trailer);
    }

    /** The first TLV of {@code type}. */
    public Optional<LldpTlv> first(int type) {
        for (LldpTlv t : tlvs) {
            if (t.type() == type) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The first organizationally specific TLV with this OUI and subtype. */
    public Optional<LldpTlv> firstOrg(int oui, int subtype) {
        for (LldpTlv t : tlvs) {
            if (OrgTlv.matches(t, oui, subtype)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The Chassis ID TLV, decoded; empty if absent. */
    public Optional<ChassisIdTlv> chassisId() throws CodecException {
        Optional<LldpTlv> t = first(LldpTlv.CHASSIS_ID);
        return t.isPresent() ? Optional.of(ChassisIdTlv.decode(t.get())) : Optional.empty();
    }

    /** The Port ID TLV, decoded; empty if absent. */
    public Optional<PortIdTlv> portId() throws CodecException {
        Optional<LldpTlv> t = first(LldpTlv.PORT_ID);
        return t.isPresent() ? Optional.of(PortIdTlv.decode(t.get())) : Optional.empty();
    }

    /** The TTL TLV, decoded; empty if absent. */
    public Optional<TtlTlv> ttl() throws CodecException {
        Optional<LldpTlv> t = first(LldpTlv.TTL);
        return t.isPresent() ? Optional.of(TtlTlv.decode(t.get())) : Optional.empty();
    }

    /** All organizationally specific TLVs, decoded. */
    public List<OrgTlv> orgTlvs() throws CodecException {
        List<OrgTlv> out = new ArrayList<>();
        for (LldpTlv t : tlvs) {
            if (t.type() == LldpTlv.ORGANIZATIONAL) {
                out.add(OrgTlv.decode(t));
            }
        }
        return out;
    }

    /** The 2012 EVB TLV, decoded; empty if absent. */
    public Optional<EvbTlv> evb() throws CodecException {
        Optional<LldpTlv> t = firstOrg(EvbTlv.OUI, EvbTlv.SUBTYPE);
        return t.isPresent() ? Optional.of(EvbTlv.decode(t.get())) : Optional.empty();
    }

    /** The CDCP TLV, decoded; empty if absent. */
    public Optional<CdcpTlv> cdcp() throws CodecException {
        Optional<LldpTlv> t = firstOrg(CdcpTlv.OUI, CdcpTlv.SUBTYPE);
        return t.isPresent() ? Optional.of(CdcpTlv.decode(t.get())) : Optional.empty();
    }

    /** The pre-standard EVB TLV, decoded; empty if absent. */
    public Optional<PreStandardEvbTlv> preStandardEvb() throws CodecException {
        Optional<LldpTlv> t = firstOrg(PreStandardEvbTlv.OUI, PreStandardEvbTlv.SUBTYPE);
        return t.isPresent() ? Optional.of(PreStandardEvbTlv.decode(t.get())) : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lldpdu d && tlvs.equals(d.tlvs) && Arrays.equals(trailer, d.trailer);
    }

    @Override
    public int hashCode() {
        return tlvs.hashCode() * 31 + Arrays.hashCode(trailer);
    }

    @Override
    public String toString() {
        return "Lldpdu[tlvs=" + tlvs + ", trailer=" + trailer.length + " bytes]";
    }
}
