package org.openevb.mode.veb;

import org.openevb.api.bridge.EdgeRelays;
import org.openevb.api.bridge.EgressSet;
import org.openevb.api.bridge.ForwardingContext;
import org.openevb.api.bridge.ForwardingMode;
import org.osgi.service.component.annotations.Component;

/**
 * Virtual Edge Bridge: the station switches between its VSI ports itself. Unknown unicast and
 * group frames from a VSI go to the other VSIs and to the uplink; nothing from the uplink goes
 * back to the uplink, and a group frame from the uplink never returns to the VSI it came from.
 */
@Component(property = ForwardingMode.NAME_PROPERTY + "=" + VebMode.NAME)
public class VebMode implements ForwardingMode {

    public static final String NAME = "veb";

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
        EdgeRelays.veb(f, egress);
    }
}
