package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** De-associates a configured VSI. */
@Service
@Command(scope = "evb", name = "vdp-deassociate",
        description = "Station role: de-associates a configured VSI and waits for the bridge's answer")
public class VdpDeassociateCommand extends VdpCommandAction {

    @Override
    String command() {
        return "de-associate";
    }

    @Override
    String expectedState() {
        return "deassociated";
    }
}
