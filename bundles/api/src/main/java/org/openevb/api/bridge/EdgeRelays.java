package org.openevb.api.bridge;

/** The rules of the two edge relays, shared by the VEB, VEPA and auto modes. */
public final class EdgeRelays {
    private EdgeRelays() {
    }

    /**
     * VEB: the station switches between its VSI ports itself. Unknown unicast and group frames
     * from a VSI go to the other VSIs and to the uplink; nothing from the uplink goes back up.
     */
    public static void veb(ForwardingContext f, EgressSet egress) {
        int in = f.ingress();
        if (f.role(in) == PortRole.UPLINK) {
            // a bridge floods what it does not know, also towards its VSIs
            fromUplink(f, egress, true);
            return;
        }
        int known = f.destinationPort();
        if (known >= 0) {
            if (known != in) {
                egress.add(known);
            }
            return;
        }
        for (int p = 0; p < f.portCount(); p++) {
            if (p != in) {
                egress.add(p);
            }
        }
    }

    /**
     * VEPA: every frame from a VSI goes to the uplink, also one for another VSI of this relay, for
     * the adjacent bridge to see and reflect. From the uplink, unicast goes only to the VSI that
     * owns the destination MAC (anything else is not ours).
     */
    public static void vepa(ForwardingContext f, EgressSet egress) {
        if (f.role(f.ingress()) != PortRole.UPLINK) {
            int uplink = f.uplink();
            if (uplink >= 0) {
                egress.add(uplink);
            }
            return;
        }
        fromUplink(f, egress, false);
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
