package org.openevb.api.bridge;

import org.openevb.api.view.Counter;

/** The counters of a bridge's filtering database, as a named set (see {@link FdbStats}). */
public enum FdbCounter implements Counter {
    LEARNED("sources learned since the bridge started"),
    MOVES("sources seen again on another port"),
    REFUSED_FULL("sources not learned because the table was full (their frames were still forwarded)"),
    AGED("entries removed by aging");

    private final String description;

    FdbCounter(String description) {
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
