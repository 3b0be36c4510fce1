package org.openevb.qualify.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.codec.MacAddress;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/** VSI TLVs in the report's words, and the kit's VSIs. */
final class VdpText {

    static final String[] COMMANDS = {"", "Pre-Associate", "Pre-Associate-RR", "Associate", "De-Associate"};
    static final String[] CODES = {"success", "invalid format", "insufficient resources", "unable to contact VSI manager",
        "other failure", "invalid VID, GroupID or MAC"};
    static final String[] VSIID_FORMATS = {"", "ipv4", "ipv6", "mac", "local", "uuid"};
    static final String[] FILTER_FORMATS = {"", "vid", "mac-vid", "groupid-vid", "groupid-mac-vid"};

    private VdpText() {
    }

    static String command(int type) {
        return type >= 1 && type <= 4 ? COMMANDS[type] : "type " + type;
    }

    /** e.g. {@code success}, {@code refused: other failure (4), hard}, {@code refused: ... keep}. */
    static String answer(VsiTlv t) {
        int code = t.errorCode();
        String reason = code < CODES.length ? CODES[code] : "code " + code;
        StringBuilder s = new StringBuilder(code == 0 ? "success" : "refused: " + reason + " (" + code + ")");
        if (t.keep()) {
            s.append(", keep");
        }
        if (t.hardError()) {
            s.append(", hard");
        }
        if (t.type() == VdpTlv.DE_ASSOCIATE && code != 0) {
            s.append(", as a De-Associate");
        }
        return s.toString();
    }

    /** A VSI TLV in one line: command, VSIID, type, filter, and the answer's status for a response. */
    /**
     * The kit's VSI number {@code n} of probe {@code probe}, as a request of {@code type}: the
     * requested type, its own UUID, a MAC/VID filter.
     */
    static VsiTlv kitVsi(int probe, QualifyRequest r, int type, int n, List<FilterEntry> filter) {
        return new VsiTlv(type, 0, r.vsiTypeId(), r.vsiTypeVersion(), VsiTlv.VSIID_UUID, uuid(probe, n),
                VsiTlv.FILTER_MAC_VID, filter);
    }

    static String vsi(VsiTlv t) {
        String s = command(t.type()) + " " + vsiid(t) + ", type " + t.typeId() + " v" + t.typeVersion() + ", filter "
                + (t.filterFormat() < FILTER_FORMATS.length ? FILTER_FORMATS[t.filterFormat()] : "format " + t.filterFormat())
                + " " + filter(t);
        return t.isResponse() ? s + ": " + answer(t) : s + (t.mBit() ? ", M" : "") + (t.sBit() ? ", S" : "");
    }

    static String vsiid(VsiTlv t) {
        byte[] v = t.vsiid();
        String format = t.vsiidFormat() < VSIID_FORMATS.length && t.vsiidFormat() > 0 ? VSIID_FORMATS[t.vsiidFormat()]
                : "format " + t.vsiidFormat();
        return switch (t.vsiidFormat()) {
            case VsiTlv.VSIID_UUID -> format + ":" + t.vsiidAsUuid();
            case VsiTlv.VSIID_MAC -> format + ":" + MacAddress.format(MacAddress.read(v, 10));
            case VsiTlv.VSIID_IPV4 -> format + ":" + (v[12] & 0xFF) + "." + (v[13] & 0xFF) + "." + (v[14] & 0xFF) + "." + (v[15] & 0xFF);
            default -> format + ":" + java.util.HexFormat.of().formatHex(v);
        };
    }

    /** The filter entries, e.g. {@code 02:0e:b0:00:00:71/10}, {@code group 1/10}. */
    static String filter(VsiTlv t) {
        List<String> out = new ArrayList<>();
        for (FilterEntry e : t.entries()) {
            String head = switch (t.filterFormat()) {
                case VsiTlv.FILTER_VID -> "vid ";
                case VsiTlv.FILTER_MAC_VID -> MacAddress.format(e.mac()) + "/";
                case VsiTlv.FILTER_GROUP_VID -> "group " + Integer.toUnsignedString(e.groupId()) + "/";
                default -> "group " + Integer.toUnsignedString(e.groupId()) + " " + MacAddress.format(e.mac()) + "/";
            };
            out.add(head + e.vid());
        }
        return out.isEmpty() ? "(none)" : String.join(" ", out);
    }

    /** The VIDs of a TLV's filter entries. */
    static List<Integer> vids(VsiTlv t) {
        return t.entries().stream().map(FilterEntry::vid).toList();
    }

    // ---- the kit's VSIs ----

    /** A UUID VSIID of the kit's: recognisable (the kit's prefix) and distinct per probe and VSI. */
    static byte[] uuid(int probe, int n) {
        return VsiTlv.uuidBytes(new UUID(0x0e0b_5155_0000_4000L | ((long) probe << 16) | n, 0x8000_0000_0000_0000L | n));
    }

    /** A locally administered MAC of the kit's, distinct per probe and VSI: 02:0e:b0:00:PP:NN. */
    static long mac(int probe, int n) {
        return 0x020E_B000_0000L | ((long) probe << 8) | n;
    }

    static byte[] macVsiid(long mac) {
        byte[] v = new byte[16];
        MacAddress.write(mac, v, 10);
        return v;
    }

    static byte[] ipv4Vsiid(int a, int b, int c, int d) {
        byte[] v = new byte[16];
        v[10] = (byte) 0xFF;
        v[11] = (byte) 0xFF;
        v[12] = (byte) a;
        v[13] = (byte) b;
        v[14] = (byte) c;
        v[15] = (byte) d;
        return v;
    }

    /** 2001:db8::PP:NN, an address of the documentation prefix. */
    static byte[] ipv6Vsiid(int probe, int n) {
        return ByteBuffer.allocate(16).putInt(0x2001_0db8).putInt(0).putInt(0).putShort((short) probe).putShort((short) n).array();
    }

    /** A local VSIID: the kit's name and a number, zero-padded. */
    static byte[] localVsiid(int probe, int n) {
        byte[] v = new byte[16];
        byte[] t = ("OEVB-P" + probe + "-" + n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, v, 0, Math.min(16, t.length));
        return v;
    }
}
