package org.openevb.acl.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** One ACL from one factory configuration: hands each version of it to the registry, which compiles it. */
@Component(configurationPid = AclComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = AclComponent.class, immediate = true)
@Designate(ocd = AclConfig.class, factory = true)
public class AclComponent {

    /** The factory PID of ACL configurations. */
    public static final String PID = "org.openevb.acl";

    private final AclRegistry registry;

    @Activate
    public AclComponent(@Reference AclRegistry registry, Map<String, Object> properties) {
        this.registry = registry;
        registry.configure(this, properties);
    }

    @Modified
    public void modified(Map<String, Object> properties) {
        registry.configure(this, properties);
    }

    @Deactivate
    public void deactivate() {
        registry.remove(this);
    }
}
