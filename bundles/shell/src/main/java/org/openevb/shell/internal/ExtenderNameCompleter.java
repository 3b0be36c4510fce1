package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.openevb.api.extension.PortExtender;
import org.openevb.api.extension.PortExtenders;

/** Completes port extender names. */
@Service
public class ExtenderNameCompleter implements Completer {

    @Reference(optional = true)
    PortExtenders extenders;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        if (extenders != null) {
            for (PortExtender e : extenders.extenders()) {
                names.getStrings().add(e.name());
            }
        }
        return names.complete(session, commandLine, candidates);
    }
}
