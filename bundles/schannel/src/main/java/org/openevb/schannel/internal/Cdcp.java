package org.openevb.schannel.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChannelPair;

/**
 * CDCP (802.1Qbg clause 42.4), recomputed from the configuration and the peer's last TLV each
 * time either changes. The station asks for SCIDs (S-VID 0 until assigned); the bridge assigns
 * S-VIDs from its pool to the SCIDs it is asked for and keeps an assignment while the station
 * keeps asking; a channel is up when both sides list the same SCID with the same S-VID. The
 * default channel 1:1 is always up.
 */
final class Cdcp {
    private Cdcp() {
    }

    /**
     * What one computation decided.
     *
     * @param local the TLV to send (null without CDCP)
     * @param up channels agreed by both sides, SCID → S-VID, the default one included
     * @param pending channels asked for or assigned but not agreed yet, SCID → S-VID (0: none yet)
     * @param problems what went wrong, for the operator (empty when all is well)
     */
    record Outcome(CdcpTlv local, Map<Integer, Integer> up, Map<Integer, Integer> pending, List<String> problems) {
    }

    /**
     * Why CDCP does not run on the port although it could, or null: QinQ configured on the port,
     * which switches such as HPE/H3C Comware 7 document as not combinable with CDCP.
     */
    static String refusal(SChannelSettings s) {
        return s.qinq() ? "CDCP refused: QinQ is configured on the port (qinq)" : null;
    }

    /**
     * Whether the component's channels are access ports (no C-tagged frames): manual channels
     * (no CDCP) with {@code manual.channels = access}, as Comware 7 makes them; channels CDCP
     * created are trunks.
     */
    static boolean access(SChannelSettings s) {
        return !s.cdcp() && s.manualAccess();
    }

    /** Channels fixed by configuration: all up. */
    static Outcome fixed(SChannelSettings s) {
        Map<Integer, Integer> up = new TreeMap<>(s.channels());
        up.put(SChannelSettings.DEFAULT_SCID, SChannelSettings.DEFAULT_SVID);
        return new Outcome(null, up, Map.of(), List.of());
    }

    static Outcome station(SChannelSettings s, CdcpTlv remote) {
        List<String> problems = new ArrayList<>();
        Map<Integer, Integer> assigned = new HashMap<>();
        if (remote != null) {
            if (remote.isStation()) {
                problems.add("the peer is also a station (CDCP role S); no channels assigned");
            } else {
                Map<Integer, Integer> svidOwner = new HashMap<>();
                for (ChannelPair p : remote.pairs()) {
                    if (p.scid() == SChannelSettings.DEFAULT_SCID || p.svid() == 0) {
                        continue;
                    }
                    Integer other = svidOwner.put(p.svid(), p.scid());
                    if (other != null) {
                        problems.add("the bridge assigned S-VID " + p.svid() + " to SCIDs " + other + " and " + p.scid());
                        assigned.remove(other);
                        continue;
                    }
                    assigned.put(p.scid(), p.svid());
                }
            }
        }
        List<ChannelPair> pairs = new ArrayList<>();
        pairs.add(new ChannelPair(SChannelSettings.DEFAULT_SCID, SChannelSettings.DEFAULT_SVID));
        Map<Integer, Integer> up = new TreeMap<>();
        Map<Integer, Integer> pending = new TreeMap<>();
        up.put(SChannelSettings.DEFAULT_SCID, SChannelSettings.DEFAULT_SVID);
        for (int scid : new TreeMap<>(s.channels()).keySet()) {
            int svid = assigned.getOrDefault(scid, 0);
            pairs.add(new ChannelPair(scid, svid));
            if (svid != 0) {
                up.put(scid, svid);
            } else {
                pending.put(scid, 0);
            }
        }
        CdcpTlv local = new CdcpTlv(CdcpTlv.ROLE_STATION, true, s.capacity(), pairs);
        return new Outcome(local, up, pending, problems);
    }

    /**
     * @param allocation the bridge's assignments SCID → S-VID, kept between calls and updated here
     */
    static Outcome bridge(SChannelSettings s, CdcpTlv remote, Map<Integer, Integer> allocation) {
        List<String> problems = new ArrayList<>();
        Map<Integer, Integer> asked = new TreeMap<>();
        int remoteCapacity = 0;
        if (remote == null) {
            allocation.clear();
        } else if (!remote.isStation()) {
            problems.add("the peer is also a bridge (CDCP role B); no channels assigned");
            allocation.clear();
        } else {
            remoteCapacity = remote.chnCap();
            for (ChannelPair p : remote.pairs()) {
                if (p.scid() == 0) {
                    problems.add("the station asked for SCID 0, which is reserved");
                } else if (p.scid() == SChannelSettings.DEFAULT_SCID) {
                    if (p.svid() != SChannelSettings.DEFAULT_SVID) {
                        problems.add("the station lists the default channel as 1:" + p.svid() + ", not 1:1");
                    }
                } else if (asked.put(p.scid(), p.svid()) != null) {
                    problems.add("the station lists SCID " + p.scid() + " twice");
                }
            }
        }
        allocation.keySet().retainAll(asked.keySet());
        int room = Math.min(s.capacity(), remoteCapacity) - 1;
        for (int scid : asked.keySet()) {
            if (allocation.containsKey(scid)) {
                continue;
            }
            if (allocation.size() >= room) {
                problems.add("channel capacity " + (room + 1) + " reached: SCID " + scid + " not assigned");
                continue;
            }
            int svid = free(s, allocation);
            if (svid < 0) {
                problems.add("S-VID pool " + s.poolLow() + "-" + s.poolHigh() + " exhausted: SCID " + scid + " not assigned");
                continue;
            }
            allocation.put(scid, svid);
        }
        List<ChannelPair> pairs = new ArrayList<>();
        pairs.add(new ChannelPair(SChannelSettings.DEFAULT_SCID, SChannelSettings.DEFAULT_SVID));
        Map<Integer, Integer> up = new TreeMap<>();
        Map<Integer, Integer> pending = new TreeMap<>();
        up.put(SChannelSettings.DEFAULT_SCID, SChannelSettings.DEFAULT_SVID);
        for (Map.Entry<Integer, Integer> a : new TreeMap<>(allocation).entrySet()) {
            pairs.add(new ChannelPair(a.getKey(), a.getValue()));
            if (a.getValue().equals(asked.get(a.getKey()))) {
                up.put(a.getKey(), a.getValue());
            } else {
                pending.put(a.getKey(), a.getValue());
            }
        }
        CdcpTlv local = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, s.capacity(), pairs);
        return new Outcome(local, up, pending, problems);
    }

    /** The lowest S-VID of the pool not assigned yet, or -1. */
    private static int free(SChannelSettings s, Map<Integer, Integer> allocation) {
        Set<Integer> used = new HashSet<>(allocation.values());
        for (int v = s.poolLow(); v <= s.poolHigh(); v++) {
            if (v != SChannelSettings.DEFAULT_SVID && !used.contains(v)) {
                return v;
            }
        }
        return -1;
    }
}
