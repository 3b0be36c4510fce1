package org.openevb.vdp;

import java.util.List;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpPdu;

/**
 * What a VDP role asks its owner to do after an event: send a PDU over ECP, note a VSI's new
 * state, or announce a VSI's MACs.
 */
public sealed interface VdpAction {

    /** Send this PDU to the peer as an ECP request of subtype VDP. */
    record Send(VdpPdu pdu) implements VdpAction {
    }

    /** This VSI's state changed (for the bridge, the data-path filter follows it). */
    record Changed(VsiId vsi, VsiState state) implements VdpAction {
    }

    /**
     * Station: announce these filter entries' MACs now, one RARP per entry on its VID ({@link Rarp}),
     * out of the port (one round of {@link AnnounceSchedule}).
     */
    record Announce(VsiId vsi, List<FilterEntry> entries, int round) implements VdpAction {
        public Announce {
            entries = List.copyOf(entries);
        }
    }
}
