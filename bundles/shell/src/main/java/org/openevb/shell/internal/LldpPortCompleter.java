package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpService;

/** Completes the names of the ports LLDP agents run on (S-channel ports included). */
@Service
public class LldpPortCompleter implements Completer {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    LldpService lldp;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        if (lldp != null) {
            for (LldpAgent a : lldp.agents()) {
                names.getStrings().add(a.port());
            }
        }
        return names.complete(session, commandLine, candidates);
    }
}
