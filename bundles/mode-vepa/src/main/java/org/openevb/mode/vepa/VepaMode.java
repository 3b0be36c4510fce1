package org.openevb.mode.vepa;

import org.openevb.api.bridge.EdgeRelays;
import org.openevb.api.bridge.EgressSet;
import org.openevb.api.bridge.ForwardingContext;
import org.openevb.api.bridge.ForwardingMode;
import org.osgi.service.component.annotations.Component;

/**
 * Virtual Edge Port Aggregator (802.1Qbg): every frame from a VSI goes to the uplink, also one for
 * another VSI of this relay, so the adjacent bridge sees and polices it and reflects it back.
 * From the uplink, unicast goes only to the VSI that owns the destination MAC; group frames go to
 * every VSI except the one whose MAC is the frame's source, so a reflected frame never echoes.
 */
@Component(property = ForwardingMode.NAME_PROPERTY + "=" + VepaMode.NAME)
public class VepaMode implements ForwardingMode {

    public static final String NAME = "vepa";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean edgeRelay() {
        return true;
    }

    @Override
    public void select(ForwardingContext f, EgressSet egress) {
        EdgeRelays.vepa(f, egress);
    }
}
