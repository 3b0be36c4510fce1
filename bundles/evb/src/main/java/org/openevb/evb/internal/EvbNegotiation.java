package org.openevb.evb.internal;

import org.openevb.codec.lldp.EvbTlv;

/**
 * The EVB TLV "negotiation" of 802.1Qbg: stateless, recomputed from the local settings and the
 * peer's last TLV each time either changes. The bridge turns reflective relay on (RRCTR) when it
 * can (RRCAP) and the station asks (RRREQ); the station reports it (RRSTAT) once it sees RRCTR.
 * Each side copies the other's status byte; R, RTE, RWD and RKA are the larger of both sides,
 * with ROL set when the remote value is the one used.
 */
final class EvbNegotiation {
    private EvbNegotiation() {
    }

    /** The TLV to send, given our settings and the peer's TLV (null: none yet). */
    static EvbTlv local(EvbSettings s, EvbTlv remote) {
        int r = s.r();
        int rte = s.rte();
        int rwd = s.rwd();
        int rka = s.rka();
        boolean rolRwd = false;
        boolean rolRka = false;
        if (remote != null) {
            r = Math.max(r, remote.r());
            rte = Math.max(rte, remote.rte());
            // as lldpad does: ROL when the remote value is at least ours
            if (remote.rwd() >= rwd) {
                rwd = remote.rwd();
                rolRwd = true;
            }
            if (remote.rka() >= rka) {
                rka = remote.rka();
                rolRka = true;
            }
        }
        if (s.bridge()) {
            boolean rrctr = s.reflectiveRelay() && remote != null && remote.rrreq();
            boolean sgid = remote != null && remote.sgid();
            boolean rrreq = remote != null && remote.rrreq();
            int rrstat = remote == null ? EvbTlv.RRSTAT_NO : remote.rrstat();
            return new EvbTlv(s.groupIds(), s.reflectiveRelay(), rrctr, sgid, rrreq, rrstat, r, rte, EvbTlv.BRIDGE,
                    rolRwd, rwd, rolRka, rka);
        }
        boolean bgid = remote != null && remote.bgid();
        boolean rrcap = remote != null && remote.rrcap();
        boolean rrctr = remote != null && remote.rrctr();
        int rrstat = remote == null ? EvbTlv.RRSTAT_UNKNOWN : rrctr ? EvbTlv.RRSTAT_YES : EvbTlv.RRSTAT_NO;
        return new EvbTlv(bgid, rrcap, rrctr, s.groupIds(), s.reflectiveRelay(), rrstat, r, rte, EvbTlv.STATION,
                rolRwd, rwd, rolRka, rka);
    }

    /**
     * Why EVB does not run on the port at all, or null when it does. A port declared a member of a
     * link aggregation is refused, as switches that do not run EVB on aggregated ports refuse it
     * (HPE/H3C Comware 7 documents that limit): nothing is sent, the peer's TLV is not used.
     */
    static String refusal(EvbSettings s, String port) {
        return s.lagMember(port) ? "refused: link-aggregation member (lag.members)" : null;
    }

    /** Whether the peer's TLV is one to negotiate with (it has the other role), else why not. */
    static String usable(EvbSettings s, EvbTlv remote) {
        int expected = s.bridge() ? EvbTlv.STATION : EvbTlv.BRIDGE;
        if (remote.evbMode() == expected) {
            return null;
        }
        return remote.evbMode() == (s.bridge() ? EvbTlv.BRIDGE : EvbTlv.STATION)
                ? "the peer is also a " + s.role()
                : "the peer's EVB mode is " + remote.evbMode() + " (not " + (s.bridge() ? "station" : "bridge") + ")";
    }

    /** Reflective relay as decided: the bridge's RRCTR, or the station's RRSTAT enabled. */
    static boolean reflectiveRelay(EvbSettings s, EvbTlv local) {
        return s.bridge() ? local.rrctr() : local.rrstat() == EvbTlv.RRSTAT_YES;
    }
}
