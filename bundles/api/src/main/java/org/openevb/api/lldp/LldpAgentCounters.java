package org.openevb.api.lldp;

import org.openevb.api.view.Counters;

/**
 * An agent's counters, named after 802.1AB's statistics.
 *
 * @param framesOut LLDPDUs sent
 * @param shutdownsOut shutdown LLDPDUs (TTL 0) sent
 * @param framesIn LLDPDUs received and accepted
 * @param framesDiscarded LLDPDUs received and dropped as malformed
 * @param tlvsUnrecognized TLVs received that no one here decodes (kept, shown raw)
 * @param ageouts neighbours removed because their TTL ran out
 * @param inserts neighbours added
 * @param deletes neighbours removed (age-out, shutdown, or the agent stopping)
 * @param tooManyNeighbours LLDPDUs from a new neighbour dropped because the table was full
 * @param looped our own LLDPDUs that came back (a bridge reflected them instead of consuming them)
 */
public record LldpAgentCounters(long framesOut, long shutdownsOut, long framesIn, long framesDiscarded,
        long tlvsUnrecognized, long ageouts, long inserts, long deletes, long tooManyNeighbours, long looped) {

    /** The counters as a named set, for an exporter. */
    public Counters<LldpAgentCounter> asCounters() {
        return Counters.of(LldpAgentCounter.class, c -> switch (c) {
            case FRAMES_OUT -> framesOut;
            case SHUTDOWNS_OUT -> shutdownsOut;
            case FRAMES_IN -> framesIn;
            case FRAMES_DISCARDED -> framesDiscarded;
            case TLVS_UNRECOGNIZED -> tlvsUnrecognized;
            case AGEOUTS -> ageouts;
            case INSERTS -> inserts;
            case DELETES -> deletes;
            case TOO_MANY_NEIGHBOURS -> tooManyNeighbours;
            case LOOPED -> looped;
        });
    }
}
