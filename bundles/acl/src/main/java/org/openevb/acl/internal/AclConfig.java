package org.openevb.acl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * An ACL: one factory configuration of {@value AclComponent#PID} per ACL, e.g.
 * {@code etc/org.openevb.acl-web.cfg}. Its rules are keys of their own, {@code rule.<N>}, applied
 * in ascending N.
 */
@ObjectClassDefinition(
        id = AclComponent.PID,
        name = "EVB access control list",
        description = "Ordered rules (rule.<N> = permit|deny|count ...) and a default action, bound to bridge ports "
                + "with port.<port>.acl.in / port.<port>.acl.out in the bridge's configuration.")
public @interface AclConfig {

    @AttributeDefinition(name = "Name", description = "ACL name, unique on the platform; bridges bind it by this name.")
    String name() default "";

    @AttributeDefinition(name = "Default action", description = "permit or deny: what happens to a frame no rule decides. Required.")
    String default$() default "";
}
