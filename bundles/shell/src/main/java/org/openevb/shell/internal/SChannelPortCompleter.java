package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.openevb.api.schannel.SChannelService;
import org.openevb.api.schannel.SComponentStatus;

/** Completes the names of the ports that carry an S-VLAN component. */
@Service
public class SChannelPortCompleter implements Completer {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    SChannelService schannels;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        if (schannels != null) {
            for (SComponentStatus c : schannels.components()) {
                names.getStrings().add(c.port());
            }
        }
        return names.complete(session, commandLine, candidates);
    }
}
