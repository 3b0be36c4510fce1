package org.openevb.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.policy.AclRuleView;
import org.openevb.api.policy.AclService;
import org.openevb.api.policy.AclView;

/** Lists every ACL: state, default action, rules, frames matched. */
@Service
@Command(scope = "evb", name = "acl-list", description = "Lists the ACLs: state, default action, rules and frames matched")
public class AclListCommand implements Action {

    @Reference
    AclService acls;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() {
        List<AclView> all = acls.acls();
        if (json) {
            System.out.println(Json.toJson(all));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("ACL");
        table.column("Status");
        table.column("Default");
        table.column("Rules").alignRight();
        table.column("Matched").alignRight();
        table.column("Default frames").alignRight();
        table.column("Reason");
        for (AclView a : all) {
            table.addRow().addContent(a.name(), a.status(), a.defaultAction(), a.rules().size(),
                    a.rules().stream().mapToLong(AclRuleView::frames).sum(), a.defaultFrames(), a.reason());
        }
        table.print(System.out);
        return null;
    }
}
