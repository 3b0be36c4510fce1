package org.openevb.shell.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.openevb.api.policy.AclService;
import org.openevb.api.policy.AclView;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Changes one rule of an ACL in its configuration (the file, then ConfigAdmin, as a hand edit
 * would), waits until the ACL runs the change (at most {@value #WAIT_SECONDS} s) and shows it.
 */
abstract class AclRuleCommand implements Action {

    static final int WAIT_SECONDS = 5;

    @Reference
    AclService acls;

    @Reference
    ConfigurationAdmin configurationAdmin;

    @Argument(index = 0, name = "acl", required = true, description = "ACL name")
    @Completion(AclNameCompleter.class)
    String name;

    @Argument(index = 1, name = "rule", required = true, description = "Rule number, 1..65535: rules apply in ascending order")
    int id;

    @Option(name = "-j", aliases = "--json", description = "Print the ACL after the change as JSON instead of text")
    boolean json;

    /** Sets rule.ID to {@code rule}, or removes it when null, and shows the ACL once it applies. */
    Object change(String rule, Predicate<AclView> applied) throws Exception {
        if (id < 1 || id > 65535) {
            throw new CommandFailure("rule number " + id + " is not in 1..65535");
        }
        if (acls.acl(name).isEmpty()) {
            throw new CommandFailure("no ACL named '" + name + "'");
        }
        if (!NamedConfigurations.set(configurationAdmin, NamedConfigurations.ACLS, name, "rule." + id, rule)) {
            throw new CommandFailure("no configuration of an ACL named '" + name + "'");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        AclView view = acls.acl(name).orElse(null);
        while ((view == null || !applied.test(view)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            view = acls.acl(name).orElse(null);
        }
        if (view == null || !applied.test(view)) {
            throw new CommandFailure("ACL '" + name + "' does not run the change yet"
                    + (view == null || view.reason().isEmpty() ? "" : ": " + view.reason()));
        }
        AclShowCommand.print(System.out, view, json);
        return null;
    }
}
