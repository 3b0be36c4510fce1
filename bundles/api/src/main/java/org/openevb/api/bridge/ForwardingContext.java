package org.openevb.api.bridge;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One frame in one bridge, as a mode sees it: where it came from, its VLAN, its addresses and
 * what the FDB knows of them. Valid only during {@link ForwardingMode#select}.
 */
@ProviderType
public interface ForwardingContext {

    /** Index of the port the frame arrived on. */
    int ingress();

    /** Number of ports of the bridge; port indexes run from 0 to this minus one. */
    int portCount();

    PortRole role(int port);

    /** Index of the UPLINK port of an edge relay, or -1 for a bridge without one. */
    int uplink();

    /** Whether reflective relay is on for the port (frames may leave by the port they came in on). */
    boolean reflectiveRelay(int port);

    /**
     * Whether the bridge at the other end of the port reflects what this one sends on it (granted
     * by the EVB TLV exchange; false while unknown).
     */
    boolean peerReflectiveRelay(int port);

    /** Whether the port is UP and may send now. */
    boolean up(int port);

    /** The frame's VLAN (its C-tag's VID, or the ingress port's PVID). */
    int vid();

    long destination();

    long source();

    /** Whether the destination is a group (multicast or broadcast) address. */
    boolean groupDestination();

    /** The port the FDB has for (VID, destination), or -1 when unknown (always -1 for groups). */
    int destinationPort();

    /** The port the FDB had for (VID, source) before this frame was learned, or -1. */
    int sourcePort();
}
