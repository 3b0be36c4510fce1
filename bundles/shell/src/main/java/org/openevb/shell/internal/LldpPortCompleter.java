package org.openevb.shell.internal;

import java.util.Collection;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpService;

/** Completes the ports LLDP agents run on. */
@Service
public class LldpPortCompleter extends NameCompleter {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    LldpService lldp;

    @Override
    Collection<String> names() {
        return lldp == null ? List.of() : lldp.agents().stream().map(LldpAgent::port).distinct().toList();
    }
}
