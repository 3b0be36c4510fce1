package org.openevb.shell.internal;

import java.util.Collection;
import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.policy.AclService;
import org.openevb.api.policy.AclView;

/** Completes ACL names. */
@Service
public class AclNameCompleter extends NameCompleter {

    @Reference(optional = true)
    AclService acls;

    @Override
    Collection<String> names() {
        return acls == null ? List.of() : acls.acls().stream().map(AclView::name).toList();
    }
}
