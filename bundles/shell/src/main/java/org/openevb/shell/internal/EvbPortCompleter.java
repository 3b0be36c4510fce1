package org.openevb.shell.internal;

import java.util.Collection;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.evb.EvbPortStatus;
import org.openevb.api.evb.EvbService;

/** Completes the ports the EVB TLV runs on. */
@Service
public class EvbPortCompleter extends NameCompleter {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    EvbService evb;

    @Override
    Collection<String> names() {
        return evb == null ? List.of() : evb.ports().stream().map(EvbPortStatus::port).toList();
    }
}
