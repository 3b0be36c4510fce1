package org.openevb.api.extension;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A controlling bridge's port extension side: its cascade ports, and one extended port per
 * (cascade port, E-CID) registered as a {@link org.openevb.api.port.Port} for a bridge to use.
 */
@ProviderType
public interface ControllingBridge {

    String name();

    ExtensionStatus status();

    /** Why it is not UP (empty when it is); names the configuration key at fault. */
    String reason();

    List<CascadeView> cascades();

    List<ExtendedPortView> extendedPorts();

    List<ReplicationGroupView> groups();
}
