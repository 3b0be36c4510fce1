package org.openevb.api.mirror;

import org.openevb.api.view.Counter;

/** What a mirror counts: one set per mirror, read as a snapshot. */
public enum MirrorCounter implements Counter {
    MIRRORED("copies sent out of the mirror port"),
    MIRRORED_BYTES("bytes of those copies"),
    QUEUE_FULL("copies dropped because the mirror's queue was full: the mirror port could not keep up"),
    TOO_LONG("frames longer than the mirror's max.frame.size: not copied"),
    NOT_IN_VLANS("frames outside the mirror's vlans: not copied"),
    FILTERED("copies the mirror's filter ACL did not permit (or while that ACL had no valid rules): not sent"),
    SEND_FAILED("copies the mirror port did not send (down, or its driver refused them)");

    private final String description;

    MirrorCounter(String description) {
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
