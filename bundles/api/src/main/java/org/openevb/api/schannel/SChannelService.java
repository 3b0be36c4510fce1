package org.openevb.api.schannel;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The S-VLAN components of this platform. */
@ProviderType
public interface SChannelService {

    /** Every configured S-VLAN component, sorted by port. */
    List<SComponentStatus> components();
}
