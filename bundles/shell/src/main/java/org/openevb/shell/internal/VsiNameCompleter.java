package org.openevb.shell.internal;

import java.util.Collection;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.vdp.VdpService;

/** Completes the names of the station's configured VSIs. */
@Service
public class VsiNameCompleter extends NameCompleter {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    VdpService vdp;

    @Override
    Collection<String> names() {
        return vdp == null ? List.of() : vdp.stationVsis();
    }
}
