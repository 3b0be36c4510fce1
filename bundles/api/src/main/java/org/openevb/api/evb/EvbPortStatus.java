package org.openevb.api.evb;

import org.openevb.api.view.Counters;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;

/**
 * The EVB TLV exchange on one port.
 *
 * @param port the port's name
 * @param role {@code station} or {@code bridge}
 * @param state {@code negotiated}, {@code waiting} (no EVB TLV from the peer), or why the peer's
 *     TLV is not used (e.g. it has the same role), or {@code refused: ...} when the configuration
 *     refuses EVB on the port (a link-aggregation member)
 * @param local the TLV this side sends now
 * @param remote the peer's last TLV, or null
 * @param remotePreStandard the peer's pre-standard (00-1B-3F) EVB TLV, or null; shown, not negotiated
 * @param peer the peer's LLDP identity (chassis/port), or empty
 * @param reflectiveRelay bridge: reflective relay on for the port (RRCTR); station: granted by
 *     the bridge (RRSTAT enabled)
 * @param r ECP maximum retries in use (the larger of both sides)
 * @param rte ECP retransmission timer exponent in use
 * @param rteMicros that timer in microseconds (10 µs × 2^rte)
 * @param rwd VDP resource wait delay exponent in use
 * @param rwdMicros that delay in microseconds
 * @param rka VDP reinit keep-alive exponent in use
 * @param rkaMicros that keep-alive in microseconds
 * @param groupIds whether VDP group IDs are used (both BGID and SGID)
 * @param remoteTlvs EVB TLVs received from peers
 * @param malformedTlvs EVB and pre-standard EVB TLVs received that did not decode; the last good
 *     TLV stays in use
 * @param changes times the decided reflective relay changed
 * @param vdp whether ECP and VDP may run on the port once the TLV is negotiated ({@code false}:
 *     configured without them, as a switch without VDP)
 */
public record EvbPortStatus(String port, String role, String state, EvbTlv local, EvbTlv remote,
        PreStandardEvbTlv remotePreStandard, String peer, boolean reflectiveRelay, int r, int rte, long rteMicros,
        int rwd, long rwdMicros, int rka, long rkaMicros, boolean groupIds, long remoteTlvs, long malformedTlvs,
        long changes, boolean vdp) {

    /** The status, with the times in microseconds computed from their exponents. */
    public EvbPortStatus(String port, String role, String state, EvbTlv local, EvbTlv remote,
            PreStandardEvbTlv remotePreStandard, String peer, boolean reflectiveRelay, int r, int rte, int rwd, int rka,
            boolean groupIds, long remoteTlvs, long malformedTlvs, long changes, boolean vdp) {
        this(port, role, state, local, remote, remotePreStandard, peer, reflectiveRelay, r, rte, micros(rte), rwd,
                micros(rwd), rka, micros(rka), groupIds, remoteTlvs, malformedTlvs, changes, vdp);
    }

    /** The status of a port where ECP and VDP may run, with the times computed from their exponents. */
    public EvbPortStatus(String port, String role, String state, EvbTlv local, EvbTlv remote,
            PreStandardEvbTlv remotePreStandard, String peer, boolean reflectiveRelay, int r, int rte, int rwd, int rka,
            boolean groupIds, long remoteTlvs, long malformedTlvs, long changes) {
        this(port, role, state, local, remote, remotePreStandard, peer, reflectiveRelay, r, rte, rwd, rka, groupIds,
                remoteTlvs, malformedTlvs, changes, true);
    }

    /** The counters as a named set, for an exporter. */
    public Counters<EvbCounter> asCounters() {
        return Counters.of(EvbCounter.class, c -> switch (c) {
            case REMOTE_TLVS -> remoteTlvs;
            case MALFORMED_TLVS -> malformedTlvs;
            case CHANGES -> changes;
        });
    }

    private static long micros(int exponent) {
        return EvbTlv.exponentToDuration(exponent).toNanos() / 1000;
    }
}
