package org.openevb.api.evb;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The ports the EVB TLV runs on, station or bridge role. */
@ProviderType
public interface EvbService {

    /** Every port with an EVB configuration, sorted by name. */
    List<EvbPortStatus> ports();
}
