package org.openevb.api.policy;

import java.util.List;

/**
 * One ACL: its state, the rules that apply with their counters, and its default action.
 *
 * @param name the ACL's name, as bridges bind it
 * @param status whether its newest configuration applies
 * @param reason why not (the file, key, rule and problem), empty when it applies
 * @param defaultAction {@code permit} or {@code deny}: what happens to a frame no rule decides
 * @param defaultFrames frames the default action decided
 * @param rules the rules that apply, in order (the last valid set while the newest is in error)
 */
public record AclView(String name, AclStatus status, String reason, String defaultAction, long defaultFrames,
        List<AclRuleView> rules) {
}
