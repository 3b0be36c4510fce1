package org.openevb.vdp;

import org.openevb.codec.vdp.VsiTlv;

/**
 * Why the bridge admits or refuses a request, with the status code the ratified VSI TLV carries
 * for it. The 2012 code table (0-5) is smaller than these reasons: an unknown type, a version the
 * type lacks and an out-of-sync request all travel as "other failure" (the pre-standard VDP had
 * codes of their own); the bridge keeps the precise reason in its counters. Hard: asking again
 * will not help.
 */
public enum VdpReason {
    ACCEPTED(VsiTlv.SUCCESS, false),
    /** A VSIID or filter the standard does not allow (or group IDs that were not negotiated). */
    INVALID_FORMAT(VsiTlv.INVALID_FORMAT, true),
    /** The port holds as many VSIs as it may. */
    INSUFFICIENT_RESOURCES(VsiTlv.INSUFFICIENT_RESOURCES, false),
    /** No version of this VSI type exists. */
    UNKNOWN_TYPE_ID(VsiTlv.OTHER_FAILURE, true),
    /** The type exists, this version of it does not. */
    TYPE_VERSION_VIOLATION(VsiTlv.OTHER_FAILURE, true),
    /** A VID the type does not allow, or a VID of 0 for a type without VLANs. */
    VID_NOT_ALLOWED(VsiTlv.INVALID_VID_GROUP_OR_MAC, true),
    /** A MAC the type does not allow. */
    MAC_NOT_ALLOWED(VsiTlv.INVALID_VID_GROUP_OR_MAC, true),
    /** A MAC another VSI holds, on this port or another. */
    MAC_IN_USE(VsiTlv.INVALID_VID_GROUP_OR_MAC, false),
    /** An Associate for a VSI associated on another port, without the migrate-to (M) hint. */
    OUT_OF_SYNC(VsiTlv.OTHER_FAILURE, false);

    private final int code;
    private final boolean hard;

    VdpReason(int code, boolean hard) {
        this.code = code;
        this.hard = hard;
    }

    /** The status code of the response. */
    public int code() {
        return code;
    }

    /** Whether the response carries the Hard bit. */
    public boolean hard() {
        return hard;
    }
}
