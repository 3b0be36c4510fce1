package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeRegistry;

/** A command about one bridge, named by its first argument. */
abstract class BridgeAction implements Action {

    @Reference
    BridgeRegistry registry;

    @Argument(index = 0, name = "bridge", required = true, description = "Bridge name")
    @Completion(BridgeNameCompleter.class)
    String name;

    @Override
    public Object execute() throws Exception {
        Bridge bridge = registry.bridge(name).orElse(null);
        if (bridge == null) {
            throw new CommandFailure("no bridge named '" + name + "'");
        }
        execute(bridge);
        return null;
    }

    abstract void execute(Bridge bridge) throws Exception;
}
