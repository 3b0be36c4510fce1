package org.openevb.extender.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A port extender's configuration: one factory configuration of {@value ExtenderComponent#PID}
 * per extender, e.g. {@code etc/org.openevb.extender-pe1.cfg}.
 */
@ObjectClassDefinition(
        id = ExtenderComponent.PID,
        name = "EVB port extender",
        description = "An 802.1BR (E-Tag) or VN-Tag port extender: host ports and cascaded extenders below, "
                + "one upstream port towards the controlling bridge.")
public @interface ExtenderConfig {

    @AttributeDefinition(name = "Name", description = "Extender name, unique on the platform.")
    String name() default "";

    @AttributeDefinition(name = "Tag format", description = "etag (IEEE 802.1BR E-Tag) or vntag (Cisco VN-Tag).")
    String format() default "etag";

    @AttributeDefinition(name = "Upstream port", description = "The port towards the controlling bridge (or the extender above).")
    String upstream() default "";

    @AttributeDefinition(name = "Host ports",
            description = "Comma-separated 'PORT: ID' entries: each port's point-to-point E-CID or vif (1..4095), "
                    + "e.g. 'vm1: 1, vm2: 2'.")
    String ports() default "";

    @AttributeDefinition(name = "Cascade ports", required = false,
            description = "Comma-separated 'PORT: RANGES' entries: extenders below this one and the E-CIDs or vifs "
                    + "they serve, e.g. 'pe2: 100-199'.")
    String cascades() default "";

    @AttributeDefinition(name = "Replication groups", required = false,
            description = "Comma-separated 'ID: PORT...' entries: a multicast E-CID (0x1000..0x3FFF) or vif list id "
                    + "(1..0x3FFF) and the host and cascade ports it replicates to, e.g. '0x1001: vm1 vm2 pe2'.")
    String groups() default "";
}
