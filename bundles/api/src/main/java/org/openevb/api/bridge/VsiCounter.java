package org.openevb.api.bridge;

import org.openevb.api.view.Counter;

/** What a bridge counts per associated VSI on a port where VDP runs in the bridge role. */
public enum VsiCounter implements Counter {
    FRAMES_IN("frames received from the VSI: their (source MAC, VID) matched its filter"),
    BYTES_IN("bytes of those frames"),
    FRAMES_OUT("frames sent to the VSI: unicast to one of its filter's (MAC, VID), or on a VID-only filter's VID"),
    BYTES_OUT("bytes of those frames"),
    FRAMES_OUT_DENIED("frames to the VSI that its VSI type's acl.out denied (or whose ACL had no valid rule set)");

    private final String description;

    VsiCounter(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String key() {
        return Counter.keyOf(this);
    }
}
