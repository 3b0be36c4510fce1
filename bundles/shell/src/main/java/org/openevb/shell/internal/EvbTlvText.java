package org.openevb.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openevb.api.lldp.LldpNeighbourView;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;

/**
 * The EVB TLV, the CDCP TLV and the pre-standard EVB TLV as text and as JSON maps: one place, so
 * lldp-neighbours, evb-show and schannel-show say the same thing the same way.
 */
final class EvbTlvText {

    /** Pairs shown in a one-line CDCP summary inside a table; the rest is counted. */
    static final int TABLE_PAIRS = 8;

    private EvbTlvText() {
    }

    // ---- EVB TLV ----

    /** RRSTAT as words: {@code not enabled}, {@code enabled}, {@code unknown}, {@code reserved}. */
    static String rrstat(int rrstat) {
        return switch (rrstat) {
            case EvbTlv.RRSTAT_NO -> "not enabled";
            case EvbTlv.RRSTAT_YES -> "enabled";
            case EvbTlv.RRSTAT_UNKNOWN -> "unknown";
            default -> "reserved";
        };
    }

    /** The EVB mode field as a word. */
    static String evbMode(int mode) {
        return switch (mode) {
            case EvbTlv.NOT_SUPPORTED -> "not supported";
            case EvbTlv.BRIDGE -> "bridge";
            case EvbTlv.STATION -> "station";
            default -> "reserved";
        };
    }

    /** 10 µs × 2^exponent in microseconds. */
    static long micros(int exponent) {
        return EvbTlv.exponentToDuration(exponent).toNanos() / 1000;
    }

    /** 10 µs × 2^exponent for people: {@code 640 µs}, {@code 163.84 ms}, {@code 10.49 s}. */
    static String duration(int exponent) {
        long us = micros(exponent);
        if (us < 1000) {
            return us + " µs";
        }
        if (us < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", us / 1000.0);
        }
        return String.format(Locale.ROOT, "%.2f s", us / 1_000_000.0);
    }

    /** An exponent with its meaning: {@code 14 (163.84 ms)}. */
    static String exponent(int exponent) {
        return exponent + " (" + duration(exponent) + ")";
    }

    /** The flags that are set, comma-separated, in wire order; empty if none. */
    static String evbFlags(EvbTlv t) {
        List<String> f = new ArrayList<>();
        if (t.bgid()) {
            f.add("bgid");
        }
        if (t.rrcap()) {
            f.add("rrcap");
        }
        if (t.rrctr()) {
            f.add("rrctr");
        }
        if (t.sgid()) {
            f.add("sgid");
        }
        if (t.rrreq()) {
            f.add("rrreq");
        }
        return String.join(",", f);
    }

    /**
     * One line, e.g. {@code bridge rrcap R3 RTE14 RWD20 RKA20} or
     * {@code station rrcap,rrctr,rrreq rrstat=enabled R3 RTE8 RWD8 RKA8}. RRSTAT is left out when it
     * is 0 in a bridge's TLV (its usual value before a station asks); {@code (rol)} marks a value
     * taken from the peer.
     */
    static String evb(EvbTlv t) {
        StringBuilder b = new StringBuilder(evbMode(t.evbMode()));
        if (t.evbMode() > EvbTlv.STATION) {
            b.append('(').append(t.evbMode()).append(')');
        }
        String flags = evbFlags(t);
        if (!flags.isEmpty()) {
            b.append(' ').append(flags);
        }
        if (t.evbMode() != EvbTlv.BRIDGE || t.rrstat() != EvbTlv.RRSTAT_NO) {
            b.append(" rrstat=").append(rrstat(t.rrstat()).replace(' ', '-'));
        }
        b.append(" R").append(t.r()).append(" RTE").append(t.rte());
        b.append(" RWD").append(t.rwd()).append(t.rolRwd() ? "(rol)" : "");
        b.append(" RKA").append(t.rka()).append(t.rolRka() ? "(rol)" : "");
        return b.toString();
    }

    /** Every field, three lines: bridge status, station status, mode and timers. */
    static List<String> evbDetails(EvbTlv t) {
        List<String> lines = new ArrayList<>();
        lines.add("bridge status: bgid " + yesNo(t.bgid()) + ", rrcap " + yesNo(t.rrcap()) + ", rrctr " + yesNo(t.rrctr())
                + (t.bridgeReserved() != 0 ? ", reserved bits " + t.bridgeReserved() : ""));
        lines.add("station status: sgid " + yesNo(t.sgid()) + ", rrreq " + yesNo(t.rrreq()) + ", rrstat "
                + rrstat(t.rrstat()) + " (" + t.rrstat() + ")"
                + (t.stationReserved() != 0 ? ", reserved bits " + t.stationReserved() : ""));
        lines.add("mode " + evbMode(t.evbMode()) + " (" + t.evbMode() + "), R " + t.r() + ", RTE " + exponent(t.rte())
                + ", RWD " + exponent(t.rwd()) + (t.rolRwd() ? " remote" : "")
                + ", RKA " + exponent(t.rka()) + (t.rolRka() ? " remote" : "")
                + (t.rkaReserved() != 0 ? ", reserved bits " + t.rkaReserved() : ""));
        return lines;
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

    /** One line with every pair, e.g. {@code B scomp chncap 167: 1:1 2:100 3:101}. */
    static String cdcp(CdcpTlv t) {
        return cdcp(t, Integer.MAX_VALUE);
    }

    /**
     * One line, at most {@code maxPairs} SCID:SVID pairs and a count of the rest. {@code scomp} is
     * there when the sender has an S-VLAN component.
     */
    static String cdcp(CdcpTlv t, int maxPairs) {
        StringBuilder b = new StringBuilder(t.isStation() ? "S" : "B");
        if (t.sComp()) {
            b.append(" scomp");
        }
        b.append(" chncap ").append(t.chnCap());
        List<ChannelPair> pairs = t.pairs();
        if (pairs.isEmpty()) {
            return b.append(", no channels").toString();
        }
        b.append(':');
        int shown = Math.min(pairs.size(), maxPairs);
        for (int i = 0; i < shown; i++) {
            b.append(' ').append(pairs.get(i).scid()).append(':').append(pairs.get(i).svid());
        }
        if (shown < pairs.size()) {
            b.append(" (+").append(pairs.size() - shown).append(" more)");
        }
        return b.toString();
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

    /** Forwarding mode bits as words: {@code std,rr}; bits without a name in hex; {@code none}. */
    static String modeBits(int bits) {
        return bits(bits, new int[] {PreStandardEvbTlv.STD, PreStandardEvbTlv.RR}, new String[] {"std", "rr"});
    }

    /** Capability bits as words: {@code rte,ecp,vdp}; bits without a name in hex; {@code none}. */
    static String capabilityBits(int bits) {
        return bits(bits, new int[] {PreStandardEvbTlv.RTE, PreStandardEvbTlv.ECP, PreStandardEvbTlv.VDP},
                new String[] {"rte", "ecp", "vdp"});
    }

    private static String bits(int bits, int[] masks, String[] names) {
        List<String> out = new ArrayList<>();
        int rest = bits;
        for (int i = 0; i < masks.length; i++) {
            if ((bits & masks[i]) != 0) {
                out.add(names[i]);
                rest &= ~masks[i];
            }
        }
        if (rest != 0) {
            out.add(String.format("0x%02x", rest));
        }
        return out.isEmpty() ? "none" : String.join(",", out);
    }

    /**
     * One line, e.g. {@code supported rr caps rte,ecp,vdp vsis 3295, configured rr caps rte,ecp,vdp
     * vsis 0, rte 15}.
     */
    static String preStandard(PreStandardEvbTlv t) {
        return "supported " + modeBits(t.supportedMode()) + " caps " + capabilityBits(t.supportedCapabilities())
                + " vsis " + t.supportedVsis()
                + ", configured " + modeBits(t.configuredMode()) + " caps " + capabilityBits(t.configuredCapabilities())
                + " vsis " + t.configuredVsis()
                + ", rte " + t.rte();
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
        return b ? "yes" : "no";
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
