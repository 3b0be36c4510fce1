package org.openevb.api.vdp;

import org.openevb.api.view.Counters;

/**
 * ECP and VDP on one port.
 *
 * @param port the port's name
 * @param role {@code station} or {@code bridge}
 * @param r ECP maximum retransmissions in use
 * @param rte ECP acknowledgement timer exponent in use
 * @param ackTimerMicros that timer, 10 µs × 2^rte
 * @param rwd VDP resource wait delay exponent in use
 * @param rka VDP keep-alive exponent in use
 * @param outstanding whether a request waits for its acknowledgement
 * @param queued requests waiting behind it
 * @param vsis VSIs the port holds (bridge) or has been told about (station)
 * @param ecp the ECP entity's counters
 * @param vdp the VDP role's counters
 */
public record VdpPortView(String port, String role, int r, int rte, long ackTimerMicros, int rwd, int rka,
        boolean outstanding, int queued, int vsis, Counters<EcpCounter> ecp, Counters<VdpCounter> vdp) {
}
