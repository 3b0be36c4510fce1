package org.openevb.shell.internal;

import java.util.Collection;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortRegistry;

/** Completes port names, of every kind of port. */
@Service
public class PortNameCompleter extends NameCompleter {

    @Reference
    PortRegistry registry;

    @Override
    Collection<String> names() {
        return registry.ports().stream().map(Port::name).toList();
    }
}
