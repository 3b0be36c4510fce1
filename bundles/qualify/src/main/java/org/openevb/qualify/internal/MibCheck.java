package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.EvbTlvText;

/**
 * P13's judgement: what the switch says about itself in the IEEE8021-EVB-MIB's system objects
 * ({@code ieee8021BridgeEvbSys}) against the EVB TLV it sent on the wire.
 */
final class MibCheck {

    /** ieee8021BridgeEvbSys: ieee802dot1mibs (1.3.111.2.802.1.1) . evbMib 24 . objects 1 . sys 1 */
    static final String EVB_SYS = "1.3.111.2.802.1.1.24.1.1";

    /** The scalars compared, by their arc under {@link #EVB_SYS}, with the names of the MIB. */
    enum Scalar {
        SYS_TYPE(1, "ieee8021BridgeEvbSysType"),
        LLDP_TX_ENABLE(3, "ieee8021BridgeEvbSysEvbLldpTxEnable"),
        LLDP_MANUAL(4, "ieee8021BridgeEvbSysEvbLldpManual"),
        GID_CAPABLE(5, "ieee8021BridgeEvbSysEvbLldpGidCapable"),
        ECP_MAX_RETRIES(7, "ieee8021BridgeEvbSysEcpMaxRetries"),
        ECP_ACK_TIMER_EXP(11, "ieee8021BridgeEvbSysEcpDfltAckTimerExp"),
        VDP_RWD_EXP(12, "ieee8021BridgeEvbSysVdpDfltRsrcWaitDelayExp"),
        VDP_RKA_EXP(13, "ieee8021BridgeEvbSysVdpDfltReinitKeepAliveExp");

        final int arc;
        final String mibName;

        Scalar(int arc, String mibName) {
            this.arc = arc;
            this.mibName = mibName;
        }

        String oid() {
            return EVB_SYS + "." + arc + ".0";
        }
    }

    private MibCheck() {
    }

    /**
     * Concludes from a walk of {@link #EVB_SYS} ({@code walkError} null when it ended normally) and
     * the peer's last EVB TLV (null: none within the exchange).
     */
    static ProbeOutcome conclude(String agent, List<Snmp.Binding> walked, String walkError, EvbTlv wire) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("agent", agent);
        values.put("wire", wire == null ? "no EVB TLV" : EvbTlvText.evb(wire));
        Map<Scalar, Snmp.Binding> mib = new LinkedHashMap<>();
        List<String> rows = new ArrayList<>();
        for (Snmp.Binding b : walked) {
            Scalar s = scalar(b.oid());
            if (s != null) {
                mib.put(s, b);
            } else {
                rows.add(b.oid().substring(EVB_SYS.length() + 1) + " = " + b.value());
            }
        }
        if (walkError != null) {
            values.put("walk", walkError);
        }
        if (mib.isEmpty()) {
            if (walked.isEmpty() && walkError != null) {
                return new ProbeOutcome(Verdict.INCONCLUSIVE, "no EVB MIB read from " + agent + ": " + walkError, values);
            }
            values.put("objects", walked.size() + " under ieee8021BridgeEvbSys, none of its system scalars");
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "the agent at " + agent
                    + " shows no IEEE8021-EVB-MIB system objects", values);
        }
        List<String> differ = new ArrayList<>();
        int agree = 0;
        for (Map.Entry<Scalar, Snmp.Binding> e : mib.entrySet()) {
            Scalar s = e.getKey();
            String said = e.getValue().value();
            String wireSays = wireValue(s, wire);
            String key = s.name().toLowerCase().replace('_', '-');
            if (wireSays == null) {
                values.put(key, "MIB " + shown(s, said) + "; not shown on the wire");
                continue;
            }
            boolean same = wireSays.equals(said);
            values.put(key, "MIB " + shown(s, said) + ", wire " + shown(s, wireSays) + (same ? ": agrees" : ": DIFFERS"));
            if (same) {
                agree++;
            } else {
                differ.add(s.mibName + " " + shown(s, said) + " but the wire shows " + shown(s, wireSays));
            }
        }
        if (!rows.isEmpty()) {
            values.put("other-objects", String.join("; ", rows.subList(0, Math.min(rows.size(), 24)))
                    + (rows.size() > 24 ? "; ... (" + rows.size() + " in all)" : ""));
        }
        if (!differ.isEmpty()) {
            return new ProbeOutcome(Verdict.FAIL, "the switch's MIB contradicts the wire: " + String.join("; ", differ), values);
        }
        if (agree == 0) {
            return new ProbeOutcome(Verdict.INCONCLUSIVE, "nothing the MIB says can be checked on the wire", values);
        }
        return new ProbeOutcome(Verdict.PASS, "the EVB MIB agrees with the wire on " + agree + " object(s)", values);
    }

    private static Scalar scalar(String oid) {
        for (Scalar s : Scalar.values()) {
            if (s.oid().equals(oid)) {
                return s;
            }
        }
        return null;
    }

    /**
     * What the wire says for a scalar, in the MIB's encoding (INTEGER text; TruthValue 1 true,
     * 2 false), or null when the wire does not show it. The peer's R, RTE, RWD and RKA are its
     * own only when it did not take ours (our station TLV asks for the minimum of each).
     */
    static String wireValue(Scalar s, EvbTlv wire) {
        boolean bridge = wire != null && wire.evbMode() == EvbTlv.BRIDGE;
        switch (s) {
            case SYS_TYPE:
                return wire == null || (wire.evbMode() != EvbTlv.BRIDGE && wire.evbMode() != EvbTlv.STATION) ? null
                        : Integer.toString(wire.evbMode()); // evbBridge(1), evbStation(2): the TLV's own numbers
            case LLDP_TX_ENABLE:
                return wire == null ? "2" : "1";
            case GID_CAPABLE:
                return bridge ? (wire.bgid() ? "1" : "2") : null;
            case ECP_MAX_RETRIES:
                return bridge ? Integer.toString(wire.r()) : null;
            case ECP_ACK_TIMER_EXP:
                return bridge ? Integer.toString(wire.rte()) : null;
            case VDP_RWD_EXP:
                return bridge && !wire.rolRwd() ? Integer.toString(wire.rwd()) : null;
            case VDP_RKA_EXP:
                return bridge && !wire.rolRka() ? Integer.toString(wire.rka()) : null;
            default:
                return null;
        }
    }

    private static String shown(Scalar s, String v) {
        switch (s) {
            case SYS_TYPE:
                return "1".equals(v) ? "evbBridge(1)" : "2".equals(v) ? "evbStation(2)" : v;
            case LLDP_TX_ENABLE, LLDP_MANUAL, GID_CAPABLE:
                return "1".equals(v) ? "true" : "2".equals(v) ? "false" : v;
            default:
                return v;
        }
    }
}
