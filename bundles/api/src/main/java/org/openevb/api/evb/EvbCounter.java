package org.openevb.api.evb;

import org.openevb.api.view.Counter;

/** The counters of the EVB TLV exchange on a port, as a named set (see {@link EvbPortStatus}). */
public enum EvbCounter implements Counter {
    REMOTE_TLVS("EVB TLVs received from peers"),
    MALFORMED_TLVS("EVB and pre-standard EVB TLVs received that did not decode"),
    CHANGES("times the decided reflective relay changed");

    private final String description;

    EvbCounter(String description) {
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
