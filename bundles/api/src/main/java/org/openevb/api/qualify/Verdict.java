package org.openevb.api.qualify;

import org.openevb.api.view.Keyed;

/** What a probe concluded about the peer. */
public enum Verdict implements Keyed {
    /** The peer did what the probe checks, as the standard says. */
    PASS("pass"),
    /** The peer did something the probe checks, but not as the standard says. */
    FAIL("fail"),
    /** The peer does not do what the probe checks at all (no LLDP, no reflective relay...). */
    NOT_SUPPORTED("not-supported"),
    /** The probe ran but what it saw does not allow a conclusion. */
    INCONCLUSIVE("inconclusive"),
    /** The probe could not run (stopped, interrupted, or it needs what this platform lacks yet). */
    NOT_RUN("not-run");

    private final String key;

    Verdict(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
