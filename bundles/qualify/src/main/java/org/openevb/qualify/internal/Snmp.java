package org.openevb.qualify.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little of SNMPv2c that P13 needs, as pure functions: a GetNext request in BER, and the
 * variable bindings of the response. Values are kept as text, the way a report shows them
 * (INTEGER and the unsigned types in decimal, OCTET STRING as text when printable, else hex).
 */
final class Snmp {

    static final int VERSION_2C = 1;
    static final int GET_NEXT = 0xA1;
    static final int RESPONSE = 0xA2;

    /** The end of what the agent has to show: no binding after the one asked for. */
    static final String END_OF_MIB_VIEW = "endOfMibView";

    private Snmp() {
    }

    /** One variable binding: the OID (dotted) and its value as text; {@code type} is the BER tag. */
    record Binding(String oid, int type, String value) {
        /** Whether the value is an INTEGER (or one of the unsigned application types). */
        boolean numeric() {
            return type == 0x02 || type == 0x41 || type == 0x42 || type == 0x43 || type == 0x46;
        }

        boolean endOfView() {
            return type == 0x82 || type == 0x80 || type == 0x81;
        }
    }

    /** A response: its request ID, error status and index, and the bindings. */
    record Response(int requestId, int errorStatus, int errorIndex, List<Binding> bindings) {
    }

    /** A GetNext request for one OID. */
    static byte[] getNext(String community, int requestId, String oid) {
        byte[] binding = tlv(0x30, concat(tlv(0x06, oid(oid)), new byte[] {0x05, 0x00}));
        byte[] pdu = tlv(GET_NEXT, concat(integer(requestId), integer(0), integer(0), tlv(0x30, binding)));
        return tlv(0x30, concat(integer(VERSION_2C), tlv(0x04, community.getBytes(StandardCharsets.UTF_8)), pdu));
    }

    /**
     * Reads an SNMPv2c response.
     *
     * @throws IllegalArgumentException when it is not one, or does not decode
     */
    static Response response(byte[] b, int length) {
        Reader r = new Reader(b, 0, length);
        Reader message = r.enter(0x30);
        if (message.integer() != VERSION_2C) {
            throw new IllegalArgumentException("not an SNMPv2c message");
        }
        message.skip(0x04); // the community
        Reader pdu = message.enter(RESPONSE);
        int id = (int) pdu.integer();
        int status = (int) pdu.integer();
        int index = (int) pdu.integer();
        Reader list = pdu.enter(0x30);
        List<Binding> bindings = new ArrayList<>();
        while (list.more()) {
            Reader vb = list.enter(0x30);
            String name = vb.oid();
            int type = vb.peekTag();
            byte[] value = vb.value(type);
            bindings.add(new Binding(name, type, text(type, value)));
        }
        return new Response(id, status, index, bindings);
    }

    /** Whether {@code oid} lies in the subtree under {@code root} (not the root itself). */
    static boolean under(String oid, String root) {
        return oid.startsWith(root + ".");
    }

    static byte[] oid(String dotted) {
        String[] parts = dotted.startsWith(".") ? dotted.substring(1).split("\\.") : dotted.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("an OID has at least two arcs: " + dotted);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, 40L * Long.parseLong(parts[0]) + Long.parseLong(parts[1]));
        for (int i = 2; i < parts.length; i++) {
            base128(out, Long.parseLong(parts[i]));
        }
        return out.toByteArray();
    }

    private static void base128(ByteArrayOutputStream out, long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative OID arc");
        }
        int groups = 1;
        for (long x = v >>> 7; x != 0; x >>>= 7) {
            groups++;
        }
        for (int g = groups - 1; g >= 0; g--) {
            int seven = (int) (v >>> (7 * g)) & 0x7F;
            out.write(g == 0 ? seven : seven | 0x80);
        }
    }

    static String oidText(byte[] b, int from, int to) {
        if (from >= to) {
            throw new IllegalArgumentException("empty OID");
        }
        StringBuilder s = new StringBuilder();
        long v = 0;
        boolean first = true;
        for (int i = from; i < to; i++) {
            v = (v << 7) | (b[i] & 0x7F);
            if ((b[i] & 0x80) == 0) {
                if (first) {
                    long a = Math.min(v / 40, 2);
                    s.append(a).append('.').append(v - 40 * a);
                    first = false;
                } else {
                    s.append('.').append(v);
                }
                v = 0;
            } else if (i == to - 1) {
                throw new IllegalArgumentException("OID cut in an arc");
            }
        }
        return s.toString();
    }

    private static String text(int type, byte[] v) {
        switch (type) {
            case 0x02:
                return Long.toString(signed(v));
            case 0x41, 0x42, 0x43, 0x46:
                return Long.toUnsignedString(unsigned(v));
            case 0x04:
                for (byte c : v) {
                    if (c < 0x20 || c > 0x7E) {
                        return "0x" + java.util.HexFormat.of().formatHex(v);
                    }
                }
                return new String(v, StandardCharsets.US_ASCII);
            case 0x05:
                return "NULL";
            case 0x06:
                return oidText(v, 0, v.length);
            case 0x40:
                return v.length == 4 ? (v[0] & 0xFF) + "." + (v[1] & 0xFF) + "." + (v[2] & 0xFF) + "." + (v[3] & 0xFF)
                        : "0x" + java.util.HexFormat.of().formatHex(v);
            case 0x80:
                return "noSuchObject";
            case 0x81:
                return "noSuchInstance";
            case 0x82:
                return END_OF_MIB_VIEW;
            default:
                return String.format("type 0x%02x: 0x%s", type, java.util.HexFormat.of().formatHex(v));
        }
    }

    private static long signed(byte[] v) {
        if (v.length == 0 || v.length > 8) {
            throw new IllegalArgumentException("INTEGER of " + v.length + " bytes");
        }
        long x = v[0]; // sign-extended
        for (int i = 1; i < v.length; i++) {
            x = (x << 8) | (v[i] & 0xFF);
        }
        return x;
    }

    private static long unsigned(byte[] v) {
        if (v.length == 0 || v.length > 9) {
            throw new IllegalArgumentException("unsigned value of " + v.length + " bytes");
        }
        long x = 0;
        for (byte c : v) {
            x = (x << 8) | (c & 0xFF);
        }
        return x;
    }

    static byte[] integer(long v) {
        int n = 1;
        while (n < 8 && (v >> (8 * n - 1)) != 0 && (v >> (8 * n - 1)) != -1) {
            n++;
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[n - 1 - i] = (byte) (v >> (8 * i));
        }
        return tlv(0x02, b);
    }

    static byte[] tlv(int tag, byte[] value) {
        int n = value.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : new byte[] {(byte) 0x82, (byte) (n >>> 8), (byte) n};
        return concat(new byte[] {(byte) tag}, length, value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Reads BER elements in order from {@code [at, end)}; every read checks its bounds. */
    private static final class Reader {
        private final byte[] b;
        private int at;
        private final int end;

        Reader(byte[] b, int at, int end) {
            if (at < 0 || end > b.length || at > end) {
                throw new IllegalArgumentException("bounds");
            }
            this.b = b;
            this.at = at;
            this.end = end;
        }

        boolean more() {
            return at < end;
        }

        int peekTag() {
            need(1);
            return b[at] & 0xFF;
        }

        /** The content of the next element, which must have tag {@code tag}. */
        byte[] value(int tag) {
            int[] span = element(tag);
            return Arrays.copyOfRange(b, span[0], span[1]);
        }

        Reader enter(int tag) {
            int[] span = element(tag);
            return new Reader(b, span[0], span[1]);
        }

        void skip(int tag) {
            element(tag);
        }

        long integer() {
            return signed(value(0x02));
        }

        String oid() {
            byte[] v = value(0x06);
            return oidText(v, 0, v.length);
        }

        private int[] element(int tag) {
            need(2);
            int t = b[at] & 0xFF;
            if (t != tag) {
                throw new IllegalArgumentException(String.format("expected tag 0x%02x, found 0x%02x", tag, t));
            }
            int l = b[at + 1] & 0xFF;
            int p = at + 2;
            int length;
            if (l < 0x80) {
                length = l;
            } else {
                int octets = l & 0x7F;
                if (octets == 0 || octets > 3) {
                    throw new IllegalArgumentException("length of " + octets + " octets");
                }
                if (p + octets > end) {
                    throw new IllegalArgumentException("cut in a length");
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (b[p + i] & 0xFF);
                }
                p += octets;
            }
            if (length > end - p) {
                throw new IllegalArgumentException("element of " + length + " bytes, " + (end - p) + " left");
            }
            at = p + length;
            return new int[] {p, p + length};
        }

        private void need(int n) {
            if (end - at < n) {
                throw new IllegalArgumentException("cut short");
            }
        }
    }
}
