package org.openevb.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.lldp.LldpNeighbourView;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;

/**
 * The EVB TLV, the CDCP TLV and the pre-standard EVB TLV as text (the codec's {@link
 * org.openevb.codec.lldp.EvbTlvText}) and as JSON maps: one place, so lldp-neighbours, evb-show and
 * schannel-show say the same thing the same way.
 */
final class EvbTlvText {

    /** Pairs shown in a one-line CDCP summary inside a table; the rest is counted. */
    static final int TABLE_PAIRS = 8;

    private EvbTlvText() {
    }

    // ---- EVB TLV ----

    // the texts are the codec's, so every rendering of these TLVs reads the same

    static String rrstat(int rrstat) {
        return org.openevb.codec.lldp.EvbTlvText.rrstat(rrstat);
    }

    static String evbMode(int mode) {
        return org.openevb.codec.lldp.EvbTlvText.evbMode(mode);
    }

    static long micros(int exponent) {
        return org.openevb.codec.lldp.EvbTlvText.micros(exponent);
    }

    static String duration(int exponent) {
        return org.openevb.codec.lldp.EvbTlvText.duration(exponent);
    }

    static String exponent(int exponent) {
        return org.openevb.codec.lldp.EvbTlvText.exponent(exponent);
    }

    static String evbFlags(EvbTlv t) {
        return org.openevb.codec.lldp.EvbTlvText.evbFlags(t);
    }

    static String evb(EvbTlv t) {
        return org.openevb.codec.lldp.EvbTlvText.evb(t);
    }

    static List<String> evbDetails(EvbTlv t) {
        return org.openevb.codec.lldp.EvbTlvText.evbDetails(t);
    }

    /** Every field by name; the timers also in microseconds, RRSTAT and the mode also as text. */
    static Map<String, Object> evbJson(EvbTlv t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("evbMode", t.evbMode());
        m.put("evbModeText", evbMode(t.evbMode()));
        m.put("bgid", t.bgid());
        m.put("rrcap", t.rrcap());
        m.put("rrctr", t.rrctr());
        m.put("sgid", t.sgid());
        m.put("rrreq", t.rrreq());
        m.put("rrstat", t.rrstat());
        m.put("rrstatText", rrstat(t.rrstat()));
        m.put("r", t.r());
        m.put("rte", t.rte());
        m.put("rteMicros", micros(t.rte()));
        m.put("rolRwd", t.rolRwd());
        m.put("rwd", t.rwd());
        m.put("rwdMicros", micros(t.rwd()));
        m.put("rolRka", t.rolRka());
        m.put("rka", t.rka());
        m.put("rkaMicros", micros(t.rka()));
        m.put("bridgeReserved", t.bridgeReserved());
        m.put("stationReserved", t.stationReserved());
        m.put("rkaReserved", t.rkaReserved());
        m.put("info", hex(t.info()));
        return m;
    }

    // ---- CDCP TLV ----

    static String cdcp(CdcpTlv t) {
        return org.openevb.codec.lldp.EvbTlvText.cdcp(t);
    }

    static String cdcp(CdcpTlv t, int maxPairs) {
        return org.openevb.codec.lldp.EvbTlvText.cdcp(t, maxPairs);
    }

    static Map<String, Object> cdcpJson(CdcpTlv t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", t.role());
        m.put("roleText", t.isStation() ? "S" : "B");
        m.put("sComp", t.sComp());
        m.put("chnCap", t.chnCap());
        m.put("pairs", t.pairs().stream().map(p -> {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("scid", p.scid());
            pair.put("svid", p.svid());
            return pair;
        }).toList());
        m.put("reserved1", t.reserved1());
        m.put("reserved2", t.reserved2());
        m.put("info", hex(t.info()));
        return m;
    }

    // ---- pre-standard EVB TLV ----

    static String modeBits(int bits) {
        return org.openevb.codec.lldp.EvbTlvText.modeBits(bits);
    }

    static String capabilityBits(int bits) {
        return org.openevb.codec.lldp.EvbTlvText.capabilityBits(bits);
    }

    static String preStandard(PreStandardEvbTlv t) {
        return org.openevb.codec.lldp.EvbTlvText.preStandard(t);
    }

    static Map<String, Object> preStandardJson(PreStandardEvbTlv t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("supportedMode", t.supportedMode());
        m.put("supportedModeText", modeBits(t.supportedMode()));
        m.put("supportedCapabilities", t.supportedCapabilities());
        m.put("supportedCapabilitiesText", capabilityBits(t.supportedCapabilities()));
        m.put("configuredMode", t.configuredMode());
        m.put("configuredModeText", modeBits(t.configuredMode()));
        m.put("configuredCapabilities", t.configuredCapabilities());
        m.put("configuredCapabilitiesText", capabilityBits(t.configuredCapabilities()));
        m.put("supportedVsis", t.supportedVsis());
        m.put("configuredVsis", t.configuredVsis());
        m.put("rte", t.rte());
        // the octet allows 255, but only 0..31 is an exponent of 10 µs
        m.put("rteMicros", t.rte() <= 31 ? micros(t.rte()) : null);
        m.put("info", hex(t.info()));
        return m;
    }

    // ---- the three in one LLDPDU ----

    /** The 802.1Qbg TLVs of a neighbour on one line, for the neighbour table (a malformed one says so). */
    static String summary(LldpNeighbourView n) {
        List<String> parts = new ArrayList<>();
        if (n.evb() != null) {
            parts.add("evb: " + evb(n.evb()));
        } else if (n.evbError() != null) {
            parts.add("evb: malformed");
        }
        if (n.cdcp() != null) {
            parts.add("cdcp: " + cdcp(n.cdcp(), TABLE_PAIRS));
        } else if (n.cdcpError() != null) {
            parts.add("cdcp: malformed");
        }
        if (n.preStandardEvb() != null) {
            parts.add("pre-std: " + preStandard(n.preStandardEvb()));
        } else if (n.preStandardEvbError() != null) {
            parts.add("pre-std: malformed");
        }
        return String.join("; ", parts);
    }

    // ---- shared ----

    static String yesNo(boolean b) {
        return org.openevb.codec.lldp.EvbTlvText.yesNo(b);
    }

    /** Lower-case hex, no separators (the form JSON carries). */
    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return s.toString();
    }
}
