package org.openevb.codec.lldp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;

import org.openevb.codec.CodecException;
import org.openevb.codec.MacAddress;
import org.openevb.codec.internal.Bytes;

/**
 * Port ID TLV (type 2): subtype and an ID of 1..255 bytes.
 *
 * @param subtype 0..255, see the constants
 * @param id      1..255 bytes (copied in and out)
 */
public record PortIdTlv(int subtype, byte[] id) {

    public static final int INTERFACE_ALIAS = 1;
    public static final int PORT_COMPONENT = 2;
    public static final int MAC_ADDRESS = 3;
    public static final int NETWORK_ADDRESS = 4;
    public static final int INTERFACE_NAME = 5;
    public static final int AGENT_CIRCUIT_ID = 6;
    public static final int LOCAL = 7;

    public PortIdTlv {
        Bytes.range("Port ID subtype", subtype, 0, 255);
        Bytes.range("Port ID length", id.length, 1, 255);
        id = id.clone();
    }

    /** A MAC-address port ID. */
    public static PortIdTlv ofMac(long mac) {
        byte[] b = new byte[6];
        MacAddress.write(mac, b, 0);
        return new PortIdTlv(MAC_ADDRESS, b);
    }

    /** A copy of the ID. */
    @Override
    public byte[] id() {
        return id.clone();
    }

    /** The MAC address if the subtype is MAC address and the ID 6 bytes long. */
    public OptionalLong mac() {
        return subtype == MAC_ADDRESS && id.length == 6 ? OptionalLong.of(MacAddress.read(id, 0)) : OptionalLong.empty();
    }

    /** The ID as text (ISO-8859-1, so every byte maps to one character). */
    public String idAsString() {
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /**
     * The ID for people: a MAC address as {@code aa:bb:cc:dd:ee:ff}, an IPv4/IPv6 network address
     * as such, printable text as it is, anything else as "hex .. ..".
     */
    public String idText() {
        return LldpText.id(subtype == MAC_ADDRESS, subtype == NETWORK_ADDRESS, id);
    }

    /** The generic TLV. */
    public LldpTlv toTlv() {
        return new LldpTlv(LldpTlv.PORT_ID, IdTlvs.join(subtype, id));
    }

    /**
     * Decodes a Port ID TLV.
     *
     * @throws CodecException if the TLV has another type or a value shorter than 2 bytes
     */
    public static PortIdTlv decode(LldpTlv tlv) throws CodecException {
        byte[] v = IdTlvs.check(tlv, LldpTlv.PORT_ID, "Port ID");
        return new PortIdTlv(v[0] & 0xFF, Arrays.copyOfRange(v, 1, v.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortIdTlv t && subtype == t.subtype && Arrays.equals(id, t.id);
    }

    @Override
    public int hashCode() {
        return subtype * 31 + Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "PortIdTlv[subtype=" + subtype + ", id=" + Bytes.hex(id) + "]";
    }
}
