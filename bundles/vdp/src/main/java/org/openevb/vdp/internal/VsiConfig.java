package org.openevb.vdp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One VSI of the station role: one factory configuration of {@value VsiConfigComponent#PID} each,
 * e.g. {@code etc/org.openevb.vsi-web1.cfg}. Its port runs VDP once the EVB TLV is exchanged there.
 */
@ObjectClassDefinition(
        id = VsiConfigComponent.PID,
        name = "VSI (VDP station)",
        description = "A VSI the station announces to the adjacent bridge with VDP (802.1Qbg clause 41).")
public @interface VsiConfig {

    @AttributeDefinition(name = "Name", description = "The VSI's name in commands; default: the file's name after 'org.openevb.vsi-'.")
    String name() default "";

    @AttributeDefinition(name = "Port", description = "The port (interface or S-channel) with the EVB TLV in station role.")
    String port() default "";

    @AttributeDefinition(name = "Relay port", description = "The edge relay port the VSI is attached to (the VM's "
            + "port of the relay whose uplink is 'port'): its announcements after a migration are forwarded by that relay "
            + "as the VM's own frames. Empty: none, they leave by 'port' itself.")
    String relay_port() default "";

    @AttributeDefinition(name = "Manager ID", description = "VSI Manager ID: an IPv4 or IPv6 address, 32 hex digits, or 0 for none.")
    String manager_id() default "0";

    @AttributeDefinition(name = "Type ID", description = "VSI type ID, 0..16777215 (decimal or 0x hex).")
    String type_id() default "";

    @AttributeDefinition(name = "Type version", description = "VSI type version, 0..255.")
    String type_version() default "0";

    @AttributeDefinition(name = "VSIID", description = "FORMAT:VALUE with FORMAT uuid, mac, ipv4, ipv6 or local (32 hex digits).")
    String vsiid() default "";

    @AttributeDefinition(name = "Filter format", description = "vid, mac-vid, group-vid or group-mac-vid.")
    String filter_format() default "mac-vid";

    @AttributeDefinition(name = "Filter", description = "Comma-separated entries [GROUP/][MAC/]VID[@PCP]; VID 0 lets the bridge choose.")
    String filter() default "";

    @AttributeDefinition(name = "Announce", description = "Whether the station announces the VSI's MACs (RARP) "
            + "after it migrates here (an associate with the migrate-to hint): true or false.")
    String announce() default "true";

    @AttributeDefinition(name = "Announcement rounds", description = "How many rounds (QEMU's announce-rounds), 1..100.")
    String announce_rounds() default "5";

    @AttributeDefinition(name = "First interval", description = "Milliseconds before the second round "
            + "(QEMU's announce-initial), 0..60000.")
    String announce_initial() default "50";

    @AttributeDefinition(name = "Longest interval", description = "The longest interval between two rounds in "
            + "milliseconds (QEMU's announce-max), announce.initial..60000.")
    String announce_max() default "550";

    @AttributeDefinition(name = "Interval step", description = "How much each interval grows, in milliseconds "
            + "(QEMU's announce-step), 0..60000.")
    String announce_step() default "100";

    @AttributeDefinition(name = "Command", description = "What the station asks when VDP starts on the port: associate, pre-associate, pre-associate-rr, or none.")
    String command() default "associate";
}
