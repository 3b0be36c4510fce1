package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** De-associates a configured VSI. */
@Service
@Command(scope = "evb", name = "vdp-deassociate",
        description = "Station role: de-associates a configured VSI (--migrate-from: it migrated away) and waits "
                + "for the bridge's answer")
public class VdpDeassociateCommand extends VdpCommandAction {

    @Option(name = "-s", aliases = "--migrate-from", description = "The VSI is suspended here, migrating away (S bit)")
    boolean migrateFrom;

    @Override
    String hint() {
        return migrateFrom ? "migrate-from" : "";
    }

    @Override
    String command() {
        return "de-associate";
    }

    @Override
    String expectedState() {
        return "deassociated";
    }
}
