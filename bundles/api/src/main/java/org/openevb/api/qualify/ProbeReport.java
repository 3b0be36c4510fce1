package org.openevb.api.qualify;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One probe's result.
 *
 * @param id             the probe's id, e.g. {@code P1}
 * @param title          the probe's title
 * @param sends          what the probe sent
 * @param concludes      what its verdict is about
 * @param verdict        what it concluded
 * @param summary        the conclusion in one sentence
 * @param values         what it measured, by name, in the order it measured them (compared between runs)
 * @param evidence       frames and notes, in time order
 * @param startedMillis  when it started, in milliseconds since the session started
 * @param durationMillis how long it ran
 * @param peerState      what the probe changed in the peer's state and whether it was restored (e.g. a VSI
 *                       associated, then de-associated at the end); empty when it changed nothing that outlives it
 */
public record ProbeReport(String id, String title, String sends, String concludes, Verdict verdict, String summary,
                          Map<String, String> values, List<Observation> evidence, long startedMillis,
                          long durationMillis, String peerState) {

    public ProbeReport {
        peerState = peerState == null ? "" : peerState;
        // a copy that keeps the order of measurement
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        evidence = List.copyOf(evidence);
    }

    /** A report of a probe that left nothing changed in the peer. */
    public ProbeReport(String id, String title, String sends, String concludes, Verdict verdict, String summary,
                       Map<String, String> values, List<Observation> evidence, long startedMillis, long durationMillis) {
        this(id, title, sends, concludes, verdict, summary, values, evidence, startedMillis, durationMillis, "");
    }
}
