package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.service.cm.ConfigurationAdmin;

/** Turns reflective relay on or off on one port of a bridge (admin source, kept in its configuration). */
@Service
@Command(scope = "evb", name = "reflective-relay",
        description = "Turns reflective relay (hairpin) on or off on a bridge port")
public class ReflectiveRelayCommand implements Action {

    @Reference
    ConfigurationAdmin configurationAdmin;

    @Argument(index = 0, name = "bridge", required = true, description = "Bridge name")
    @Completion(BridgeNameCompleter.class)
    String bridge;

    @Argument(index = 1, name = "port", required = true, description = "Port name")
    @Completion(PortNameCompleter.class)
    String port;

    @Argument(index = 2, name = "state", required = true, description = "on or off")
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String state;

    @Override
    public Object execute() throws Exception {
        if (!state.equals("on") && !state.equals("off")) {
            System.err.println("state: '" + state + "' is not on or off");
            return null;
        }
        if (!BridgeConfigurations.set(configurationAdmin, bridge, "port." + port + ".reflective.relay",
                state.equals("on") ? "true" : "false")) {
            System.err.println("no bridge named '" + bridge + "'");
            return null;
        }
        System.out.println("bridge " + bridge + " port " + port + " reflective relay " + state);
        return null;
    }
}
