package org.openevb.acl.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.openevb.api.config.CheckedSettings;
import org.openevb.api.config.ConfigSyntax;

/**
 * One ACL's configuration, checked: its name, default action and rules in order. Every bad key is
 * named with the rule and the reason: {@code rule.20: 'permit tcp dst-port 99999' is not a rule:
 * ...}; one bad rule makes the whole set invalid, so a set never applies with a rule missing.
 */
record AclSettings(String name, boolean defaultPermit, List<AclRule> rules, List<String> errors)
        implements CheckedSettings {

    /** Most rules in one ACL: the compiled table's bound. */
    static final int MAX_RULES = CompiledAcl.MAX_RULES;
    static final String RULE_PREFIX = "rule.";

    static AclSettings from(Map<String, ?> properties) {
        List<String> errors = new ArrayList<>();
        String name = ConfigSyntax.name("name", text(properties, "name"), errors);
        String d = text(properties, "default");
        boolean permit = false;
        if (d == null || d.isBlank()) {
            // never a default picked for the operator: an ACL that forgot it must not let all through, nor stop all
            errors.add("default: missing: say permit or deny");
        } else {
            permit = ConfigSyntax.choice("default", d, List.of("deny", "permit"), errors).equals("permit");
        }
        List<AclRule> rules = new ArrayList<>();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(RULE_PREFIX)) {
                continue;
            }
            String value = String.valueOf(e.getValue());
            int id;
            try {
                id = Integer.parseInt(key.substring(RULE_PREFIX.length()));
            } catch (NumberFormatException notANumber) {
                id = -1;
            }
            if (id < 1 || id > 65535) {
                errors.add(key + ": not a rule key: rules are rule.<1..65535>");
                continue;
            }
            try {
                rules.add(RuleParser.parse(id, value));
            } catch (IllegalArgumentException bad) {
                errors.add(ConfigSyntax.problem(key, value, "a rule: " + bad.getMessage()));
            }
        }
        rules.sort(Comparator.comparingInt(AclRule::id));
        if (rules.size() > MAX_RULES) {
            errors.add("rules: " + rules.size() + " rules, more than " + MAX_RULES);
        }
        errors.sort(null);
        return new AclSettings(name, permit, List.copyOf(rules), List.copyOf(errors));
    }

    private static String text(Map<String, ?> props, String key) {
        Object v = props.get(key);
        return v == null ? null : v.toString();
    }
}
