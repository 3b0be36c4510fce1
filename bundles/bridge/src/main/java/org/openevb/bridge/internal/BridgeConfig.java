package org.openevb.bridge.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A bridge's configuration: one factory configuration of {@value BridgeComponent#PID} per bridge,
 * e.g. {@code etc/org.openevb.bridge-br0.cfg}. Per-port settings are keys of their own, named
 * after the port: {@code port.<name>.pvid}, {@code port.<name>.vlans},
 * {@code port.<name>.untagged}, {@code port.<name>.reflective.relay}, {@code port.<name>.acl.in},
 * {@code port.<name>.acl.out}; per VLAN, {@code vlan.<VID>.acl.in} (or {@code vlan.<VID>.acl}) and
 * {@code vlan.<VID>.acl.out}.
 */
@ObjectClassDefinition(
        id = BridgeComponent.PID,
        name = "EVB bridge",
        description = "An 802.1Q bridge or an edge relay (VEB, VEPA) over configured ports.")
public @interface BridgeConfig {

    @AttributeDefinition(name = "Name", description = "Bridge name, unique on the platform.")
    String name() default "";

    @AttributeDefinition(name = "Mode",
            description = "Forwarding mode: dot1q (802.1Q bridge, reflective relay per port), veb, vepa or auto (edge relays; auto is VEPA while the adjacent bridge grants reflective relay, VEB otherwise). "
                    + "Changing it swaps the mode live, keeping ports, FDB and counters.")
    String mode() default "dot1q";

    @AttributeDefinition(name = "Ports", description = "Comma-separated names of the bridge's ports (see org.openevb.port).")
    String ports() default "";

    @AttributeDefinition(name = "Uplink", required = false,
            description = "Edge relays: the port towards the adjacent bridge; every other port is a VSI port. "
                    + "Empty for an 802.1Q bridge.")
    String uplink() default "";

    @AttributeDefinition(name = "Aging time", description = "Seconds before a learned FDB entry is forgotten (10..1000000).")
    String aging_seconds() default "" + BridgeSettings.DEFAULT_AGING_SECONDS;

    @AttributeDefinition(name = "FDB size", description = "Most FDB entries (16..1048576); when full, new sources are not learned.")
    String fdb_max_entries() default "" + BridgeSettings.DEFAULT_FDB_MAX;

    @AttributeDefinition(name = "Static FDB entries", required = false,
            description = "Comma-separated 'MAC PORT [VID]' entries, e.g. '02:00:00:00:00:01 vm1 10'.")
    String static_fdb() default "";

    @AttributeDefinition(name = "VSI enforcement", required = false,
            description = "On ports where VDP runs in the bridge role: 'enforce' drops frames whose (source MAC, VID) "
                    + "matches no associated VSI, 'count-only' counts them and forwards them anyway, 'off' (default) "
                    + "ignores VDP. Ports without VDP are never affected.")
    String vsi_enforcement() default "off";

    @AttributeDefinition(name = "Kernel forwarding", required = false,
            description = "on: known unicast the bridge forwards unchanged from one port to another, with no ACL and no VSI "
                    + "on the bridge and no tap, guard, policer or shaper on either port, is handed to the kernel for the "
                    + "frames that follow, where both ports' driver can (xdp); off (default): every frame passes the bridge.")
    String kernel_forwarding() default "off";
}
