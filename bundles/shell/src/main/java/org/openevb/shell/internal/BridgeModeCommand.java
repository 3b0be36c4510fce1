package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.bridge.BridgeRegistry;
import org.osgi.service.cm.ConfigurationAdmin;

/** Changes a bridge's mode live: ports, FDB and counters stay; no frame is lost or duplicated. */
@Service
@Command(scope = "evb", name = "bridge-mode",
        description = "Changes a bridge's forwarding mode live (kept in its configuration)")
public class BridgeModeCommand implements Action {

    @Reference
    BridgeRegistry registry;

    @Reference
    ConfigurationAdmin configurationAdmin;

    @Argument(index = 0, name = "bridge", required = true, description = "Bridge name")
    @Completion(BridgeNameCompleter.class)
    String name;

    @Argument(index = 1, name = "mode", required = true, description = "dot1q, veb or vepa")
    @Completion(ModeNameCompleter.class)
    String mode;

    @Override
    public Object execute() throws Exception {
        if (!NamedConfigurations.set(configurationAdmin, name, "mode", mode)) {
            throw new CommandFailure("no bridge named '" + name + "'");
        }
        if (!registry.modes().contains(mode)) {
            System.out.println("bridge " + name + " set to mode " + mode + ", which is not available now: not forwarding");
        } else {
            System.out.println("bridge " + name + " mode " + mode);
        }
        return null;
    }
}
