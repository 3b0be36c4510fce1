package org.openevb.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.openevb.api.policy.AclStatus;

/** Removes one rule of an ACL, live. */
@Service
@Command(scope = "evb", name = "acl-rule-remove",
        description = "Removes rule NUMBER of an ACL from its configuration; applies between two frames")
public class AclRuleRemoveCommand extends AclRuleCommand {

    @Override
    public Object execute() throws Exception {
        // also a rule that does not parse (the last good set runs without it): removing it ends the ERROR
        return change(null, v -> v.status() == AclStatus.ACTIVE && v.rules().stream().noneMatch(r -> r.id() == id));
    }
}
