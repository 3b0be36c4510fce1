package org.openevb.api.extension;

import java.util.List;
import org.openevb.api.view.Counters;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A port extender: host ports and cascaded extenders below, one upstream port towards the
 * controlling bridge; it tags frames going up with their source and delivers or replicates frames
 * coming down.
 */
@ProviderType
public interface PortExtender {

    String name();

    ExtensionStatus status();

    /** Why it is not UP (empty when it is); names the configuration key at fault. */
    String reason();

    /** The upstream link. */
    CascadeView upstream();

    /** Host ports and cascade ports, by E-CID / vif. */
    List<ExtendedPortView> ports();

    List<ReplicationGroupView> groups();

    /** Drops by reason, over every port of the extender. */
    Counters<ExtensionDropReason> drops();
}
