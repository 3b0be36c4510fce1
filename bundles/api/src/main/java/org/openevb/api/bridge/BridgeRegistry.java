package org.openevb.api.bridge;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** All bridges of this platform, and the forwarding modes present. */
@ProviderType
public interface BridgeRegistry {

    /** Every configured bridge, sorted by name. */
    List<Bridge> bridges();

    Optional<Bridge> bridge(String name);

    /** Names of the forwarding modes whose bundles are present now, sorted. */
    List<String> modes();
}
