package org.openevb.api.lldp;

import org.openevb.api.view.Counter;

/** An LLDP agent's counters, as a named set (see {@link LldpAgentCounters}). */
public enum LldpAgentCounter implements Counter {
    FRAMES_OUT("LLDPDUs sent"),
    SHUTDOWNS_OUT("shutdown LLDPDUs (TTL 0) sent"),
    FRAMES_IN("LLDPDUs received and accepted"),
    FRAMES_DISCARDED("LLDPDUs received and dropped as malformed"),
    TLVS_UNRECOGNIZED("TLVs received that no one here decodes"),
    AGEOUTS("neighbours removed because their TTL ran out"),
    INSERTS("neighbours added"),
    DELETES("neighbours removed"),
    TOO_MANY_NEIGHBOURS("LLDPDUs from a new neighbour dropped because the table was full"),
    LOOPED("our own LLDPDUs that came back");

    private final String description;

    LldpAgentCounter(String description) {
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
