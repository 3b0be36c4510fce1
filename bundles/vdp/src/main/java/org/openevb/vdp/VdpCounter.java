package org.openevb.vdp;

/** What a port's VDP role counts; each role uses its own part of the set. */
public enum VdpCounter {
    // station
    /** Station: requests sent for a command. */
    REQUESTS_SENT,
    /** Station: an established command sent again as a keep-alive. */
    KEEP_ALIVES_SENT,
    /** Station: answers with code 0. */
    SUCCEEDED,
    /** Station: answers with an error code (Keep or not). */
    FAILED,
    /** Station: no answer within the response wait. */
    TIMEOUTS,
    /** Station: ECP gave up on the request. */
    ECP_GAVE_UP,
    /** Station: the bridge de-associated a VSI on its own. */
    BRIDGE_DEASSOCIATED,
    // bridge
    /** Bridge: VSI requests received. */
    REQUESTS_RECEIVED,
    /** Bridge: requests admitted (keep-alives included). */
    ACCEPTED,
    /** Bridge: requests refused (by reason: {@link VdpBridge#refusals()}). */
    REFUSED,
    /** Bridge: requests repeating the VSI's current state and content. */
    KEEP_ALIVES_RECEIVED,
    /** Bridge: VSIs de-associated because no request came within toutKeepAlive. */
    KEEP_ALIVE_TIMEOUTS,
    /** Bridge: VSIs de-associated by the bridge (an operator, a policy change). */
    DEASSOCIATED_BY_BRIDGE,
    // both
    /** PDUs that do not decode: counted and dropped, nothing answered. */
    MALFORMED,
    /** Well-formed TLVs that fit no exchange: a request at a station, a response at a bridge, a late answer. */
    UNEXPECTED
}
