package org.openevb.api.extension;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Every controlling bridge of this platform. */
@ProviderType
public interface ControllingBridges {

    /** Sorted by name. */
    List<ControllingBridge> bridges();

    Optional<ControllingBridge> bridge(String name);
}
