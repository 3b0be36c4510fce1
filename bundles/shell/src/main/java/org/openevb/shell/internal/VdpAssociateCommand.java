package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Associates a configured VSI with the adjacent bridge. */
@Service
@Command(scope = "evb", name = "vdp-associate",
        description = "Station role: associates a configured VSI (--migrate-to: it migrates here, and is announced "
                + "by RARP once associated) and waits for the bridge's answer (exit status non-zero if refused)")
public class VdpAssociateCommand extends VdpCommandAction {

    @Option(name = "-m", aliases = "--migrate-to", description = "The VSI is migrating to this station (M bit); "
            + "once associated, its MACs are announced by RARP on QEMU's schedule")
    boolean migrateTo;

    @Override
    String hint() {
        return migrateTo ? "migrate-to" : "";
    }

    @Override
    String command() {
        return "associate";
    }

    @Override
    String expectedState() {
        return "associated";
    }
}
