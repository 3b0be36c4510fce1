package org.openevb.itests;

import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.extension.ControllingBridges;
import org.openevb.api.extension.ExtensionStatus;
import org.openevb.api.extension.PortExtenders;

/**
 * Whether what a test configured is running: configuration is applied asynchronously, so tests
 * wait (bounded, with {@link Await}) for these before sending traffic.
 */
final class Ready {
    private Ready() {
    }

    /** The bridge or edge relay exists, forwards, and all its ports are UP. */
    static boolean forwardingWithPortsUp(BridgeRegistry bridges, String bridge) {
        return bridges.bridge(bridge)
                .map(b -> b.status() == BridgeStatus.FORWARDING && b.ports().stream().allMatch(p -> p.state().equals("UP")))
                .orElse(false);
    }

    /** The port extender is UP, with its upstream port and all its host ports UP. */
    static boolean extenderUp(PortExtenders extenders, String extender) {
        return extenders.extender(extender)
                .map(e -> e.status() == ExtensionStatus.UP && e.upstream().state().equals("UP")
                        && e.ports().stream().allMatch(p -> p.state().equals("UP")))
                .orElse(false);
    }

    /** The controlling bridge is UP, with all its extended ports UP. */
    static boolean controllingBridgeUp(ControllingBridges controllingBridges, String cb) {
        return controllingBridges.bridge(cb)
                .map(b -> b.status() == ExtensionStatus.UP && b.extendedPorts().stream().allMatch(p -> p.state().equals("UP")))
                .orElse(false);
    }
}
