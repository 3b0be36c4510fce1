package org.openevb.api.port;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** All ports of this platform, by name. */
@ProviderType
public interface PortRegistry {

    /** Every configured port, sorted by name, including those DOWN or in ERROR. */
    List<Port> ports();

    Optional<Port> port(String name);
}
