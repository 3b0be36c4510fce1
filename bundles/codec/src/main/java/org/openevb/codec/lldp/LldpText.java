package org.openevb.codec.lldp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.openevb.codec.MacAddress;

/** LLDP field values as people read them: addresses as addresses, text as text, the rest in hex. */
public final class LldpText {

    private LldpText() {
    }

    /**
     * A Chassis ID or Port ID: a MAC address as {@code aa:bb:cc:dd:ee:ff}, a network address as
     * {@link #address}, anything else as {@link #printable}.
     */
    static String id(boolean mac, boolean network, byte[] id) {
        if (mac && id.length == 6) {
            return MacAddress.format(MacAddress.read(id, 0));
        }
        return network ? address(id) : printable(id);
    }

    /** An IANA address family octet and the address: IPv4 and IPv6 as such, others in hex. */
    public static String address(byte[] familyAndAddress) {
        byte[] b = familyAndAddress;
        if ((b.length == 5 && b[0] == 1) || (b.length == 17 && b[0] == 2)) {
            try {
                // getByAddress never resolves a name
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 1, b.length)).getHostAddress();
            } catch (UnknownHostException e) {
                // cannot happen for 4 or 16 bytes; fall through to hex
            }
        }
        return "hex " + hex(b);
    }

    /** Printable ASCII as it is, anything else as "hex" and the octets. */
    public static String printable(byte[] b) {
        for (byte x : b) {
            if (x < 0x20 || x > 0x7E) {
                return "hex " + hex(b);
            }
        }
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** Lower-case hex, octets separated by spaces. */
    public static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 3);
        for (int i = 0; i < b.length; i++) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(Character.forDigit((b[i] >> 4) & 0xF, 16)).append(Character.forDigit(b[i] & 0xF, 16));
        }
        return s.toString();
    }
}
