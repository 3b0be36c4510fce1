package org.openevb.api.port;

import org.openevb.codec.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sends one copy of a multi-destination frame that stands for several ports carried inside the
 * same carrier, when the far end replicates it (an 802.1BR port extender, a VN-Tag interface
 * virtualizer). See {@link ReplicatedPort}.
 */
@ConsumerType
public interface Replicator {

    /**
     * Sends one copy of {@code frame} standing for exactly {@code ports[0..count)}, every one of
     * which answers this replicator from {@link ReplicatedPort#replicator()}.
     *
     * <p>Ownership: as {@link Port#send}: the caller keeps {@code frame}, which is as it was when
     * this returns. Called on the ingress port's receive thread; never throws.
     *
     * @param ingress the port the frame was received on: when it is carried here too, the far end
     *     is told to leave it out (source pruning)
     * @return true if one copy was sent for all of them; false if no replication group matches
     *     exactly those ports (or the carrier refused): the caller then sends to each port itself
     */
    boolean sendOne(Frame frame, Port ingress, Port[] ports, int count);
}
