package org.openevb.cb.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A controlling bridge's port extension side: one factory configuration of
 * {@value CbComponent#PID}, e.g. {@code etc/org.openevb.cb-cb1.cfg}. Its extended ports are
 * switched by an ordinary bridge ({@code org.openevb.bridge}) that lists them as ports.
 */
@ObjectClassDefinition(
        id = CbComponent.PID,
        name = "EVB controlling bridge",
        description = "Cascade ports towards port extenders; one bridge port per (cascade port, E-CID or vif).")
public @interface CbConfig {

    @AttributeDefinition(name = "Name", description = "Controlling bridge name, unique on the platform.")
    String name() default "";

    @AttributeDefinition(name = "Cascade ports",
            description = "Comma-separated 'PORT: FORMAT' entries, FORMAT etag or vntag, e.g. 'c1: etag, c2: vntag'.")
    String cascades() default "";

    @AttributeDefinition(name = "Extended ports",
            description = "Comma-separated 'CASCADE: IDS' entries: the E-CIDs or vifs (1..4095, ranges LOW-HIGH) of the "
                    + "extended ports below each cascade port, e.g. 'c1: 1-8 101 102'. Each becomes a port named "
                    + "CASCADE.eID (E-Tag) or CASCADE.vID (VN-Tag).")
    String extended_ports() default "";

    @AttributeDefinition(name = "Replication groups", required = false,
            description = "Comma-separated 'CASCADE/ID: IDS' entries: a multicast E-CID (0x1000..0x3FFF) or vif list id "
                    + "(1..0x3FFF) on a cascade and the extended ports it reaches, e.g. 'c1/0x1001: 1-8 101 102'. "
                    + "The extenders must be configured with the same groups.")
    String groups() default "";
}
