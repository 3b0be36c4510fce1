package org.openevb.api.vdp;

import org.openevb.api.policy.PoliceRates;

/**
 * What a bridge applies to the frames of a VSI, from its VSI type in the type database: its own
 * ingress policer and its ACLs, by name.
 *
 * @param police the VSI's ingress policer, null for none
 * @param aclIn the ACL that judges frames from the VSI, empty for none
 * @param aclOut the ACL that judges frames the bridge sends to the VSI (unicast to one of its
 *     filter's MACs, or anything on a VID-only filter's VID), empty for none
 */
public record VsiPolicy(PoliceRates police, String aclIn, String aclOut) {

    /** Nothing applied. */
    public static final VsiPolicy NONE = new VsiPolicy(null, "", "");

    public VsiPolicy {
        aclIn = aclIn == null ? "" : aclIn;
        aclOut = aclOut == null ? "" : aclOut;
    }

    /** Whether it applies anything. */
    public boolean isEmpty() {
        return police == null && aclIn.isEmpty() && aclOut.isEmpty();
    }
}
