package org.openevb.codec.lldp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;

import org.openevb.codec.CodecException;
import org.openevb.codec.MacAddress;
import org.openevb.codec.internal.Bytes;

/**
 * Chassis ID TLV (type 1): subtype and an ID of 1..255 bytes.
 *
 * @param subtype 0..255, see the constants
 * @param id      1..255 bytes (copied in and out)
 */
public record ChassisIdTlv(int subtype, byte[] id) {

    public static final int CHASSIS_COMPONENT = 1;
    public static final int INTERFACE_ALIAS = 2;
    public static final int PORT_COMPONENT = 3;
    public static final int MAC_ADDRESS = 4;
    public static final int NETWORK_ADDRESS = 5;
    public static final int INTERFACE_NAME = 6;
    public static final int LOCAL = 7;

    public ChassisIdTlv {
        Bytes.range("Chassis ID subtype", subtype, 0, 255);
        Bytes.range("Chassis ID length", id.length, 1, 255);
        id = id.clone();
    }

    /** A MAC-address chassis ID. */
    public static ChassisIdTlv ofMac(long mac) {
        byte[] b = new byte[6];
        MacAddress.write(mac, b, 0);
        return new ChassisIdTlv(MAC_ADDRESS, b);
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
        return new LldpTlv(LldpTlv.CHASSIS_ID, IdTlvs.join(subtype, id));
    }

    /**
     * Decodes a Chassis ID TLV.
     *
     * @throws CodecException if the TLV has another type or a value shorter than 2 bytes
     */
    public static ChassisIdTlv decode(LldpTlv tlv) throws CodecException {
        byte[] v = IdTlvs.check(tlv, LldpTlv.CHASSIS_ID, "Chassis ID");
        return new ChassisIdTlv(v[0] & 0xFF, Arrays.copyOfRange(v, 1, v.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChassisIdTlv t && subtype == t.subtype && Arrays.equals(id, t.id);
    }

    @Override
    public int hashCode() {
        return subtype * 31 + Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return "ChassisIdTlv[subtype=" + subtype + ", id=" + Bytes.hex(id) + "]";
    }
}
