package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Adds or replaces one rule of an ACL, live: a rule that does not parse is refused and nothing changes. */
@Service
@Command(scope = "evb", name = "acl-rule-add",
        description = "Adds (or replaces) rule NUMBER of an ACL, kept in its configuration; applies between two frames")
public class AclRuleAddCommand extends AclRuleCommand {

    @Argument(index = 2, name = "text", required = true, multiValued = true,
            description = "The rule: permit|deny|count [PROTOCOL] [MATCH VALUE]..., e.g. permit tcp dst-port 80")
    List<String> words;

    @Override
    public Object execute() throws Exception {
        String rule = String.join(" ", words).trim();
        String problem = acls.checkRule(rule);
        if (!problem.isEmpty()) {
            throw new CommandFailure("'" + rule + "' is not a rule: " + problem);
        }
        return change(rule, v -> v.rules().stream().anyMatch(r -> r.id() == id && r.rule().equals(rule)));
    }
}
