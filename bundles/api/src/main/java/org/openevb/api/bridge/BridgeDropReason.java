package org.openevb.api.bridge;

import org.openevb.api.view.Counter;

/** Why a bridge dropped a frame it received. */
public enum BridgeDropReason implements Counter {
    MODE_UNAVAILABLE("the configured mode is not available"),
    MALFORMED("shorter than an Ethernet header, or a truncated tag"),
    VLAN_INGRESS("the frame's VLAN is not allowed on the ingress port"),
    LINK_LOCAL("a link-local control frame (01-80-C2-00-00-0x) that no protocol on the port consumed"),
    NO_EGRESS("no port to send it to (filtered, unknown destination, or its own port)"),
    VSI_UNASSOCIATED("vsi.enforcement enforce: its (source MAC, VID) matches no VSI associated on the port"),
    ISOLATED("from an isolated port, its only destinations were isolated ports or the port itself"),
    ACL_DENY("an ACL bound to the ingress or egress port denied it (a rule, or its default action)"),
    ACL_UNAVAILABLE("the ACL bound to the port has no valid rule set (missing, never valid, or no ACL service)"),
    VSI_POLICED("above the rate of the policer of the VSI it came from (its VSI type's police.* keys)");

    private final String description;

    BridgeDropReason(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    /** The name used in JSON and tables, e.g. {@code mode-unavailable}. */
    @Override
    public String key() {
        return Counter.keyOf(this);
    }
}
