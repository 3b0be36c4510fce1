package org.openevb.api.vdp;

import org.openevb.api.view.Counter;

/** What a port's VDP role counts; each role uses its own part of the set. */
public enum VdpCounter implements Counter {
    REQUESTS_SENT("station: requests sent for a command"),
    KEEP_ALIVES_SENT("station: an established command sent again as a keep-alive"),
    SUCCEEDED("station: answers with code 0"),
    FAILED("station: answers with an error code (Keep or not)"),
    TIMEOUTS("station: no answer within the response wait"),
    ECP_GAVE_UP("station: ECP gave up on the request"),
    BRIDGE_DEASSOCIATED("station: the bridge de-associated a VSI on its own"),
    ANNOUNCEMENTS_SENT("station: RARP announcements sent for migrated VSIs' MACs (one per MAC and round)"),
    ANNOUNCEMENTS_NOT_RELAYED("station: of those, announcements of a VSI attached to an edge relay port that no "
            + "running bridge has: not sent"),
    REQUESTS_RECEIVED("bridge: VSI requests received"),
    ACCEPTED("bridge: requests admitted (keep-alives included)"),
    REFUSED("bridge: requests refused"),
    KEEP_ALIVES_RECEIVED("bridge: requests repeating the VSI's current state and content"),
    KEEP_ALIVE_TIMEOUTS("bridge: VSIs de-associated because no request came within toutKeepAlive"),
    DEASSOCIATED_BY_BRIDGE("bridge: VSIs de-associated by the bridge (an operator, a policy change)"),
    MALFORMED("PDUs that do not decode: counted and dropped, nothing answered"),
    UNEXPECTED("well-formed TLVs that fit no exchange: a request at a station, a response at a bridge, a late answer");

    private final String description;

    VdpCounter(String description) {
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
