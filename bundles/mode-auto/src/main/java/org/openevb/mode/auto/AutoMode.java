package org.openevb.mode.auto;

import org.openevb.api.bridge.EdgeRelays;
import org.openevb.api.bridge.EgressSet;
import org.openevb.api.bridge.ForwardingContext;
import org.openevb.api.bridge.ForwardingMode;
import org.osgi.service.component.annotations.Component;

/**
 * An edge relay that is a VEPA only while the adjacent bridge reflects for it (the EVB TLV's
 * RRSTAT on the uplink) and its uplink is UP, and a VEB otherwise, decided for every frame: VMs
 * never silently lose each other because nobody hairpins their traffic. An uplink that goes down
 * makes it a VEB at once, without waiting for the LLDP agent to forget the bridge (at its next
 * tick, up to 100 ms later: the VM frames of that time went up a link that was down).
 */
@Component(property = ForwardingMode.NAME_PROPERTY + "=" + AutoMode.NAME)
public class AutoMode implements ForwardingMode {

    public static final String NAME = "auto";

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
        int uplink = f.uplink();
        if (uplink >= 0 && f.peerReflectiveRelay(uplink) && f.up(uplink)) {
            EdgeRelays.vepa(f, egress);
        } else {
            EdgeRelays.veb(f, egress);
        }
    }

    @Override
    public String behaviour(boolean uplinkPeerReflects) {
        return uplinkPeerReflects ? "vepa" : "veb";
    }
}
