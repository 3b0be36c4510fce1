package org.openevb.shell.internal;

import java.util.Collection;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.vdp.VdpPortView;
import org.openevb.api.vdp.VdpService;

/** Completes the ports ECP and VDP run on. */
@Service
public class VdpPortCompleter extends NameCompleter {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    VdpService vdp;

    @Override
    Collection<String> names() {
        return vdp == null ? List.of() : vdp.ports().stream().map(VdpPortView::port).toList();
    }
}
