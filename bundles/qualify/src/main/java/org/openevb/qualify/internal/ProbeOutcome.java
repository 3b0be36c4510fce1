package org.openevb.qualify.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openevb.api.qualify.Verdict;

/** What a probe concluded: a verdict, the sentence that explains it, and the values behind it (in order). */
record ProbeOutcome(Verdict verdict, String summary, Map<String, String> values) {

    ProbeOutcome {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
