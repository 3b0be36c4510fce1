package org.openevb.codec.ecp;

import java.util.Arrays;

import org.openevb.codec.CodecException;
import org.openevb.codec.internal.Bytes;

/**
 * A ratified ECP PDU, the Ethernet payload after EtherType 0x8940:
 * {@code Version(4) Op(2) Subtype(10) | Sequence(16) | ULPDU}. The payload is everything after the
 * header, padding included, so re-encoding is byte-exact.
 *
 * @param version  0..15 (1 in use; receivers drop other versions)
 * @param op       {@link #OP_REQUEST} or {@link #OP_ACK} (0..3)
 * @param subtype  upper-layer protocol, 0..1023: {@link #SUBTYPE_VDP}, {@link #SUBTYPE_PECSP}
 * @param sequence 0..65535
 * @param payload  the ULPDU and any padding (copied in and out)
 */
public record EcpPdu(int version, int op, int subtype, int sequence, byte[] payload) {

    public static final int VERSION = 1;
    public static final int OP_REQUEST = 0;
    public static final int OP_ACK = 1;
    public static final int SUBTYPE_VDP = 1;
    public static final int SUBTYPE_PECSP = 2;
    /** Header bytes before the ULPDU. */
    public static final int HEADER_LENGTH = 4;

    public EcpPdu {
        Bytes.range("ECP version", version, 0, 15);
        Bytes.range("ECP op", op, 0, 3);
        Bytes.range("ECP subtype", subtype, 0, 0x3FF);
        Bytes.range("ECP sequence", sequence, 0, 0xFFFF);
        payload = payload.clone();
    }

    /** A version-1 request. */
    public static EcpPdu request(int subtype, int sequence, byte[] ulpdu) {
        return new EcpPdu(VERSION, OP_REQUEST, subtype, sequence, ulpdu);
    }

    /** The acknowledgement of this PDU: same version, subtype and sequence, op ACK, no payload. */
    public EcpPdu ack() {
        return new EcpPdu(version, OP_ACK, subtype, sequence, new byte[0]);
    }

    public boolean isAck() {
        return op == OP_ACK;
    }

    public boolean isRequest() {
        return op == OP_REQUEST;
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    public int encodedLength() {
        return HEADER_LENGTH + payload.length;
    }

    /** The PDU as bytes. */
    public byte[] encode() {
        byte[] b = new byte[encodedLength()];
        encode(b, 0);
        return b;
    }

    /** Writes the PDU at {@code off}; returns the number of bytes written. */
    public int encode(byte[] b, int off) {
        Bytes.put16(b, off, (version << 12) | (op << 10) | subtype);
        Bytes.put16(b, off + 2, sequence);
        System.arraycopy(payload, 0, b, off + HEADER_LENGTH, payload.length);
        return encodedLength();
    }

    /**
     * Decodes the ECP PDU of {@code len} bytes at {@code off}. Any version and subtype is
     * accepted; dropping unknown ones is the protocol's decision.
     *
     * @throws CodecException if fewer than 4 bytes are given
     */
    public static EcpPdu decode(byte[] b, int off, int len) throws CodecException {
        Bytes.checkRange(b, off, len, "ECP PDU");
        Bytes.need("ECP header", HEADER_LENGTH, off, off + len);
        int w = Bytes.u16(b, off);
        return new EcpPdu(w >>> 12, (w >>> 10) & 3, w & 0x3FF, Bytes.u16(b, off + 2),
                Bytes.copy(b, off + HEADER_LENGTH, len - HEADER_LENGTH));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcpPdu p && version == p.version && op == p.op && subtype == p.subtype
                && sequence == p.sequence && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return (((version * 31 + op) * 31 + subtype) * 31 + sequence) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "EcpPdu[version=" + version + ", op=" + op + ", subtype=" + subtype
                + ", sequence=" + sequence + ", payload=" + payload.length + " bytes]";
    }
}
