package org.openevb.api.policy;

/** State of an ACL's configuration. */
public enum AclStatus {
    /** Its configuration is valid and its rules apply. */
    ACTIVE,
    /**
     * Its configuration is invalid: the reason names the key, the rule and what is wrong; the last
     * valid rule set keeps applying, or none when there never was one (frames dropped as unavailable).
     */
    ERROR
}
