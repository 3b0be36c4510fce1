package org.openevb.vdp;

import java.util.Set;

/**
 * Which VSI holds which MAC, and on which port each VSI is associated, across all the ports of a
 * bridge: the shared view every port's {@link VdpBridge} consults for MAC uniqueness and
 * migration. An interface so that a distributed implementation can serve it; implementations are
 * thread-safe.
 */
public interface VsiRegistry {

    /** A VSI on a port. */
    record Holder(String port, VsiId vsi) {
    }

    /** Who holds this MAC, or null. */
    Holder holder(long mac);

    /** The port where this VSI is associated, or null. */
    String portOf(VsiId vsi);

    /**
     * Associates {@code vsi} on {@code port} with these MACs, all or none: a MAC held by another
     * VSI makes it fail. The same VSI on another port (a migration) loses them to this port.
     *
     * @return -1 when done, else the MAC held by another VSI (nothing changed)
     */
    long claim(String port, VsiId vsi, Set<Long> macs);

    /** Releases what {@code vsi} holds on {@code port} (nothing it holds on another port now). */
    void release(String port, VsiId vsi);
}
