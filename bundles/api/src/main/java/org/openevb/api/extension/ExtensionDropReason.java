package org.openevb.api.extension;

import org.openevb.api.view.Counter;

/** Why a port extender or a controlling bridge dropped a frame on a cascade link. */
public enum ExtensionDropReason implements Counter {
    MALFORMED("shorter than an Ethernet header, or a truncated tag"),
    UNTAGGED("no E-Tag or VN-Tag where one is required"),
    WRONG_FORMAT("tagged in the other format (E-Tag vs VN-Tag) than the link is configured for"),
    WRONG_DIRECTION("a downstream tag travelling up, or an upstream one travelling down"),
    UNKNOWN_ECID("point-to-point E-CID or vif assigned to no port"),
    UNKNOWN_GROUP("multicast E-CID or vif list assigned to no group"),
    OUT_OF_RANGE("a cascaded extender sent an E-CID outside the range configured below it"),
    NO_CARRIER("the port to send on is missing or refused the frame");

    private final String description;

    ExtensionDropReason(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    /** The name used in JSON and tables, e.g. {@code unknown-ecid}. */
    @Override
    public String key() {
        return Counter.keyOf(this);
    }
}
