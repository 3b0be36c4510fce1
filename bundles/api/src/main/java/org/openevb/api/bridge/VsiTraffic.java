package org.openevb.api.bridge;

import org.openevb.api.view.Counters;

/**
 * The data path's counters of one VSI associated on a bridge port, since its association.
 *
 * @param bridge the bridge
 * @param port the port it is associated on
 * @param vsiid its VSIID as {@code format:value}, as {@link org.openevb.api.vdp.AssociatedVsi} names it
 * @param enforcement the bridge's {@code vsi.enforcement}: {@code enforce} or {@code count-only}
 * @param counters frames and bytes in and out
 * @param drops frames from the VSI dropped, per reason (every reason present): {@code vsi-unassociated}
 *     counts frames from one of its MACs on a VID its filter does not have
 */
public record VsiTraffic(String bridge, String port, String vsiid, String enforcement, Counters<VsiCounter> counters,
        Counters<BridgeDropReason> drops) {
}
