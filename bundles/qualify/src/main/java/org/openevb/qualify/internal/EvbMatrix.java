package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.EvbTlvText;

/**
 * P2's rules, in the standard's vocabulary and without a clock of their own: the station TLV for
 * each step of the matrix, when a step has its answer, and what the answers say.
 */
final class EvbMatrix {

    /** A step needs at least this long, so an answer to the previous step still in flight is not taken for its own. */
    static final long MIN_STEP_MILLIS = 2500;
    /** A step that gets no stable answer ends after this long. */
    static final long MAX_STEP_MILLIS = 10_000;

    /**
     * One station request.
     *
     * @param name  the step's name in the report
     * @param rrreq whether the station requests reflective relay
     */
    record Step(String name, boolean rrreq, int r, int rte, int rwd, int rka) {
        String text() {
            return (rrreq ? "RRREQ" : "no RRREQ") + ", R " + r + ", RTE " + rte + ", RWD " + rwd + ", RKA " + rka;
        }
    }

    /** The matrix: not asking, asking, asking with long timers, then no longer asking. */
    static final List<Step> STEPS = List.of(
            new Step("rr-not-requested", false, 3, 8, 8, 8),
            new Step("rr-requested", true, 3, 8, 8, 8),
            new Step("rr-requested-long-timers", true, 7, 20, 25, 25),
            new Step("rr-withdrawn", false, 3, 8, 8, 8));

    /** A peer's EVB TLV and when it arrived (milliseconds since the session started). */
    record Answer(long atMillis, EvbTlv tlv) {
    }

    /** What the peer sent while a step ran. */
    record StepResult(Step step, long startedMillis, List<Answer> answers) {
        StepResult {
            answers = List.copyOf(answers);
        }

        EvbTlv last() {
            return answers.isEmpty() ? null : answers.get(answers.size() - 1).tlv();
        }
    }

    private EvbMatrix() {
    }

    /**
     * Our station TLV for a step: the step's request and timers; the bridge status as the peer last
     * sent it, and RRSTAT from it (unknown until a bridge TLV was seen), as a station does.
     */
    static EvbTlv stationTlv(Step s, EvbTlv lastPeer) {
        int rrstat = lastPeer == null ? EvbTlv.RRSTAT_UNKNOWN : lastPeer.rrctr() ? EvbTlv.RRSTAT_YES : EvbTlv.RRSTAT_NO;
        boolean bgid = lastPeer != null && lastPeer.bgid();
        boolean rrcap = lastPeer != null && lastPeer.rrcap();
        boolean rrctr = lastPeer != null && lastPeer.rrctr();
        return new EvbTlv(bgid, rrcap, rrctr, false, s.rrreq(), rrstat, s.r(), s.rte(), EvbTlv.STATION, false, s.rwd(),
                false, s.rka());
    }

    /** Whether a step has its answer: long enough, and the peer's last two TLVs agree. */
    static boolean settled(StepResult r, long nowMillis) {
        if (nowMillis - r.startedMillis() >= MAX_STEP_MILLIS) {
            return true;
        }
        if (nowMillis - r.startedMillis() < MIN_STEP_MILLIS) {
            return false;
        }
        List<Answer> a = r.answers().stream().filter(x -> x.atMillis() - r.startedMillis() >= MIN_STEP_MILLIS / 2).toList();
        return a.size() >= 2 && a.get(a.size() - 1).tlv().equals(a.get(a.size() - 2).tlv());
    }

    /** The first answer of a step with RRCTR as {@code rrctr}, or null. */
    static Answer firstWith(StepResult r, boolean rrctr) {
        return r.answers().stream().filter(a -> a.tlv().rrctr() == rrctr).findFirst().orElse(null);
    }

    static String bridgeStatus(EvbTlv t) {
        List<String> bits = new ArrayList<>();
        if (t.bgid()) {
            bits.add("BGID");
        }
        if (t.rrcap()) {
            bits.add("RRCAP");
        }
        if (t.rrctr()) {
            bits.add("RRCTR");
        }
        return bits.isEmpty() ? "none" : String.join(" ", bits);
    }

    static String combined(EvbTlv t) {
        return "R " + t.r() + ", RTE " + t.rte() + ", RWD " + t.rwd() + (t.rolRwd() ? " (ROL)" : "") + ", RKA " + t.rka()
                + (t.rolRka() ? " (ROL)" : "");
    }

    /** The values of every step and the verdict. */
    static ProbeOutcome conclude(List<StepResult> results) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        boolean anyAnswer = false;
        boolean offersRr = false;
        String mode = null;
        for (StepResult r : results) {
            String n = r.step().name();
            values.put(n + ".station", r.step().text());
            EvbTlv last = r.last();
            if (last == null) {
                values.put(n + ".bridge", "no EVB TLV from the peer");
                continue;
            }
            anyAnswer = true;
            mode = EvbTlvText.evbMode(last.evbMode());
            offersRr |= last.rrcap();
            values.put(n + ".bridge-status", bridgeStatus(last));
            values.put(n + ".combined", combined(last));
            values.put(n + ".answers", Integer.toString(r.answers().size()));
            Step s = r.step();
            if (last.evbMode() == EvbTlv.BRIDGE
                    && (last.r() < s.r() || last.rte() < s.rte() || last.rwd() < s.rwd() || last.rka() < s.rka())) {
                failures.add(n + ": combined " + combined(last) + " is below the station's " + s.text()
                        + " (the larger of the two is in force)");
            }
            if (s.rrreq()) {
                Answer grant = firstWith(r, true);
                values.put(n + ".time-to-grant", grant == null ? "not granted" : (grant.atMillis() - r.startedMillis()) + " ms");
                if (grant == null && last.rrcap()) {
                    failures.add(n + ": RRCAP but no RRCTR though the station asked");
                }
                if (grant != null && !last.rrcap()) {
                    failures.add(n + ": RRCTR without RRCAP");
                }
            } else {
                if (n.equals("rr-withdrawn")) {
                    Answer off = firstWith(r, false);
                    long lastAt = r.answers().get(r.answers().size() - 1).atMillis() - r.startedMillis();
                    values.put("grant-after-withdrawal", last.rrctr()
                            ? "persists (RRCTR still set " + lastAt + " ms after the station stopped asking)"
                            : "withdrawn " + (off.atMillis() - r.startedMillis()) + " ms after the station stopped asking");
                } else if (last.rrctr()) {
                    failures.add(n + ": RRCTR set though the station did not ask");
                }
            }
        }
        if (!anyAnswer) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no EVB TLV from the peer while the station asked", values);
        }
        if (!"bridge".equals(mode)) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "the peer's EVB TLV says " + mode + ", not bridge", values);
        }
        if (!failures.isEmpty()) {
            return new ProbeOutcome(Verdict.FAIL, String.join("; ", failures), values);
        }
        String grant = values.getOrDefault("rr-requested.time-to-grant", "not granted");
        return new ProbeOutcome(Verdict.PASS, offersRr
                ? "bridge grants reflective relay when asked (" + grant + "), not otherwise; grant after withdrawal: "
                        + values.getOrDefault("grant-after-withdrawal", "not measured")
                : "bridge does not offer reflective relay (no RRCAP) and never grants it", values);
    }
}
