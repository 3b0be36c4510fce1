package org.openevb.shell.internal;

import java.util.Collection;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.extension.ControllingBridge;
import org.openevb.api.extension.ControllingBridges;

/** Completes controlling bridge names. */
@Service
public class CbNameCompleter extends NameCompleter {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    ControllingBridges bridges;

    @Override
    Collection<String> names() {
        return bridges == null ? List.of() : bridges.bridges().stream().map(ControllingBridge::name).toList();
    }
}
