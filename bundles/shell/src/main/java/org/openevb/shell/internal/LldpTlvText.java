package org.openevb.shell.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.codec.CodecException;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChassisIdTlv;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpText;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.OrgTlv;
import org.openevb.codec.lldp.PortIdTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;
import org.openevb.codec.lldp.TtlTlv;

/**
 * Every TLV of an LLDPDU as text and JSON, for {@code lldp-neighbours --verbose} and its JSON. The
 * 802.1Qbg TLVs are decoded by {@link EvbTlvText}; TLVs nobody here knows are shown in hex.
 */
final class LldpTlvText {

    private static final int OUI_IEEE_8023 = 0x00120F;
    private static final String[] CHASSIS_SUBTYPES = {"reserved", "chassis component", "interface alias",
        "port component", "mac", "network address", "interface name", "local"};
    private static final String[] PORT_SUBTYPES = {"reserved", "interface alias", "port component", "mac",
        "network address", "interface name", "agent circuit id", "local"};
    private static final String[] CAPABILITIES = {"other", "repeater", "bridge", "wlan-ap", "router", "telephone",
        "docsis", "station", "c-vlan", "s-vlan", "tpmr"};

    private LldpTlvText() {
    }

    /**
     * One decoded TLV.
     *
     * @param label what it is, e.g. {@code TTL} or {@code 00-80-c2/13 EVB}
     * @param lines its value, one or more lines
     */
    record Described(String label, List<String> lines) {
    }

    static String typeName(int type) {
        return switch (type) {
            case LldpTlv.END -> "End";
            case LldpTlv.CHASSIS_ID -> "Chassis ID";
            case LldpTlv.PORT_ID -> "Port ID";
            case LldpTlv.TTL -> "TTL";
            case LldpTlv.PORT_DESCRIPTION -> "Port description";
            case LldpTlv.SYSTEM_NAME -> "System name";
            case LldpTlv.SYSTEM_DESCRIPTION -> "System description";
            case LldpTlv.SYSTEM_CAPABILITIES -> "System capabilities";
            case LldpTlv.MANAGEMENT_ADDRESS -> "Management address";
            case LldpTlv.ORGANIZATIONAL -> "Organizational";
            default -> "Reserved type " + type;
        };
    }

    /** The name of an organizationally specific TLV this platform knows, or empty. */
    static String orgName(int oui, int subtype) {
        if (oui == EvbTlv.OUI && subtype == EvbTlv.SUBTYPE) {
            return "EVB";
        }
        if (oui == CdcpTlv.OUI && subtype == CdcpTlv.SUBTYPE) {
            return "CDCP";
        }
        if (oui == PreStandardEvbTlv.OUI && subtype == PreStandardEvbTlv.SUBTYPE) {
            return "pre-standard EVB";
        }
        if (oui == OrgTlv.OUI_IEEE_8021 && subtype == 1) {
            return "port VLAN ID";
        }
        if (oui == OUI_IEEE_8023 && subtype == 4) {
            return "maximum frame size";
        }
        return "";
    }

    static String oui(int oui) {
        return String.format("%02x-%02x-%02x", oui >>> 16, (oui >>> 8) & 0xFF, oui & 0xFF);
    }

    /** Every TLV of the LLDPDU, in order. */
    static List<Described> describe(List<LldpTlv> tlvs) {
        return tlvs.stream().map(LldpTlvText::describe).toList();
    }

    /** One TLV; a TLV that does not decode says why and shows its bytes. */
    static Described describe(LldpTlv t) {
        String label = typeName(t.type()) + " (" + t.type() + ")";
        try {
            return switch (t.type()) {
                case LldpTlv.CHASSIS_ID -> {
                    ChassisIdTlv c = ChassisIdTlv.decode(t);
                    yield one(label, subtype(CHASSIS_SUBTYPES, c.subtype()) + " " + c.idText());
                }
                case LldpTlv.PORT_ID -> {
                    PortIdTlv p = PortIdTlv.decode(t);
                    yield one(label, subtype(PORT_SUBTYPES, p.subtype()) + " " + p.idText());
                }
                case LldpTlv.TTL -> one(label, TtlTlv.decode(t).seconds() + " s");
                case LldpTlv.PORT_DESCRIPTION, LldpTlv.SYSTEM_NAME, LldpTlv.SYSTEM_DESCRIPTION ->
                    one(label, LldpText.printable(t.value()));
                case LldpTlv.SYSTEM_CAPABILITIES -> one(label, capabilities(t.value()));
                case LldpTlv.MANAGEMENT_ADDRESS -> one(label, managementAddress(t.value()));
                case LldpTlv.ORGANIZATIONAL -> org(t);
                default -> one(label, "hex " + LldpText.hex(t.value()));
            };
        } catch (CodecException | IllegalArgumentException e) {
            return one(label, "malformed (" + e.getMessage() + "), hex " + LldpText.hex(t.value()));
        }
    }

    private static Described org(LldpTlv t) throws CodecException {
        OrgTlv o = OrgTlv.decode(t);
        String name = orgName(o.oui(), o.subtype());
        String label = oui(o.oui()) + "/" + o.subtype() + (name.isEmpty() ? "" : " " + name);
        byte[] info = o.info();
        if (name.equals("EVB")) {
            EvbTlv e = EvbTlv.decode(t);
            List<String> lines = new ArrayList<>();
            lines.add(EvbTlvText.evb(e));
            lines.addAll(EvbTlvText.evbDetails(e));
            return new Described(label, lines);
        }
        if (name.equals("CDCP")) {
            CdcpTlv c = CdcpTlv.decode(t);
            return new Described(label, List.of(EvbTlvText.cdcp(c), "role " + (c.isStation() ? "S" : "B") + " ("
                    + c.role() + "), scomp " + EvbTlvText.yesNo(c.sComp()) + ", chncap " + c.chnCap() + ", "
                    + c.pairs().size() + " SCID:SVID pairs"));
        }
        if (name.equals("pre-standard EVB")) {
            return one(label, EvbTlvText.preStandard(PreStandardEvbTlv.decode(t)));
        }
        if (name.equals("port VLAN ID") && info.length == 2) {
            return one(label, "PVID " + (((info[0] & 0xFF) << 8) | (info[1] & 0xFF)));
        }
        if (name.equals("maximum frame size") && info.length == 2) {
            return one(label, (((info[0] & 0xFF) << 8) | (info[1] & 0xFF)) + " octets");
        }
        return one(label, "hex " + LldpText.hex(info));
    }

    /**
     * One TLV for JSON: type, name, the whole TLV in hex as on the wire, OUI and subtype of an
     * organizational one, and its one-line decoding (the 802.1Qbg TLVs' fields are at the top of
     * the neighbour, not repeated here).
     */
    static Map<String, Object> json(LldpTlv t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", t.type());
        m.put("name", typeName(t.type()));
        m.put("length", t.length());
        m.put("raw", EvbTlvText.hex(t.encode()));
        if (t.type() == LldpTlv.ORGANIZATIONAL) {
            try {
                OrgTlv o = OrgTlv.decode(t);
                m.put("oui", oui(o.oui()));
                m.put("subtype", o.subtype());
                String name = orgName(o.oui(), o.subtype());
                if (!name.isEmpty()) {
                    m.put("orgName", name);
                }
            } catch (CodecException e) {
                // describe() below says it is malformed
            }
        }
        m.put("text", describe(t).lines().get(0));
        return m;
    }

    private static Described one(String label, String line) {
        return new Described(label, List.of(line));
    }

    private static String subtype(String[] names, int subtype) {
        return subtype < names.length ? names[subtype] : "subtype " + subtype;
    }

    private static String capabilities(byte[] v) {
        if (v.length != 4) {
            return "hex " + LldpText.hex(v);
        }
        int system = ((v[0] & 0xFF) << 8) | (v[1] & 0xFF);
        int enabled = ((v[2] & 0xFF) << 8) | (v[3] & 0xFF);
        return "system " + capabilityNames(system) + ", enabled " + capabilityNames(enabled);
    }

    private static String capabilityNames(int bits) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(i < CAPABILITIES.length ? CAPABILITIES[i] : "bit" + i);
            }
        }
        return out.isEmpty() ? "none" : String.join(",", out);
    }

    /** Address string length, the address (family and octets), interface numbering, OID. */
    private static String managementAddress(byte[] v) {
        if (v.length < 9) {
            return "hex " + LldpText.hex(v);
        }
        int len = v[0] & 0xFF;
        if (len < 2 || 1 + len + 6 > v.length) {
            return "hex " + LldpText.hex(v);
        }
        String address = LldpText.address(Arrays.copyOfRange(v, 1, 1 + len));
        int p = 1 + len;
        int ifSubtype = v[p] & 0xFF;
        long ifNumber = ((long) (v[p + 1] & 0xFF) << 24) | ((v[p + 2] & 0xFF) << 16) | ((v[p + 3] & 0xFF) << 8)
                | (v[p + 4] & 0xFF);
        String numbering = switch (ifSubtype) {
            case 2 -> "ifIndex";
            case 3 -> "system port";
            default -> "unknown numbering";
        };
        return address + ", interface " + numbering + " " + ifNumber;
    }
}
