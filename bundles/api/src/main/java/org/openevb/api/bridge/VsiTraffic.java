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
 *     counts frames from one of its MACs on a VID its filter does not have, {@code vsi-policed} those
 *     its policer dropped, {@code acl-deny} those an ACL denied (its type's, a port's or a VLAN's)
 * @param police its policer's rates as commands show them, empty when its type has none
 * @param aclIn the ACL of its type judging frames from it, empty for none
 * @param aclOut the ACL of its type judging frames to it, empty for none
 */
public record VsiTraffic(String bridge, String port, String vsiid, String enforcement, Counters<VsiCounter> counters,
        Counters<BridgeDropReason> drops, String police, String aclIn, String aclOut) {

    /** A VSI whose type applies no policy. */
    public VsiTraffic(String bridge, String port, String vsiid, String enforcement, Counters<VsiCounter> counters,
            Counters<BridgeDropReason> drops) {
        this(bridge, port, vsiid, enforcement, counters, drops, "", "", "");
    }
}
