package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Turns reflective relay on or off on one port of a bridge (source admin), or hands it back to the
 * EVB TLV negotiation; kept in the bridge's configuration.
 */
@Service
@Command(scope = "evb", name = "reflective-relay",
        description = "Turns reflective relay (hairpin) on or off on a bridge port, or leaves it to the EVB TLV")
public class ReflectiveRelayCommand implements Action {

    @Reference
    ConfigurationAdmin configurationAdmin;

    @Argument(index = 0, name = "bridge", required = true, description = "Bridge name")
    @Completion(BridgeNameCompleter.class)
    String bridge;

    @Argument(index = 1, name = "port", required = true, description = "Port name")
    @Completion(PortNameCompleter.class)
    String port;

    @Argument(index = 2, name = "state", required = true,
            description = "on, off (source admin) or negotiated (as the EVB TLV decides, off while nothing is negotiated)")
    @Completion(value = StringsCompleter.class, values = {"on", "off", "negotiated"})
    String state;

    @Override
    public Object execute() throws Exception {
        String value = switch (state) {
            case "on" -> "true";
            case "off" -> "false";
            case "negotiated" -> "negotiated";
            default -> null;
        };
        if (value == null) {
            throw new CommandFailure("state: '" + state + "' is not on, off or negotiated");
        }
        if (!NamedConfigurations.set(configurationAdmin, bridge, "port." + port + ".reflective.relay", value)) {
            throw new CommandFailure("no bridge named '" + bridge + "'");
        }
        System.out.println("bridge " + bridge + " port " + port + " reflective relay " + state);
        return null;
    }
}
