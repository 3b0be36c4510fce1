package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.openevb.api.evb.EvbPortStatus;
import org.openevb.api.evb.EvbService;

/** Completes the names of the ports the EVB TLV runs on (S-channel ports included). */
@Service
public class EvbPortCompleter implements Completer {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    EvbService evb;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        if (evb != null) {
            for (EvbPortStatus p : evb.ports()) {
                names.getStrings().add(p.port());
            }
        }
        return names.complete(session, commandLine, candidates);
    }
}
