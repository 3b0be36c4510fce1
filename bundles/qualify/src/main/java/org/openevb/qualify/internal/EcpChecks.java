package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.qualify.Verdict;

/**
 * P6's rules, without a clock: what the peer's ECP did with our requests, judged against the
 * standard's ECP (clause 43, as lldpad implements it): every request acknowledged within the
 * ackTimer (10 µs·2^RTE, the sender's retransmission timer); a request repeated with the same
 * sequence number acknowledged again and not delivered again; unknown subtypes and versions
 * discarded without an acknowledgement; its own request retransmitted R times, an ackTimer apart,
 * when not acknowledged, then given up.
 */
final class EcpChecks {

    /**
     * Requests whose acknowledgement is timed. ECP survives an occasional late acknowledgement by
     * retransmitting, so the median is judged and each late one is reported.
     */
    static final int TIMED_REQUESTS = 5;

    /**
     * What was seen.
     *
     * @param r                  R in force
     * @param ackTimerMillis     the ackTimer in force
     * @param ackMillis          per timed request, its acknowledgement's latency, -1 if none came
     * @param answered           whether the peer answered the timed requests at VDP (what makes the
     *                           duplicate and retry checks possible)
     * @param duplicateAcks      acknowledgements of the repeated sequence number
     * @param duplicateAnswers   VDP answers to the repeated request (it was delivered again)
     * @param unknownSubtypeAcks acknowledgements of a request of subtype 15
     * @param badVersionAcks     acknowledgements of a request of version 2
     * @param retryCopies        transmissions of the peer's request we did not acknowledge, -1 if not measured
     * @param retryGapsMillis    the gaps between those transmissions
     */
    record Seen(int r, double ackTimerMillis, List<Double> ackMillis, boolean answered, int duplicateAcks,
                int duplicateAnswers, int unknownSubtypeAcks, int badVersionAcks, int retryCopies,
                List<Double> retryGapsMillis) {
        Seen {
            ackMillis = List.copyOf(ackMillis);
            retryGapsMillis = List.copyOf(retryGapsMillis);
        }
    }

    private EcpChecks() {
    }

    static ProbeOutcome conclude(Seen s) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("r", Integer.toString(s.r()));
        values.put("ack-timer", s.ackTimerMillis() + " ms");
        List<String> acks = new ArrayList<>();
        List<Double> measured = new ArrayList<>();
        int late = 0;
        for (double a : s.ackMillis()) {
            acks.add(a < 0 ? "none" : a + " ms");
            if (a >= 0) {
                measured.add(a);
                late += a > s.ackTimerMillis() ? 1 : 0;
            }
        }
        int acked = measured.size();
        values.put("ack-latency", String.join(", ", acks));
        if (acked == 0) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "the peer acknowledged none of " + s.ackMillis().size()
                    + " ECP requests: no ECP on this port", values);
        }
        List<String> failures = new ArrayList<>();
        if (acked < s.ackMillis().size()) {
            failures.add((s.ackMillis().size() - acked) + " of " + s.ackMillis().size() + " requests never acknowledged");
        }
        java.util.Collections.sort(measured);
        double median = measured.get(measured.size() / 2);
        double worst = measured.get(measured.size() - 1);
        values.put("ack-median", median + " ms");
        values.put("ack-late", late + " of " + s.ackMillis().size() + " after the ackTimer (retransmitted by then)");
        if (median > s.ackTimerMillis()) {
            failures.add("acknowledged after " + median + " ms (median), later than the ackTimer (" + s.ackTimerMillis()
                    + " ms): the sender retransmits every request");
        }
        values.put("duplicate", s.duplicateAcks() == 0 ? "not acknowledged"
                : "acknowledged" + (s.answered() ? (s.duplicateAnswers() == 0 ? ", not delivered again"
                        : ", delivered again (" + s.duplicateAnswers() + " more VDP answer(s))") : ""));
        if (s.duplicateAcks() == 0) {
            failures.add("a repeated sequence number was not acknowledged (the sender retransmits until it gives up)");
        }
        if (s.duplicateAnswers() > 0) {
            failures.add("a repeated sequence number was delivered to VDP again");
        }
        values.put("unknown-subtype", s.unknownSubtypeAcks() == 0 ? "discarded, not acknowledged" : "acknowledged");
        if (s.unknownSubtypeAcks() > 0) {
            failures.add("a request of an unknown subtype (15) was acknowledged, so its sender believes it delivered");
        }
        values.put("bad-version", s.badVersionAcks() == 0 ? "discarded, not acknowledged" : "acknowledged");
        if (s.badVersionAcks() > 0) {
            failures.add("a request of version 2 was acknowledged");
        }
        String retries;
        if (s.retryCopies() < 0) {
            retries = "not measured: the peer answered no request of ours, so it sent nothing to leave unacknowledged";
        } else {
            retries = s.retryCopies() + " transmission(s) of an unacknowledged request (expected 1 + R = " + (1 + s.r()) + ")"
                    + (s.retryGapsMillis().isEmpty() ? "" : ", gaps " + gaps(s.retryGapsMillis()) + " ms");
            if (s.retryCopies() != 1 + s.r()) {
                failures.add("sent " + s.retryCopies() + " transmission(s) of an unacknowledged request, not 1 + R = " + (1 + s.r()));
            }
            for (double g : s.retryGapsMillis()) {
                if (g < s.ackTimerMillis() / 2) {
                    failures.add("retransmitted " + g + " ms after the previous transmission, well inside the ackTimer ("
                            + s.ackTimerMillis() + " ms)");
                    break;
                }
            }
        }
        values.put("retries", retries);
        if (!failures.isEmpty()) {
            return new ProbeOutcome(Verdict.FAIL, String.join("; ", failures), values);
        }
        return new ProbeOutcome(Verdict.PASS, "acknowledged in " + median + " ms (median; ackTimer " + s.ackTimerMillis()
                + " ms" + (late == 0 ? ", none later" : ", " + late + " later, at most " + worst + " ms") + "); a repeated sequence number acknowledged" + (s.answered() ? ", not delivered again" : "")
                + "; unknown subtype and version discarded; "
                + (s.retryCopies() < 0 ? "retries not measured" : s.retryCopies() + " transmissions when not acknowledged"),
                values);
    }

    static String gaps(List<Double> gaps) {
        return String.join(", ", gaps.stream().map(g -> Double.toString(g)).toList());
    }
}
