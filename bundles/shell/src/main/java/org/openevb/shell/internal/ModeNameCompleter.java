package org.openevb.shell.internal;

import java.util.Collection;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.bridge.BridgeRegistry;

/** Completes the names of the modes present. */
@Service
public class ModeNameCompleter extends NameCompleter {

    @Reference
    BridgeRegistry registry;

    @Override
    Collection<String> names() {
        return registry.modes();
    }
}
