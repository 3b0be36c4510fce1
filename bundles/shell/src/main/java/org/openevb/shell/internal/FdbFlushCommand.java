package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.bridge.Bridge;

/** Removes learned FDB entries: all, of one VLAN, or of one port. */
@Service
@Command(scope = "evb", name = "fdb-flush", description = "Removes learned FDB entries (static ones stay): all, per VLAN, per port")
public class FdbFlushCommand extends BridgeAction {

    @Option(name = "-v", aliases = "--vlan", description = "Only this VLAN")
    int vlan = -1;

    @Option(name = "-p", aliases = "--port", description = "Only this port")
    @Completion(PortNameCompleter.class)
    String port;

    @Override
    void execute(Bridge b) {
        System.out.println(b.flushFdb(vlan, port) + " entries removed from " + b.name());
    }
}
