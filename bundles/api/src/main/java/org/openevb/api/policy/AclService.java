package org.openevb.api.policy;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The access control lists configured on the platform, by name. */
@ProviderType
public interface AclService {

    /**
     * The filter of the ACL of that name, the same object for as long as the service runs. It
     * follows the ACL's rule sets as they change; while no valid rule set exists under the name it
     * answers {@link PacketFilter#UNAVAILABLE}, so a binding never lets frames through by accident.
     */
    PacketFilter filter(String name);

    /** Every configured ACL, by name. */
    List<AclView> acls();

    /** One ACL. */
    Optional<AclView> acl(String name);

    /** What is wrong with the text of one rule, as a configuration would report it; empty when it is a rule. */
    String checkRule(String rule);
}
