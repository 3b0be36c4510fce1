package org.openevb.shell.internal;

import java.util.Collection;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.schannel.SChannelService;
import org.openevb.api.schannel.SComponentStatus;

/** Completes the ports that carry S-channels. */
@Service
public class SChannelPortCompleter extends NameCompleter {

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    SChannelService schannels;

    @Override
    Collection<String> names() {
        return schannels == null ? List.of() : schannels.components().stream().map(SComponentStatus::port).toList();
    }
}
