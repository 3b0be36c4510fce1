package org.openevb.vdp;

import org.openevb.codec.vdp.VsiTlv;

/**
 * A bridge port's view of one VSI, the columns of the EVB MIB's VSI table.
 *
 * @param vsi           the VSIID
 * @param managerId     the Manager ID TLV's 16 bytes
 * @param admitted      the request as admitted, with the VIDs the bridge assigned (status 0)
 * @param state         its state
 * @param lastCommand   the last command received for it
 * @param lastReason    the verdict on that command
 * @param lastHeardAt   clock value of the last request
 * @param expiresAt     clock value at which it is de-associated without a keep-alive
 * @param succeeded     requests admitted
 * @param failed        requests refused
 * @param lastHints     the migration hints of the last request: {@code STATUS_M_BIT}, {@code STATUS_S_BIT} or 0
 */
public record BridgeVsiStatus(VsiId vsi, byte[] managerId, VsiTlv admitted, VsiState state, VdpCommand lastCommand,
        VdpReason lastReason, long lastHeardAt, long expiresAt, long succeeded, long failed, int lastHints) {

    public BridgeVsiStatus {
        managerId = managerId.clone();
    }

    @Override
    public byte[] managerId() {
        return managerId.clone();
    }
}
