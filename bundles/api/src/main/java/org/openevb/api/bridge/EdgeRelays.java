package org.openevb.api.bridge;

/** The rule VEB and VEPA share: what an edge relay does with a frame from its uplink. */
public final class EdgeRelays {
    private EdgeRelays() {
    }

    /**
     * A frame from the uplink goes only to VSI ports, never back up: a known unicast destination
     * to its VSI; a group frame to every VSI except the one its source MAC belongs to (a reflected
     * frame never echoes to its sender); an unknown unicast destination to every VSI only if
     * {@code floodUnknownUnicast}, else nowhere.
     */
    public static void fromUplink(ForwardingContext f, EgressSet egress, boolean floodUnknownUnicast) {
        int known = f.destinationPort();
        if (known >= 0) {
            if (f.role(known) == PortRole.VSI) {
                egress.add(known);
            }
            return;
        }
        if (!f.groupDestination() && !floodUnknownUnicast) {
            return;
        }
        int source = f.sourcePort();
        for (int p = 0; p < f.portCount(); p++) {
            if (f.role(p) == PortRole.VSI && p != source) {
                egress.add(p);
            }
        }
    }
}
