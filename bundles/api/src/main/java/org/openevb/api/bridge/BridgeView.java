package org.openevb.api.bridge;

import java.util.List;
import java.util.Map;
import org.openevb.api.view.Counters;

/**
 * A bridge or edge relay as the platform shows it (a table, a JSON document): a snapshot.
 *
 * @param name the bridge's name
 * @param mode the mode the configuration names
 * @param behaviour what the mode does now (e.g. {@code vepa} for mode {@code auto}), or empty
 * @param status FORWARDING, MODE_UNAVAILABLE or ERROR
 * @param reason why it is not FORWARDING (empty when it is)
 * @param modeChanges how many times the mode in use changed since the bridge started
 * @param drops frames dropped for any reason: the total of {@code dropsByReason}
 * @param dropsByReason frames dropped, per reason (every reason present)
 * @param unassociatedForwarded frames of no associated VSI forwarded anyway ({@code vsi.enforcement count-only})
 * @param fdb the counters of its filtering database
 * @param ports its ports in configuration order
 * @param vlanAcls the ACL judging the frames received into a VLAN, by VID (empty when none)
 * @param vlanAclsOut the ACL judging the frames sent in a VLAN, by VID (empty when none)
 */
public record BridgeView(String name, String mode, String behaviour, BridgeStatus status, String reason,
        long modeChanges, long drops, Counters<BridgeDropReason> dropsByReason, long unassociatedForwarded, FdbStats fdb,
        List<BridgePortView> ports, Map<Integer, String> vlanAcls, Map<Integer, String> vlanAclsOut) {

    public BridgeView {
        ports = List.copyOf(ports);
        vlanAcls = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(vlanAcls));
        vlanAclsOut = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(vlanAclsOut));
    }

    /** As before VLAN egress ACLs were shown (none). */
    public BridgeView(String name, String mode, String behaviour, BridgeStatus status, String reason, long modeChanges,
            long drops, Counters<BridgeDropReason> dropsByReason, long unassociatedForwarded, FdbStats fdb,
            List<BridgePortView> ports, Map<Integer, String> vlanAcls) {
        this(name, mode, behaviour, status, reason, modeChanges, drops, dropsByReason, unassociatedForwarded, fdb, ports,
                vlanAcls, Map.of());
    }

    /** As before VLAN ACLs were shown (none). */
    public BridgeView(String name, String mode, String behaviour, BridgeStatus status, String reason, long modeChanges,
            long drops, Counters<BridgeDropReason> dropsByReason, long unassociatedForwarded, FdbStats fdb,
            List<BridgePortView> ports) {
        this(name, mode, behaviour, status, reason, modeChanges, drops, dropsByReason, unassociatedForwarded, fdb, ports,
                Map.of());
    }

    /** As before {@code unassociatedForwarded} was shown (0). */
    public BridgeView(String name, String mode, String behaviour, BridgeStatus status, String reason, long modeChanges,
            long drops, Counters<BridgeDropReason> dropsByReason, FdbStats fdb, List<BridgePortView> ports) {
        this(name, mode, behaviour, status, reason, modeChanges, drops, dropsByReason, 0, fdb, ports);
    }

    /** A snapshot of {@code bridge}. */
    public static BridgeView of(Bridge bridge) {
        Counters<BridgeDropReason> drops = bridge.drops();
        return new BridgeView(bridge.name(), bridge.modeName(), bridge.behaviour(), bridge.status(), bridge.reason(),
                bridge.modeChanges(), drops.total(), drops, bridge.unassociatedForwarded(), bridge.fdbStats(),
                bridge.ports(), bridge.vlanAcls(), bridge.vlanAclsOut());
    }
}
