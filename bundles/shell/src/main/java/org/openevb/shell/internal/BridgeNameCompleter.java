package org.openevb.shell.internal;

import java.util.Collection;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeRegistry;

/** Completes bridge names. */
@Service
public class BridgeNameCompleter extends NameCompleter {

    @Reference
    BridgeRegistry registry;

    @Override
    Collection<String> names() {
        return registry.bridges().stream().map(Bridge::name).toList();
    }
}
