package org.openevb.api.port;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A port that shares its carrier with other ports and whose frames the far end can replicate: a
 * bridge sending one frame to several such ports may hand them all to their common
 * {@link Replicator} instead of sending one copy each.
 */
@ConsumerType
public interface ReplicatedPort extends Port {

    /** The replicator of this port's carrier, the same object for every port of that carrier. */
    Replicator replicator();
}
