package org.openevb.vdp;

import org.openevb.codec.vdp.VdpPdu;

/** What a VDP role asks its owner to do after an event: send a PDU over ECP, or note a VSI's new state. */
public sealed interface VdpAction {

    /** Send this PDU to the peer as an ECP request of subtype VDP. */
    record Send(VdpPdu pdu) implements VdpAction {
    }

    /** This VSI's state changed (for the bridge, the data-path filter follows it). */
    record Changed(VsiId vsi, VsiState state) implements VdpAction {
    }
}
