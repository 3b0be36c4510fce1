package org.openevb.qualify.internal;

import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;

/**
 * One probe of the qualification kit: it sends through the session, reads what comes back within
 * its own time bounds, and concludes. Probes run one after the other on the runner's thread.
 */
interface Probe {

    /** What the probe is, sends and concludes (also what the README and the report say). */
    ProbeInfo info();

    /**
     * Runs against the peer. Every wait ends by a deadline; an interrupt ends the probe.
     *
     * @return the verdict, its one-line summary and the measured values (evidence goes to the session)
     */
    ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException;

    /**
     * What the request lacks for this probe to run (an option it needs), or null when it can run.
     * A run of every probe leaves such a probe out and says why; naming it is refused.
     */
    default String needs(QualifyRequest request) {
        return null;
    }
}
