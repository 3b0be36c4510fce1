package org.openevb.api.evb;

import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;

/**
 * The EVB TLV exchange on one port.
 *
 * @param port the port's name
 * @param role {@code station} or {@code bridge}
 * @param state {@code negotiated}, {@code waiting} (no EVB TLV from the peer), or why the peer's
 *     TLV is not used (e.g. it has the same role)
 * @param local the TLV this side sends now
 * @param remote the peer's last TLV, or null
 * @param remotePreStandard the peer's pre-standard (00-1B-3F) EVB TLV, or null; shown, not negotiated
 * @param peer the peer's LLDP identity (chassis/port), or empty
 * @param reflectiveRelay bridge: reflective relay on for the port (RRCTR); station: granted by
 *     the bridge (RRSTAT enabled)
 * @param r ECP maximum retries in use (the larger of both sides)
 * @param rte ECP retransmission timer exponent in use
 * @param rwd VDP resource wait delay exponent in use
 * @param rka VDP reinit keep-alive exponent in use
 * @param groupIds whether VDP group IDs are used (both BGID and SGID)
 * @param remoteTlvs EVB TLVs received from peers
 * @param malformedTlvs EVB and pre-standard EVB TLVs received that did not decode; the last good
 *     TLV stays in use
 * @param changes times the decided reflective relay changed
 */
public record EvbPortStatus(String port, String role, String state, EvbTlv local, EvbTlv remote,
        PreStandardEvbTlv remotePreStandard, String peer, boolean reflectiveRelay, int r, int rte, int rwd, int rka,
        boolean groupIds, long remoteTlvs, long malformedTlvs, long changes) {
}
