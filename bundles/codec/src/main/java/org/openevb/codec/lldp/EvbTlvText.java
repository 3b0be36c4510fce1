package org.openevb.codec.lldp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The EVB TLV, the CDCP TLV and the pre-standard EVB TLV as people read them, one line or a few:
 * one place, so the shell's listings and the qualification kit's reports say the same thing the
 * same way.
 */
public final class EvbTlvText {

    private EvbTlvText() {
    }

    // ---- EVB TLV ----

    /** RRSTAT as words: {@code not enabled}, {@code enabled}, {@code unknown}, {@code reserved}. */
    public static String rrstat(int rrstat) {
        return switch (rrstat) {
            case EvbTlv.RRSTAT_NO -> "not enabled";
            case EvbTlv.RRSTAT_YES -> "enabled";
            case EvbTlv.RRSTAT_UNKNOWN -> "unknown";
            default -> "reserved";
        };
    }

    /** The EVB mode field as a word. */
    public static String evbMode(int mode) {
        return switch (mode) {
            case EvbTlv.NOT_SUPPORTED -> "not supported";
            case EvbTlv.BRIDGE -> "bridge";
            case EvbTlv.STATION -> "station";
            default -> "reserved";
        };
    }

    /** 10 µs × 2^exponent in microseconds. */
    public static long micros(int exponent) {
        return EvbTlv.exponentToDuration(exponent).toNanos() / 1000;
    }

    /** 10 µs × 2^exponent for people: {@code 640 µs}, {@code 163.84 ms}, {@code 10.49 s}. */
    public static String duration(int exponent) {
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
    public static String exponent(int exponent) {
        return exponent + " (" + duration(exponent) + ")";
    }

    /** The flags that are set, comma-separated, in wire order; empty if none. */
    public static String evbFlags(EvbTlv t) {
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
    public static String evb(EvbTlv t) {
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
    public static List<String> evbDetails(EvbTlv t) {
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

    // ---- CDCP TLV ----

    /** One line with every pair, e.g. {@code B scomp chncap 167: 1:1 2:100 3:101}. */
    public static String cdcp(CdcpTlv t) {
        return cdcp(t, Integer.MAX_VALUE);
    }

    /**
     * One line, at most {@code maxPairs} SCID:SVID pairs and a count of the rest. {@code scomp} is
     * there when the sender has an S-VLAN component.
     */
    public static String cdcp(CdcpTlv t, int maxPairs) {
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

    // ---- pre-standard EVB TLV ----

    /** Forwarding mode bits as words: {@code std,rr}; bits without a name in hex; {@code none}. */
    public static String modeBits(int bits) {
        return bits(bits, new int[] {PreStandardEvbTlv.STD, PreStandardEvbTlv.RR}, new String[] {"std", "rr"});
    }

    /** Capability bits as words: {@code rte,ecp,vdp}; bits without a name in hex; {@code none}. */
    public static String capabilityBits(int bits) {
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
    public static String preStandard(PreStandardEvbTlv t) {
        return "supported " + modeBits(t.supportedMode()) + " caps " + capabilityBits(t.supportedCapabilities())
                + " vsis " + t.supportedVsis()
                + ", configured " + modeBits(t.configuredMode()) + " caps " + capabilityBits(t.configuredCapabilities())
                + " vsis " + t.configuredVsis()
                + ", rte " + t.rte();
    }

    /** {@code yes} or {@code no}. */
    public static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
