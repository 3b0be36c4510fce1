package org.openevb.qualify.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openevb.api.lldp.LldpAddress;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.MacAddress;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChassisIdTlv;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.EvbTlvText;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.OrgTlv;
import org.openevb.codec.lldp.PortIdTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;
import org.openevb.codec.lldp.TtlTlv;

/**
 * P1's conclusions: what the peer's LLDPDUs say, address by address, from the frames alone (no
 * clock, no I/O), so its rules are tested in milliseconds. Bad input is counted, never thrown.
 */
final class LldpInventory {

    /** OUI 00-80-C2 subtype of the 802.1BR port extension TLV. */
    static final int PORT_EXTENSION_SUBTYPE = 0x0F;
    /** Gaps up to this long are fast transmission (msgFastTx, 1 s by default), not the peer's interval. */
    static final long FAST_GAP_MILLIS = 1500;

    private final long ourMac;
    private final Map<String, Seen> byAddress = new LinkedHashMap<>();
    private int malformed;
    private int looped;
    private String chassisId;
    private String portId;
    private String systemName = "";
    private int ttl = -1;
    private String evb;
    private String preStandardEvb;
    private String cdcp;
    private String portExtension;

    /** What one group address carried. */
    private static final class Seen {
        final Set<String> tlvs = new LinkedHashSet<>();
        final List<Long> arrivals = new ArrayList<>();
    }

    LldpInventory(long ourMac) {
        this.ourMac = ourMac;
    }

    /** Where an LLDPDU was sent: the group address's name, or the MAC for any other destination. */
    static String addressName(long destination) {
        return LldpAddress.of(destination).map(LldpAddress::key).orElse(MacAddress.format(destination));
    }

    /**
     * A received LLDP frame (whole, from the destination MAC).
     *
     * @return a one-line description of it, for the evidence
     */
    String received(long atMillis, byte[] frame) {
        if (frame.length < KitFrames.HEADER) {
            malformed++;
            return "malformed LLDPDU: " + frame.length + " bytes";
        }
        long destination = MacAddress.read(frame, 0);
        long source = MacAddress.read(frame, 6);
        String address = addressName(destination);
        if (source == ourMac) {
            looped++;
            return "our own LLDPDU to " + address + " came back (the peer forwarded it instead of consuming it)";
        }
        Lldpdu pdu;
        String chassis;
        String port;
        int seconds;
        try {
            pdu = Lldpdu.decode(frame, KitFrames.HEADER, frame.length - KitFrames.HEADER);
            List<LldpTlv> tlvs = pdu.tlvs();
            if (tlvs.size() < 3 || tlvs.get(0).type() != LldpTlv.CHASSIS_ID || tlvs.get(1).type() != LldpTlv.PORT_ID
                    || tlvs.get(2).type() != LldpTlv.TTL) {
                malformed++;
                return "malformed LLDPDU to " + address + ": it does not start with chassis ID, port ID and TTL";
            }
            chassis = ChassisIdTlv.decode(tlvs.get(0)).idText();
            port = PortIdTlv.decode(tlvs.get(1)).idText();
            seconds = TtlTlv.decode(tlvs.get(2)).seconds();
        } catch (Exception e) { // CodecException, and anything a bad frame may still provoke
            malformed++;
            return "malformed LLDPDU to " + address + ": " + e.getMessage();
        }
        chassisId = chassis;
        portId = port;
        ttl = seconds;
        Seen seen = byAddress.computeIfAbsent(address, k -> new Seen());
        seen.arrivals.add(atMillis);
        List<String> names = new ArrayList<>();
        for (LldpTlv t : pdu.tlvs()) {
            String name = tlvName(t);
            names.add(name);
            seen.tlvs.add(name);
            inspect(t, address);
        }
        return "LLDPDU to " + address + " from " + chassis + " port " + port + ", TTL " + seconds + " s: "
                + String.join(", ", names);
    }

    private void inspect(LldpTlv t, String address) {
        try {
            if (t.type() == LldpTlv.SYSTEM_NAME) {
                systemName = new String(t.value(), StandardCharsets.UTF_8);
            } else if (OrgTlv.matches(t, EvbTlv.OUI, EvbTlv.SUBTYPE)) {
                evb = address + ": " + EvbTlvText.evb(EvbTlv.decode(t));
            } else if (OrgTlv.matches(t, PreStandardEvbTlv.OUI, PreStandardEvbTlv.SUBTYPE)) {
                preStandardEvb = address + ": " + EvbTlvText.preStandard(PreStandardEvbTlv.decode(t));
            } else if (OrgTlv.matches(t, CdcpTlv.OUI, CdcpTlv.SUBTYPE)) {
                cdcp = address + ": " + EvbTlvText.cdcp(CdcpTlv.decode(t));
            } else if (OrgTlv.matches(t, OrgTlv.OUI_IEEE_8021, PORT_EXTENSION_SUBTYPE)) {
                portExtension = address + ": " + HexFormat.of().formatHex(t.value());
            }
        } catch (Exception e) {
            malformed++;
        }
    }

    /** A TLV's name as the report shows it: its standard name, or the organization and subtype. */
    static String tlvName(LldpTlv t) {
        switch (t.type()) {
            case LldpTlv.END: return "end";
            case LldpTlv.CHASSIS_ID: return "chassis-id";
            case LldpTlv.PORT_ID: return "port-id";
            case LldpTlv.TTL: return "ttl";
            case LldpTlv.PORT_DESCRIPTION: return "port-description";
            case LldpTlv.SYSTEM_NAME: return "system-name";
            case LldpTlv.SYSTEM_DESCRIPTION: return "system-description";
            case LldpTlv.SYSTEM_CAPABILITIES: return "system-capabilities";
            case LldpTlv.MANAGEMENT_ADDRESS: return "management-address";
            default:
                break;
        }
        if (t.type() != LldpTlv.ORGANIZATIONAL || t.value().length < 4) {
            return "type-" + t.type();
        }
        if (OrgTlv.matches(t, EvbTlv.OUI, EvbTlv.SUBTYPE)) {
            return "evb";
        }
        if (OrgTlv.matches(t, CdcpTlv.OUI, CdcpTlv.SUBTYPE)) {
            return "cdcp";
        }
        if (OrgTlv.matches(t, OrgTlv.OUI_IEEE_8021, PORT_EXTENSION_SUBTYPE)) {
            return "port-extension";
        }
        if (OrgTlv.matches(t, PreStandardEvbTlv.OUI, PreStandardEvbTlv.SUBTYPE)) {
            return "evb-prestandard";
        }
        byte[] v = t.value();
        return String.format("org-%02x-%02x-%02x/%d", v[0] & 0xFF, v[1] & 0xFF, v[2] & 0xFF, v[3] & 0xFF);
    }

    /** The verdict and the values, from everything received. */
    ProbeOutcome conclude(int listenedSeconds) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("listened", listenedSeconds + " s");
        values.put("chassis-id", chassisId == null ? "none" : chassisId);
        values.put("port-id", portId == null ? "none" : portId);
        values.put("system-name", systemName.isEmpty() ? "none" : systemName);
        values.put("ttl", ttl < 0 ? "none" : ttl + " s");
        for (Map.Entry<String, Seen> e : byAddress.entrySet()) {
            values.put("tlvs." + e.getKey(), String.join(", ", e.getValue().tlvs));
            values.put("lldpdus." + e.getKey(), Integer.toString(e.getValue().arrivals.size()));
            values.put("interval." + e.getKey(), interval(e.getValue().arrivals));
        }
        values.put("evb-tlv", evb == null ? "absent" : evb);
        values.put("evb-prestandard-tlv", preStandardEvb == null ? "absent" : preStandardEvb);
        values.put("cdcp-tlv", cdcp == null ? "absent" : cdcp);
        values.put("port-extension-tlv", portExtension == null ? "absent" : portExtension);
        values.put("own-lldpdus-returned", Integer.toString(looped));
        values.put("malformed", Integer.toString(malformed));
        int received = byAddress.values().stream().mapToInt(s -> s.arrivals.size()).sum();
        if (received == 0 && malformed == 0) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no LLDPDU from the peer in " + listenedSeconds + " s"
                    + (looped > 0 ? " (our own came back " + looped + " times: it forwards LLDP)" : ""), values);
        }
        if (malformed > 0) {
            return new ProbeOutcome(Verdict.FAIL, malformed + " malformed LLDPDU(s) or TLV(s) from the peer, "
                    + received + " well-formed", values);
        }
        List<String> found = new ArrayList<>();
        if (evb != null) {
            found.add("EVB TLV");
        }
        if (preStandardEvb != null) {
            found.add("pre-standard EVB TLV");
        }
        if (cdcp != null) {
            found.add("CDCP TLV");
        }
        if (portExtension != null) {
            found.add("port extension TLV");
        }
        return new ProbeOutcome(Verdict.PASS, "peer " + chassisId + " port " + portId + " sends LLDP on "
                + String.join(", ", byAddress.keySet()) + ", TTL " + ttl + " s"
                + (found.isEmpty() ? "; no EVB, CDCP or port extension TLV" : "; " + String.join(", ", found)), values);
    }

    /**
     * The measured interval: the median gap between LLDPDUs on one address, leaving out the 1 s gaps
     * of fast transmission (a peer starts it when it sees a new neighbour, as it sees us), with every
     * gap seen.
     */
    static String interval(List<Long> arrivals) {
        if (arrivals.size() < 2) {
            return "not measured (one LLDPDU)";
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < arrivals.size(); i++) {
            gaps.add(arrivals.get(i) - arrivals.get(i - 1));
        }
        StringBuilder all = new StringBuilder();
        for (long g : gaps) {
            all.append(all.length() == 0 ? "" : ", ").append(seconds(g));
        }
        List<Long> slow = new ArrayList<>(gaps.stream().filter(g -> g > FAST_GAP_MILLIS).toList());
        if (slow.isEmpty()) {
            return "not measured: fast transmission only (gaps " + all + " s)";
        }
        slow.sort(null);
        long median = slow.get((slow.size() - 1) / 2); // the lower one of an even count
        return seconds(median) + " s (gaps " + all + " s)";
    }

    private static String seconds(long millis) {
        return String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }
}
