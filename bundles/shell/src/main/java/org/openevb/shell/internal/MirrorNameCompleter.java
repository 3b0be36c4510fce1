package org.openevb.shell.internal;

import java.util.Collection;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.mirror.MirrorView;
import org.openevb.api.mirror.Mirrors;

/** Completes mirror names. */
@Service
public class MirrorNameCompleter extends NameCompleter {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    Mirrors mirrors;

    @Override
    Collection<String> names() {
        return mirrors == null ? List.of() : mirrors.mirrors().stream().map(MirrorView::name).toList();
    }
}
