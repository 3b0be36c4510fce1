package org.openevb.api.extension;

import java.util.List;

/**
 * A controlling bridge as the platform shows it (a table, a JSON document): a snapshot.
 *
 * @param name the controlling bridge's name
 * @param status UP, DEGRADED or ERROR
 * @param reason why it is not UP (empty when it is)
 * @param cascades its cascade ports, each with its counters and drops
 * @param extendedPorts its extended ports
 * @param groups its replication groups
 */
public record ControllingBridgeView(String name, ExtensionStatus status, String reason, List<CascadeView> cascades,
        List<ExtendedPortView> extendedPorts, List<ReplicationGroupView> groups) {

    public ControllingBridgeView {
        cascades = List.copyOf(cascades);
        extendedPorts = List.copyOf(extendedPorts);
        groups = List.copyOf(groups);
    }

    /** A snapshot of {@code bridge}. */
    public static ControllingBridgeView of(ControllingBridge bridge) {
        return new ControllingBridgeView(bridge.name(), bridge.status(), bridge.reason(), bridge.cascades(),
                bridge.extendedPorts(), bridge.groups());
    }
}
