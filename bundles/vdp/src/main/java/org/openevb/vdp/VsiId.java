package org.openevb.vdp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import org.openevb.codec.MacAddress;
import org.openevb.codec.vdp.VsiTlv;

/**
 * A VSIID as the VSI TLV carries it, a format and 16 bytes, usable as a map key. It may hold what a
 * peer sent, well-formed or not: {@link #problem()} says what is wrong with it.
 *
 * @param format one of {@code VsiTlv.VSIID_*}, or whatever was received
 * @param value  16 bytes (copied in and out)
 */
public record VsiId(int format, byte[] value) {

    public VsiId {
        if (format < 0 || format > 255) {
            throw new IllegalArgumentException("VSIID format out of range: " + format);
        }
        if (value.length != VsiTlv.VSIID_LENGTH) {
            throw new IllegalArgumentException("VSIID must be 16 bytes, got " + value.length);
        }
        value = value.clone();
    }

    public static VsiId uuid(UUID uuid) {
        return new VsiId(VsiTlv.VSIID_UUID, VsiTlv.uuidBytes(uuid));
    }

    /** A MAC address, right-aligned after 10 zero bytes. */
    public static VsiId mac(long mac) {
        byte[] v = new byte[16];
        MacAddress.write(mac, v, 10);
        return new VsiId(VsiTlv.VSIID_MAC, v);
    }

    /** An IPv4 address (4 bytes), IPv4-mapped: 10 zero bytes, FF FF, the address. */
    public static VsiId ipv4(byte[] address) {
        if (address.length != 4) {
            throw new IllegalArgumentException("IPv4 address must be 4 bytes");
        }
        byte[] v = new byte[16];
        v[10] = (byte) 0xFF;
        v[11] = (byte) 0xFF;
        System.arraycopy(address, 0, v, 12, 4);
        return new VsiId(VsiTlv.VSIID_IPV4, v);
    }

    public static VsiId ipv6(byte[] address) {
        return new VsiId(VsiTlv.VSIID_IPV6, address);
    }

    /** A locally defined 16-byte identifier. */
    public static VsiId local(byte[] value) {
        return new VsiId(VsiTlv.VSIID_LOCAL, value);
    }

    /** The VSIID of a VSI TLV. */
    public static VsiId of(VsiTlv tlv) {
        return new VsiId(tlv.vsiidFormat(), tlv.vsiid());
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Why this VSIID is not well-formed, or null if it is. */
    public String problem() {
        switch (format) {
            case VsiTlv.VSIID_IPV4:
                return zeros(10) && (value[10] & value[11] & 0xFF) == 0xFF ? null : "IPv4 VSIID not IPv4-mapped";
            case VsiTlv.VSIID_MAC:
                return zeros(10) ? null : "MAC VSIID not right-aligned after 10 zero bytes";
            case VsiTlv.VSIID_IPV6:
            case VsiTlv.VSIID_LOCAL:
            case VsiTlv.VSIID_UUID:
                return null;
            default:
                return "unknown VSIID format " + format;
        }
    }

    private boolean zeros(int n) {
        for (int i = 0; i < n; i++) {
            if (value[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VsiId v && format == v.format && Arrays.equals(value, v.value);
    }

    @Override
    public int hashCode() {
        return format * 31 + Arrays.hashCode(value);
    }

    /** The value in the notation of its format (UUID, MAC, dotted IPv4), hex otherwise. */
    @Override
    public String toString() {
        switch (format) {
            case VsiTlv.VSIID_UUID:
                ByteBuffer bb = ByteBuffer.wrap(value);
                return "uuid:" + new UUID(bb.getLong(), bb.getLong());
            case VsiTlv.VSIID_MAC:
                return problem() == null ? "mac:" + MacAddress.format(MacAddress.read(value, 10)) : hex();
            case VsiTlv.VSIID_IPV4:
                return problem() == null
                        ? "ipv4:" + (value[12] & 0xFF) + "." + (value[13] & 0xFF) + "." + (value[14] & 0xFF) + "." + (value[15] & 0xFF)
                        : hex();
            default:
                return hex();
        }
    }

    private String hex() {
        String name = switch (format) {
            case VsiTlv.VSIID_IPV6 -> "ipv6";
            case VsiTlv.VSIID_LOCAL -> "local";
            default -> "format" + format;
        };
        return name + ":" + HexFormat.of().formatHex(value);
    }
}
