package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.bridge.BridgeRegistry;

/** Lists the forwarding modes whose bundles are present. */
@Service
@Command(scope = "evb", name = "mode-list", description = "Lists the forwarding modes present")
public class ModeListCommand implements Action {

    @Reference
    BridgeRegistry registry;

    @Option(name = "-j", aliases = "--json", description = "Print JSON")
    boolean json;

    @Override
    public Object execute() {
        if (json) {
            System.out.println(Json.toJson(registry.modes()));
        } else {
            registry.modes().forEach(System.out::println);
        }
        return null;
    }
}
