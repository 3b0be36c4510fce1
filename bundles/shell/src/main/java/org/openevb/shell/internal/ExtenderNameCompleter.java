package org.openevb.shell.internal;

import java.util.Collection;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.extension.PortExtender;
import org.openevb.api.extension.PortExtenders;

/** Completes port extender names. */
@Service
public class ExtenderNameCompleter extends NameCompleter {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    PortExtenders extenders;

    @Override
    Collection<String> names() {
        return extenders == null ? List.of() : extenders.extenders().stream().map(PortExtender::name).toList();
    }
}
