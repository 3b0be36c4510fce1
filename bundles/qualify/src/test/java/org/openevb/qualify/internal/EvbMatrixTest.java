package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.lldp.EvbTlv;

/** P2's rules against simulated bridges, in milliseconds. */
class EvbMatrixTest {

    /**
     * A bridge as lldpad's bridge role answers (R 3, RTE 14, RWD 20, RKA 20, RRCAP as given): RRCTR
     * when the station asks and it can, each timer the larger of the two, ROL when the station's is used.
     */
    static UnaryOperator<EvbTlv> lldpadBridge(boolean rrcap) {
        return st -> {
            int rwd = Math.max(20, st.rwd());
            int rka = Math.max(20, st.rka());
            return new EvbTlv(false, rrcap, rrcap && st.rrreq(), st.sgid(), st.rrreq(), st.rrstat(), Math.max(3, st.r()),
                    Math.max(14, st.rte()), EvbTlv.BRIDGE, st.rwd() >= 20, rwd, st.rka() >= 20, rka);
        };
    }

    /** Runs the matrix against {@code bridge}: each step answered twice, 1 s apart, after 1.5 and 2.5 s. */
    static List<EvbMatrix.StepResult> run(UnaryOperator<EvbTlv> bridge) {
        List<EvbMatrix.StepResult> results = new ArrayList<>();
        EvbTlv last = null;
        long t = 0;
        for (EvbMatrix.Step s : EvbMatrix.STEPS) {
            List<EvbMatrix.Answer> answers = new ArrayList<>();
            EvbTlv answer = bridge.apply(EvbMatrix.stationTlv(s, last));
            if (answer != null) {
                answers.add(new EvbMatrix.Answer(t + 1500, answer));
                answers.add(new EvbMatrix.Answer(t + 2500, answer));
                last = answer;
            }
            EvbMatrix.StepResult r = new EvbMatrix.StepResult(s, t, answers);
            assertEquals(answer != null, EvbMatrix.settled(r, t + 2600), s.name());
            results.add(r);
            t += 3000;
        }
        return results;
    }

    @Test
    void lldpadAsABridgeWithRrcapGrantsExactlyWhenAskedAndCombinesByMaximum() {
        ProbeOutcome o = EvbMatrix.conclude(run(lldpadBridge(true)));
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("RRCAP", o.values().get("rr-not-requested.bridge-status"));
        assertEquals("RRCAP RRCTR", o.values().get("rr-requested.bridge-status"));
        assertEquals("1500 ms", o.values().get("rr-requested.time-to-grant"));
        assertEquals("R 3, RTE 14, RWD 20, RKA 20", o.values().get("rr-requested.combined"));
        assertEquals("R 7, RTE 20, RWD 25 (ROL), RKA 25 (ROL)", o.values().get("rr-requested-long-timers.combined"));
        assertEquals("withdrawn 1500 ms after the station stopped asking", o.values().get("grant-after-withdrawal"));
        assertTrue(o.summary().startsWith("bridge grants reflective relay when asked (1500 ms)"), o.summary());
    }

    @Test
    void aBridgeWithoutRrcapNeverGrantsAndPasses() {
        ProbeOutcome o = EvbMatrix.conclude(run(lldpadBridge(false)));
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("not granted", o.values().get("rr-requested.time-to-grant"));
        assertTrue(o.summary().contains("no RRCAP"), o.summary());
    }

    @Test
    void aBridgeThatGrantsUnaskedOrKeepsSmallerTimersFails() {
        ProbeOutcome o = EvbMatrix.conclude(run(st -> new EvbTlv(false, true, true, false, st.rrreq(), 0, 3, 14,
                EvbTlv.BRIDGE, false, 20, false, 20)));
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().contains("rr-not-requested: RRCTR set though the station did not ask"), o.summary());
        assertTrue(o.summary().contains("rr-requested-long-timers: combined R 3, RTE 14"), o.summary());
        assertTrue(o.values().get("grant-after-withdrawal").startsWith("persists"), o.values().toString());
    }

    @Test
    void noEvbTlvOrAStationOnTheOtherEndIsNotSupported() {
        assertEquals(Verdict.NOT_SUPPORTED, EvbMatrix.conclude(run(st -> null)).verdict());
        ProbeOutcome station = EvbMatrix.conclude(run(st -> EvbMatrix.stationTlv(EvbMatrix.STEPS.get(1), null)));
        assertEquals(Verdict.NOT_SUPPORTED, station.verdict());
        assertEquals("the peer's EVB TLV says station, not bridge", station.summary());
    }

    @Test
    void theStationTlvCarriesTheStepAndWhatThePeerLastSaid() {
        EvbMatrix.Step ask = EvbMatrix.STEPS.get(1);
        EvbTlv first = EvbMatrix.stationTlv(ask, null);
        assertEquals(EvbTlv.RRSTAT_UNKNOWN, first.rrstat());
        assertTrue(first.rrreq());
        assertEquals(EvbTlv.STATION, first.evbMode());
        EvbTlv granted = EvbMatrix.stationTlv(ask, lldpadBridge(true).apply(first));
        assertEquals(EvbTlv.RRSTAT_YES, granted.rrstat());
        assertTrue(granted.rrctr() && granted.rrcap());
    }

    @Test
    void aStepIsNotSettledByAnAnswerStillInFlightFromThePreviousOne() {
        EvbTlv old = lldpadBridge(true).apply(EvbMatrix.stationTlv(EvbMatrix.STEPS.get(1), null));
        EvbMatrix.StepResult early = new EvbMatrix.StepResult(EvbMatrix.STEPS.get(3), 0,
                List.of(new EvbMatrix.Answer(100, old), new EvbMatrix.Answer(200, old)));
        assertFalse(EvbMatrix.settled(early, 2600), "both answers came before the step could have been answered");
        assertTrue(EvbMatrix.settled(early, EvbMatrix.MAX_STEP_MILLIS), "but a step always ends");
    }
}
