package org.openevb.api.port;

/** Operational state of a port. */
public enum PortState {
    /** The interface is open and frames move. */
    UP,
    /** Not moving frames for a reason that may pass (interface missing, driver missing, link lost); retried. */
    DOWN,
    /** The port's configuration is invalid; nothing is retried until the configuration changes. */
    ERROR
}
