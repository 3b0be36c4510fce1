package org.openevb.api.policy;

/**
 * One rule of an ACL, as it applies.
 *
 * @param id its number, from the key {@code rule.<id>}; rules apply in ascending order
 * @param action {@code permit}, {@code deny} or {@code count} (counts and goes on to the next rule)
 * @param rule the rule as written
 * @param frames frames it matched since the rule was set (a rule whose text changes starts at 0)
 */
public record AclRuleView(int id, String action, String rule, long frames) {
}
