package org.openevb.mode.dot1q;

import org.openevb.api.bridge.EgressSet;
import org.openevb.api.bridge.ForwardingContext;
import org.openevb.api.bridge.ForwardingMode;
import org.osgi.service.component.annotations.Component;

/**
 * IEEE 802.1Q forwarding: a known unicast destination leaves by its port, anything else floods
 * the VLAN. A frame never leaves by the port it came in on, except where reflective relay is on
 * (802.1Qbg: the bridge side of VEPA), which then also includes that port in floods.
 */
@Component(property = ForwardingMode.NAME_PROPERTY + "=" + Dot1qMode.NAME)
public class Dot1qMode implements ForwardingMode {

    public static final String NAME = "dot1q";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean edgeRelay() {
        return false;
    }

    @Override
    public void select(ForwardingContext f, EgressSet egress) {
        int in = f.ingress();
        boolean reflect = f.reflectiveRelay(in);
        int known = f.destinationPort();
        if (known >= 0) {
            if (known != in || reflect) {
                egress.add(known);
            }
            return;
        }
        for (int p = 0; p < f.portCount(); p++) {
            if (p != in || reflect) {
                egress.add(p);
            }
        }
    }
}
