package org.openevb.vdp;

/** Where a VSI stands, on either side: what the last successful command established. */
public enum VsiState {
    DEASSOCIATED,
    PREASSOCIATED,
    /** Pre-associated with the resources reserved. */
    PREASSOCIATED_RR,
    ASSOCIATED;

    /** The command that keeps this state alive (re-sent as a keep-alive), null for {@link #DEASSOCIATED}. */
    public VdpCommand command() {
        return switch (this) {
            case DEASSOCIATED -> null;
            case PREASSOCIATED -> VdpCommand.PRE_ASSOCIATE;
            case PREASSOCIATED_RR -> VdpCommand.PRE_ASSOCIATE_RR;
            case ASSOCIATED -> VdpCommand.ASSOCIATE;
        };
    }
}
