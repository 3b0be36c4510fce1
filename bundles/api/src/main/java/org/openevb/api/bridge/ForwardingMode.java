package org.openevb.api.bridge;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A forwarding behaviour: which ports a frame leaves by. Registered as an OSGi service with the
 * property {@value #NAME_PROPERTY}; a bridge uses the mode its configuration names and swaps to
 * another one between two frames, keeping its ports, FDB and counters.
 *
 * <p>The bridge does everything else: VLAN classification and filtering, learning, egress
 * tagging, sending and counting. It removes egress ports that are not members of the frame's
 * VLAN and ports that are down, so a mode only states its rule.
 */
@ConsumerType
public interface ForwardingMode {

    /** Service property naming the mode, e.g. {@code dot1q}, {@code veb}, {@code vepa}. */
    String NAME_PROPERTY = "evb.mode";

    /** The mode's name, the same as its {@value #NAME_PROPERTY} property. */
    String name();

    /** Whether the mode works on edge relays (one UPLINK and VSI ports) rather than bridge ports. */
    boolean edgeRelay();

    /**
     * Adds the frame's egress ports to {@code egress} (empty on entry). Called on the ingress
     * port's thread for every frame: must not block, allocate or throw.
     */
    void select(ForwardingContext frame, EgressSet egress);

    /**
     * The behaviour the mode has now in a bridge whose uplink's peer does or does not reflect:
     * its name for most modes; {@code auto} answers {@code vepa} or {@code veb}.
     */
    default String behaviour(boolean uplinkPeerReflects) {
        return name();
    }
}
