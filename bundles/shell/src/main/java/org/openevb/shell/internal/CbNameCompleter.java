package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.openevb.api.extension.ControllingBridge;
import org.openevb.api.extension.ControllingBridges;

/** Completes controlling bridge names. */
@Service
public class CbNameCompleter implements Completer {

    @Reference(optional = true)
    ControllingBridges bridges;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        if (bridges != null) {
            for (ControllingBridge b : bridges.bridges()) {
                names.getStrings().add(b.name());
            }
        }
        return names.complete(session, commandLine, candidates);
    }
}
