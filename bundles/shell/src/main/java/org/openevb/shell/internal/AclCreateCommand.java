package org.openevb.shell.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.openevb.api.config.ConfigFiles;
import org.openevb.api.policy.AclService;
import org.openevb.api.policy.AclStatus;
import org.openevb.api.policy.AclView;

/**
 * Creates a whole ACL as its configuration file, etc/org.openevb.acl-NAME.cfg, and waits until it
 * runs. Every rule is checked before the file is written; an ACL the platform refuses all the
 * same is not left behind: its file goes again and the command fails with the reason.
 */
@Service
@Command(scope = "evb", name = "acl-create",
        description = "Creates an ACL (its file etc/org.openevb.acl-NAME.cfg) with its default action and rules, numbered"
                + " 10, 20, ... in the order given, and shows it once it runs")
public class AclCreateCommand implements Action {

    static final long WAIT_MILLIS = 15_000;
    /** Rule numbers go up in steps of this, leaving room for rules inserted later by evb:acl-rule-add. */
    static final int STEP = 10;

    // optional: Karaf holds back every command of this bundle while a mandatory reference is missing
    @Reference(optional = true)
    AclService acls;

    @Option(name = "-d", aliases = "--default", required = true,
            description = "What happens to a frame no rule decides: permit or deny (never guessed)")
    @Completion(value = StringsCompleter.class, values = {"deny", "permit"})
    String defaultAction;

    @Option(name = "-j", aliases = "--json", description = "Print JSON instead of text")
    boolean json;

    @Argument(index = 0, name = "name", required = true, description = "The new ACL's name")
    String name;

    @Argument(index = 1, name = "rules", required = false, multiValued = true,
            description = "Its rules, one argument each (quoted), e.g. \"permit arp\" \"permit tcp dst-port 80\"")
    List<String> rules;

    @Override
    public Object execute() throws Exception {
        if (acls == null) {
            throw new CommandFailure("ACLs are not running (feature openevb-acl)");
        }
        Map<String, String> keys = keys(name, defaultAction, rules == null ? List.of() : rules, acls);
        if (acls.acl(name).isPresent()) {
            throw new CommandFailure("an ACL named '" + name + "' exists already");
        }
        Path file = NamedConfigurations.etc().resolve("org.openevb.acl-" + name + ".cfg");
        try {
            ConfigFiles.create(file, "An ACL, made by evb:acl-create; every key is explained in\n"
                    + "etc/org.openevb.acl-web.cfg and in the README.", keys);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new CommandFailure(file + " exists already");
        }
        AclView view = await(name);
        if (view == null || view.status() != AclStatus.ACTIVE) {
            Files.deleteIfExists(file);
            throw new CommandFailure("ACL '" + name + "' not created: "
                    + (view == null ? "it did not appear within " + WAIT_MILLIS / 1000 + " s" : view.reason()));
        }
        AclShowCommand.print(System.out, view, json);
        return null;
    }

    /**
     * The keys of the new ACL's file, checked as the ACL service will check them: the name, the
     * default action, each rule. A refusal names the key and the reason.
     */
    static Map<String, String> keys(String name, String defaultAction, List<String> rules, AclService acls)
            throws CommandFailure {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
            throw new CommandFailure("name: '" + name + "' is not a name (1..64 of letters, digits, '.', '_', ':', '-')");
        }
        String action = defaultAction == null ? "" : defaultAction.trim();
        if (!action.equals("permit") && !action.equals("deny")) {
            throw new CommandFailure("default: '" + action + "' is not one of permit, deny");
        }
        if (rules.size() * STEP > 65535) {
            throw new CommandFailure("rules: " + rules.size() + " rules cannot be numbered in steps of " + STEP
                    + " within 1..65535");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("name", name);
        keys.put("default", action);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String key = "rule." + (i + 1) * STEP;
            String rule = rules.get(i).trim();
            String problem = acls.checkRule(rule);
            if (!problem.isEmpty()) {
                problems.add(key + ": '" + rule + "' is not a rule: " + problem);
            }
            keys.put(key, rule);
        }
        if (!problems.isEmpty()) {
            throw new CommandFailure(String.join("; ", problems));
        }
        return keys;
    }

    /** The ACL once the service has read its file (active or in error), or null. */
    private AclView await(String acl) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            Optional<AclView> v = acls.acl(acl);
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(50);
        }
        return acls.acl(acl).orElse(null);
    }
}
