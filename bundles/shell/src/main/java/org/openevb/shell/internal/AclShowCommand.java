package org.openevb.shell.internal;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.openevb.api.policy.AclRuleView;
import org.openevb.api.policy.AclService;
import org.openevb.api.policy.AclView;

/** Shows one ACL: its rules in order with their counters, and the default action's. */
@Service
@Command(scope = "evb", name = "acl-show", description = "Shows an ACL: its rules in order with the frames each matched, and the default action")
public class AclShowCommand implements Action {

    @Reference
    AclService acls;

    @Argument(index = 0, name = "acl", required = true, description = "ACL name")
    @Completion(AclNameCompleter.class)
    String name;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws Exception {
        AclView view = acls.acl(name).orElseThrow(() -> new CommandFailure("no ACL named '" + name + "'"));
        print(System.out, view, json);
        return null;
    }

    /** The ACL as a table, or as JSON. */
    static void print(PrintStream out, AclView a, boolean json) {
        if (json) {
            out.println(Json.toJson(a));
            return;
        }
        out.printf("ACL %s  %s%s%n", a.name(), a.status(), a.reason().isEmpty() ? "" : " - " + a.reason());
        ShellTable table = new ShellTable();
        table.column("Rule").alignRight();
        table.column("Action");
        table.column("Match");
        table.column("Frames").alignRight();
        for (AclRuleView r : a.rules()) {
            String match = r.rule().substring(Math.min(r.rule().length(), r.action().length())).trim();
            table.addRow().addContent(r.id(), r.action(), match.isEmpty() ? "any" : match, r.frames());
        }
        table.addRow().addContent("default", a.defaultAction(), "", a.defaultFrames());
        table.print(out);
    }
}
