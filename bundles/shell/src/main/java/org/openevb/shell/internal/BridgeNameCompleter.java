package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeRegistry;

/** Completes bridge names. */
@Service
public class BridgeNameCompleter implements Completer {

    @Reference
    BridgeRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        for (Bridge b : registry.bridges()) {
            names.getStrings().add(b.name());
        }
        return names.complete(session, commandLine, candidates);
    }
}
