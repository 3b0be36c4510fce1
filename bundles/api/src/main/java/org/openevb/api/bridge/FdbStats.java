package org.openevb.api.bridge;

import org.openevb.api.view.Counters;

/**
 * Counters of a bridge's filtering database.
 *
 * @param entries entries now
 * @param maxEntries the configured bound; when full, new sources are not learned
 * @param learned sources learned since the bridge started
 * @param moves sources seen again on another port
 * @param refusedFull sources not learned because the table was full (their frames were still forwarded)
 * @param aged entries removed by aging
 */
public record FdbStats(int entries, int maxEntries, long learned, long moves, long refusedFull, long aged) {

    /** The counters (not the sizes) as a named set, for an exporter. */
    public Counters<FdbCounter> asCounters() {
        return Counters.of(FdbCounter.class, c -> switch (c) {
            case LEARNED -> learned;
            case MOVES -> moves;
            case REFUSED_FULL -> refusedFull;
            case AGED -> aged;
        });
    }
}
