package org.openevb.qualify.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openevb.api.qualify.Verdict;

/**
 * What a probe concluded: a verdict, the sentence that explains it, the values behind it (in
 * order), and what it changed in the peer's state and whether that was restored (empty: nothing).
 */
record ProbeOutcome(Verdict verdict, String summary, Map<String, String> values, String peerState) {

    ProbeOutcome {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        peerState = peerState == null ? "" : peerState;
    }

    ProbeOutcome(Verdict verdict, String summary, Map<String, String> values) {
        this(verdict, summary, values, "");
    }

    ProbeOutcome withPeerState(String state) {
        return new ProbeOutcome(verdict, summary, values, state);
    }
}
