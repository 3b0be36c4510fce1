package org.openevb.api.port;

import org.osgi.annotation.versioning.ConsumerType;

/** Told by the port directory when a port comes to hold its name, and when it stops. */
@ConsumerType
public interface PortListener {

    /** {@code port} holds its name: it is the port {@link PortRegistry#port} finds by that name. */
    void portArrived(Port port);

    /**
     * {@code port} no longer holds the name it arrived with. A port that was renamed may already
     * answer to its new name (it arrives again under it): forget it by identity, not by name.
     */
    void portDeparted(Port port);
}
