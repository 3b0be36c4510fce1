package org.openevb.vdp;

import org.openevb.ecp.EcpEntity;

/**
 * The operational R, RTE, RWD and RKA of a port (from the EVB TLV) and the VDP times derived from
 * them, as lldpad computes them and H3C documents them: the station waits
 * 1.5 × [(2R+1)·ackTimer + resourceWaitDelay] for an answer; the bridge de-associates after
 * 1.5 × [(2R+1)·ackTimer + reinitKeepAlive] without a request (toutKeepAlive).
 */
public record VdpTimers(int r, int rte, int rwd, int rka) {

    /** lldpad's and H3C's defaults: R 3, RTE 14 (lldpad's test configuration), RWD 20, RKA 20. */
    public static final VdpTimers DEFAULT = new VdpTimers(3, 14, 20, 20);

    public VdpTimers {
        if (r < 0 || r > EcpEntity.MAX_RETRIES) {
            throw new IllegalArgumentException("R out of range 0..7: " + r);
        }
        EcpEntity.timerNanos(rte);
        EcpEntity.timerNanos(rwd);
        EcpEntity.timerNanos(rka);
    }

    /** ECP's acknowledgement timer, 10 µs·2^RTE. */
    public long ackTimerNanos() {
        return EcpEntity.timerNanos(rte);
    }

    /** resourceWaitDelay, 10 µs·2^RWD. */
    public long resourceWaitDelayNanos() {
        return EcpEntity.timerNanos(rwd);
    }

    /** reinitKeepAlive, 10 µs·2^RKA: how often the station repeats an established command. */
    public long keepAliveNanos() {
        return EcpEntity.timerNanos(rka);
    }

    /** How long the station waits for the bridge's answer to a request. */
    public long responseWaitNanos() {
        return (3 * ((2L * r + 1) * ackTimerNanos() + resourceWaitDelayNanos())) / 2;
    }

    /** toutKeepAlive: how long the bridge keeps a VSI without hearing from the station. */
    public long toutKeepAliveNanos() {
        return (3 * ((2L * r + 1) * ackTimerNanos() + keepAliveNanos())) / 2;
    }
}
