package org.openevb.api.schannel;

import org.openevb.api.view.Counter;

/** Why an S-VLAN component dropped a frame it received. */
public enum SChannelDropReason implements Counter {
    UNTAGGED("no S-tag (untagged or C-tag only) on a channelized port"),
    UNKNOWN_SVID("an S-VID that is not a channel that is up"),
    STACKED_S_TAG("a second S-tag inside the channel's"),
    MALFORMED("shorter than an S-tagged Ethernet header, or a truncated tag"),
    MALFORMED_CDCP("a CDCP TLV that does not decode (the last good one stays in use)"),
    C_TAGGED_ON_ACCESS("a C-tagged frame, received or to be sent, on a manual channel that is an access port");

    private final String description;

    SChannelDropReason(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    /** The name used in JSON and tables, e.g. {@code unknown-svid}. */
    @Override
    public String key() {
        return Counter.keyOf(this);
    }
}
