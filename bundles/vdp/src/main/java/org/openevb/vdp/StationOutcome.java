package org.openevb.vdp;

/** How a station's last exchange for a VSI ended, beyond the bridge's status byte. */
public enum StationOutcome {
    /** No exchange yet. */
    NONE,
    /** Waiting for the answer. */
    PENDING,
    /** Answered with code 0. */
    SUCCESS,
    /** Refused with the Keep bit: the previous state stands. */
    KEPT,
    /** Refused without Keep: the VSI is de-associated. */
    REFUSED,
    /** No answer within the response wait: de-associated. */
    TIMEOUT,
    /** ECP gave up on the request after R retransmissions: de-associated. */
    ECP_GAVE_UP,
    /** The bridge sent a De-Associate of its own. */
    BRIDGE_DEASSOCIATED
}
