package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.mirror.Mirrors;
import org.osgi.service.cm.ConfigurationAdmin;

/** Removes a mirror: its configuration file and its configuration, and waits until it is gone. */
@Service
@Command(scope = "evb", name = "mirror-remove", description = "Removes a port mirror (its configuration file too)")
public class MirrorRemoveCommand implements Action {

    @Reference
    ConfigurationAdmin admin;

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    Mirrors mirrors;

    @Argument(index = 0, name = "name", required = true, description = "Mirror name")
    @Completion(MirrorNameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        if (mirrors == null) {
            throw new CommandFailure("mirroring is not running (feature openevb-mirror)");
        }
        if (mirrors.mirror(name).isEmpty()) {
            throw new CommandFailure("no mirror named '" + name + "'");
        }
        NamedConfigurations.delete(admin, "org.openevb.mirror", name);
        if (!NamedConfigurations.awaitGone(() -> mirrors.mirror(name).isPresent(), MirrorAddCommand.WAIT_MILLIS)) {
            throw new CommandFailure("mirror '" + name + "' still there after " + MirrorAddCommand.WAIT_MILLIS / 1000 + " s");
        }
        System.out.println("mirror '" + name + "' removed");
        return null;
    }
}
