package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeRegistry;

/** Removes learned FDB entries: all, of one VLAN, or of one port. */
@Service
@Command(scope = "evb", name = "fdb-flush", description = "Removes learned FDB entries (static ones stay): all, per VLAN, per port")
public class FdbFlushCommand implements Action {

    @Reference
    BridgeRegistry registry;

    @Argument(index = 0, name = "bridge", required = true, description = "Bridge name")
    @Completion(BridgeNameCompleter.class)
    String name;

    @Option(name = "-v", aliases = "--vlan", description = "Only this VLAN")
    int vlan = -1;

    @Option(name = "-p", aliases = "--port", description = "Only this port")
    @Completion(PortNameCompleter.class)
    String port;

    @Override
    public Object execute() {
        Bridge b = registry.bridge(name).orElse(null);
        if (b == null) {
            System.err.println("no bridge named '" + name + "'");
            return null;
        }
        System.out.println(b.flushFdb(vlan, port) + " entries removed from " + b.name());
        return null;
    }
}
