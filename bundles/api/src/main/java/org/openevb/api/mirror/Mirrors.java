package org.openevb.api.mirror;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Every mirror of the platform. */
@ProviderType
public interface Mirrors {

    /** Every mirror, by name. */
    List<MirrorView> mirrors();

    /** One mirror. */
    Optional<MirrorView> mirror(String name);
}
