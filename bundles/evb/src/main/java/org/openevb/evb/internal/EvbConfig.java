package org.openevb.evb.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The EVB TLV on a set of ports: one factory configuration of {@value EvbConfigComponent#PID}
 * each, e.g. {@code etc/org.openevb.evb-station.cfg}. It runs on the port's LLDP agent for the
 * nearest customer bridge address, which is started for it.
 */
@ObjectClassDefinition(
        id = EvbConfigComponent.PID,
        name = "EVB TLV",
        description = "802.1Qbg EVB TLV exchange in station or bridge role on a set of ports.")
public @interface EvbConfig {

    @AttributeDefinition(name = "Ports",
            description = "Comma-separated port names; '*' matches any characters (e.g. uplink, sbp-ch*).")
    String ports() default "";

    @AttributeDefinition(name = "Role", description = "station (asks for reflective relay) or bridge (grants it).",
            options = {@Option(label = "station", value = "station"), @Option(label = "bridge", value = "bridge")})
    String role() default "station";

    @AttributeDefinition(name = "Reflective relay",
            description = "Station: request reflective relay (RRREQ). Bridge: capable of it (RRCAP), so it is granted to a station that asks.")
    String reflective_relay() default "true";

    @AttributeDefinition(name = "Group IDs", description = "VDP group IDs supported (station SGID, bridge BGID).")
    String group_ids() default "false";

    @AttributeDefinition(name = "ECP retries", description = "R: ECP maximum retries (0..7).")
    String ecp_retries() default "3";

    @AttributeDefinition(name = "ECP timer exponent",
            description = "RTE: ECP retransmission timer = 10 us x 2^RTE (0..31).")
    String ecp_rte() default "14";

    @AttributeDefinition(name = "VDP resource wait delay exponent", description = "RWD: 10 us x 2^RWD (0..31).")
    String vdp_rwd() default "20";

    @AttributeDefinition(name = "VDP keep-alive exponent", description = "RKA: 10 us x 2^RKA (0..31).")
    String vdp_rka() default "20";

    @AttributeDefinition(name = "Link-aggregation members",
            description = "Ports of 'ports' declared members of a link aggregation ('*' matches any characters): EVB is "
                    + "refused on them, as switches that do not run EVB on aggregated ports refuse it (no EVB TLV, "
                    + "no reflective relay, no VDP). Empty: none.")
    String lag_members() default "";

    @AttributeDefinition(name = "VDP",
            description = "false: ECP and VDP do not run on these ports, as on a switch without VDP; the EVB TLV and "
                    + "reflective relay still do.")
    String vdp() default "true";
}
