package org.openevb.api.extension;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Every port extender of this platform. */
@ProviderType
public interface PortExtenders {

    /** Sorted by name. */
    List<PortExtender> extenders();

    Optional<PortExtender> extender(String name);
}
