package org.openevb.vdp;

import org.openevb.codec.vdp.VsiTlv;

/**
 * The status of a bridge's answer as the station shows it: the error code and the Keep and Hard
 * bits.
 */
public record VdpResponse(int code, boolean keep, boolean hard) {

    public static final VdpResponse SUCCESS = new VdpResponse(0, false, false);

    /** The response fields of a VSI TLV's status byte. */
    public static VdpResponse of(VsiTlv tlv) {
        return new VdpResponse(tlv.errorCode(), tlv.keep(), tlv.hardError());
    }

    public boolean success() {
        return code == VsiTlv.SUCCESS;
    }

    /** The meaning of the code (802.1Qbg-2012, as lldpad and Wireshark read it). */
    public String reason() {
        return switch (code) {
            case VsiTlv.SUCCESS -> "success";
            case VsiTlv.INVALID_FORMAT -> "invalid format";
            case VsiTlv.INSUFFICIENT_RESOURCES -> "insufficient resources";
            case VsiTlv.UNABLE_TO_CONTACT_VSI_MANAGER -> "unable to contact VSI manager";
            case VsiTlv.OTHER_FAILURE -> "other failure";
            case VsiTlv.INVALID_VID_GROUP_OR_MAC -> "invalid VID, GroupID or MAC";
            default -> "reserved code " + code;
        };
    }

    @Override
    public String toString() {
        return reason() + (keep ? " keep" : "") + (hard ? " hard" : "");
    }
}
