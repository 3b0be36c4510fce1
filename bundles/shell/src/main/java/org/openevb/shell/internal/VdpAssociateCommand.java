package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Associates a configured VSI with the adjacent bridge. */
@Service
@Command(scope = "evb", name = "vdp-associate",
        description = "Station role: associates a configured VSI and waits for the bridge's answer (exit status non-zero if refused)")
public class VdpAssociateCommand extends VdpCommandAction {

    @Override
    String command() {
        return "associate";
    }

    @Override
    String expectedState() {
        return "associated";
    }
}
