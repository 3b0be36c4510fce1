package org.openevb.vdp;

import org.openevb.codec.vdp.VdpTlv;

/** The four VSI commands, one per VSI TLV type. */
public enum VdpCommand {
    PRE_ASSOCIATE(VdpTlv.PRE_ASSOCIATE),
    PRE_ASSOCIATE_RR(VdpTlv.PRE_ASSOCIATE_RR),
    ASSOCIATE(VdpTlv.ASSOCIATE),
    DE_ASSOCIATE(VdpTlv.DE_ASSOCIATE);

    private final int tlvType;

    VdpCommand(int tlvType) {
        this.tlvType = tlvType;
    }

    /** The VSI TLV type that carries this command. */
    public int tlvType() {
        return tlvType;
    }

    /** The command of a VSI TLV type (1-4). */
    public static VdpCommand of(int tlvType) {
        for (VdpCommand c : values()) {
            if (c.tlvType == tlvType) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a VSI TLV type: " + tlvType);
    }

    /** The state a successful answer to this command leads to. */
    public VsiState result() {
        return switch (this) {
            case PRE_ASSOCIATE -> VsiState.PREASSOCIATED;
            case PRE_ASSOCIATE_RR -> VsiState.PREASSOCIATED_RR;
            case ASSOCIATE -> VsiState.ASSOCIATED;
            case DE_ASSOCIATE -> VsiState.DEASSOCIATED;
        };
    }
}
