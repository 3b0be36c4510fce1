package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Pre-associates a configured VSI, with resource reservation if asked. */
@Service
@Command(scope = "evb", name = "vdp-preassociate",
        description = "Station role: pre-associates a configured VSI (--rr: with resource reservation) and waits for the answer")
public class VdpPreassociateCommand extends VdpCommandAction {

    @Option(name = "-r", aliases = "--rr", description = "With resource reservation (pre-associate-rr)")
    boolean reserve;

    @Override
    String command() {
        return reserve ? "pre-associate-rr" : "pre-associate";
    }

    @Override
    String expectedState() {
        return reserve ? "preassociated-rr" : "preassociated";
    }
}
