package org.openevb.api.bridge;

/** Whether a bridge forwards. */
public enum BridgeStatus {
    /** Forwarding with its configured mode. */
    FORWARDING,
    /** No implementation of the configured mode is present: frames are dropped and counted. */
    MODE_UNAVAILABLE,
    /** The configuration is invalid (see the reason); nothing is forwarded. */
    ERROR
}
