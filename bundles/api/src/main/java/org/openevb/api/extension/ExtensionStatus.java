package org.openevb.api.extension;

/** Whether a port extender or controlling bridge runs. */
public enum ExtensionStatus {
    /** Configured and every port it names is present. */
    UP,
    /** Running, but a port it names is missing (see the reason); the others work. */
    DEGRADED,
    /** The configuration is invalid (see the reason, which names the key); nothing runs. */
    ERROR
}
