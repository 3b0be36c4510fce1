package org.openevb.qualify.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openevb.api.qualify.Verdict;
import org.openevb.vdp.VdpTimers;

/**
 * P9's rules, without a clock: the bridge's de-association time when keep-alives stop, against
 * toutKeepAlive = 1.5 x [(2R+1) x 10 us x 2^RTE + 10 us x 2^RKA] with the timers in force.
 */
final class KeepAliveTimeout {

    /** The longest the kit waits for a timeout to be seen. */
    static final long MAX_WAIT_MILLIS = 150_000;
    /** A de-association this much earlier than expected is too early. */
    static final double EARLY = 0.8;
    /** ... and this much later (plus {@link #SLACK_MILLIS}) too late. */
    static final double LATE = 1.25;
    static final long SLACK_MILLIS = 300;

    /**
     * What was seen, times in milliseconds since our last keep-alive.
     *
     * @param timers           the timers in force
     * @param associated       the answer to our Associate (null if none)
     * @param keepAliveAnswered whether our keep-alive (the same Associate again) was answered with success
     * @param deassociatedAt   when the bridge's own De-Associate of the VSI came, -1 if none
     * @param freedAt          when a second VSI with the same MAC was first admitted after being refused, -1 if never
     * @param lastRefusedAt    when it was last refused before that
     * @param sameMacAdmitted  whether the second VSI was admitted at once (the bridge does not hold MACs per VSI)
     * @param waitedMillis     how long the kit watched
     */
    record Seen(VdpTimers timers, VdpLink.Exchange associated, boolean keepAliveAnswered, double deassociatedAt,
                double freedAt, double lastRefusedAt, boolean sameMacAdmitted, double waitedMillis) {
    }

    private KeepAliveTimeout() {
    }

    static double expectedMillis(VdpTimers t) {
        return VdpLink.millis(t.toutKeepAliveNanos());
    }

    /** How long the kit watches: twice toutKeepAlive and 5 s, at most {@link #MAX_WAIT_MILLIS}. */
    static long waitMillis(VdpTimers t) {
        return (long) Math.min(MAX_WAIT_MILLIS, 2 * expectedMillis(t) + 5000);
    }

    static ProbeOutcome conclude(Seen s) {
        Map<String, String> values = new LinkedHashMap<>();
        VdpTimers t = s.timers();
        double expected = expectedMillis(t);
        values.put("timers", "R " + t.r() + ", RTE " + t.rte() + ", RKA " + t.rka());
        values.put("expected", expected + " ms (1.5 x [(2R+1) x " + VdpLink.millis(t.ackTimerNanos()) + " + "
                + VdpLink.millis(t.keepAliveNanos()) + "] ms)");
        VdpLink.Exchange a = s.associated();
        values.put("associate", a == null ? "not sent" : VdpLink.outcome(a));
        if (a == null || !a.answered()) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no VDP answer to an Associate: no VDP bridge role on this port",
                    values);
        }
        if (!a.success()) {
            return new ProbeOutcome(Verdict.INCONCLUSIVE, "the peer refused the kit's VSI (" + VdpText.answer(a.response())
                    + "): nothing to time out (--vsi-type, --vid)", values);
        }
        if (2 * expected + 5000 > MAX_WAIT_MILLIS) {
            return new ProbeOutcome(Verdict.INCONCLUSIVE, "toutKeepAlive " + expected + " ms is longer than the kit waits; "
                    + "shorter RKA or RTE on the switch port would let it be measured", values);
        }
        values.put("keep-alive", s.keepAliveAnswered() ? "answered with success" : "not answered with success");
        double measured;
        String how;
        if (s.deassociatedAt() >= 0) {
            measured = s.deassociatedAt();
            how = "the bridge's De-Associate";
        } else if (s.freedAt() >= 0) {
            measured = s.freedAt();
            how = "its MAC admitted for another VSI (refused " + s.lastRefusedAt() + " ms after the last keep-alive)";
        } else if (s.sameMacAdmitted()) {
            values.put("de-associated", "not seen in " + s.waitedMillis() + " ms");
            return new ProbeOutcome(Verdict.INCONCLUSIVE, "the peer sent no De-Associate and admits a second VSI with the "
                    + "same MAC: its keep-alive timeout does not show on the wire", values);
        } else {
            values.put("de-associated", "not in " + s.waitedMillis() + " ms");
            return new ProbeOutcome(Verdict.FAIL, "the VSI was still held " + s.waitedMillis() + " ms after the last "
                    + "keep-alive (toutKeepAlive " + expected + " ms)", values);
        }
        values.put("de-associated", measured + " ms after the last keep-alive, seen by " + how);
        values.put("ratio", String.format(java.util.Locale.ROOT, "%.2f", measured / expected));
        if (measured < EARLY * expected) {
            return new ProbeOutcome(Verdict.FAIL, "de-associated " + measured + " ms after the last keep-alive, before "
                    + "toutKeepAlive (" + expected + " ms): a station keeping the standard's time loses its VSI", values);
        }
        if (measured > LATE * expected + SLACK_MILLIS) {
            return new ProbeOutcome(Verdict.FAIL, "de-associated " + measured + " ms after the last keep-alive, well after "
                    + "toutKeepAlive (" + expected + " ms)", values);
        }
        return new ProbeOutcome(Verdict.PASS, "de-associated " + measured + " ms after the last keep-alive; toutKeepAlive "
                + expected + " ms (seen by " + how + ")", values);
    }
}
