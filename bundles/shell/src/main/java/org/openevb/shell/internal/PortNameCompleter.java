package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortRegistry;

/** Completes port names. */
@Service
public class PortNameCompleter implements Completer {

    @Reference
    PortRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        for (Port port : registry.ports()) {
            names.getStrings().add(port.name());
        }
        return names.complete(session, commandLine, candidates);
    }
}
