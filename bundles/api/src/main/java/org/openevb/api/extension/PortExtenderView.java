package org.openevb.api.extension;

import java.util.List;

/**
 * A port extender as the platform shows it (a table, a JSON document): a snapshot.
 *
 * @param name the extender's name
 * @param status UP, DEGRADED or ERROR
 * @param reason why it is not UP (empty when it is)
 * @param upstream its upstream port towards the controlling bridge, with the extender's drops
 * @param ports its host and cascade ports
 * @param groups its replication groups
 */
public record PortExtenderView(String name, ExtensionStatus status, String reason, CascadeView upstream,
        List<ExtendedPortView> ports, List<ReplicationGroupView> groups) {

    public PortExtenderView {
        ports = List.copyOf(ports);
        groups = List.copyOf(groups);
    }

    /** A snapshot of {@code extender}. */
    public static PortExtenderView of(PortExtender extender) {
        return new PortExtenderView(extender.name(), extender.status(), extender.reason(), extender.upstream(),
                extender.ports(), extender.groups());
    }
}
