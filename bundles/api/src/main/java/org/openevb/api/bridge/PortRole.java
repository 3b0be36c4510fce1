package org.openevb.api.bridge;

/** What a port is to its bridge. */
public enum PortRole {
    /** A port of an 802.1Q bridge (bridge side), possibly with reflective relay. */
    BRIDGE,
    /** The uplink of an edge relay (station side), towards the adjacent bridge. */
    UPLINK,
    /** A VM-facing port of an edge relay (station side). */
    VSI
}
