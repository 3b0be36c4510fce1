package org.openevb.lldp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * LLDP settings for a set of ports: one factory configuration of {@value LldpConfigComponent#PID}
 * each, e.g. {@code etc/org.openevb.lldp-uplinks.cfg}. Numbers are text so that a bad value is
 * reported with its key instead of failing the whole configuration.
 */
@ObjectClassDefinition(
        id = LldpConfigComponent.PID,
        name = "EVB LLDP agents",
        description = "LLDP agents on a set of ports: which group addresses, timers and admin status.")
public @interface LldpConfig {

    @AttributeDefinition(name = "Ports",
            description = "Comma-separated port names; '*' matches any characters (e.g. uplink, sbp-ch*, *).")
    String ports() default "";

    @AttributeDefinition(name = "Addresses", description = "Comma-separated group addresses to run an agent for: "
            + "nearest-bridge (nb), nearest-customer-bridge (ncb), nearest-nontpmr-bridge (nntpmr).")
    String addresses() default "nearest-bridge";

    @AttributeDefinition(name = "Admin status", description = "rxtx, tx (send only), rx (receive only) or disabled.")
    String admin_status() default "rxtx";

    @AttributeDefinition(name = "Transmit interval", description = "Seconds between LLDPDUs (msgTxInterval, 1..3600).")
    String tx_interval() default "30";

    @AttributeDefinition(name = "Transmit hold",
            description = "TTL = interval x hold + 1 (msgTxHold, 1..100).")
    String tx_hold() default "4";

    @AttributeDefinition(name = "Fast transmit interval",
            description = "Seconds between LLDPDUs after a change or a new neighbour (msgFastTx, 1..3600).")
    String tx_fast_interval() default "1";

    @AttributeDefinition(name = "Fast transmit count",
            description = "LLDPDUs sent at the fast interval after a change or a new neighbour (txFastInit, 1..8).")
    String tx_fast_count() default "4";

    @AttributeDefinition(name = "System name", description = "System Name TLV; empty: the host name.")
    String system_name() default "";

    @AttributeDefinition(name = "Maximum neighbours",
            description = "Neighbours kept per agent (1..64); LLDPDUs of more are dropped and counted.")
    String max_neighbours() default "8";
}
