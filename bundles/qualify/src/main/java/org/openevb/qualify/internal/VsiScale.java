package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.qualify.Verdict;

/**
 * P11's rules, without a clock: how many VSIs the peer admits on one port when they come one after
 * the other, and how it says no at its limit. A bridge at its limit refuses with a failure code
 * (insufficient resources, as the standard's list has it); one that stops answering, or answers a
 * refusal malformed, leaves its station guessing.
 */
final class VsiScale {

    /** The most VSIs the kit associates: the bound on what it sends (twice this many requests, with the De-Associates). */
    static final int MAX_VSIS = 16;

    /** How many VSI TLVs go in one ECP frame, in turn, while the peer answers each in full and admits that many VSIs. */
    static final List<Integer> BATCHES = List.of(2, 4, 8);

    /**
     * One ECP frame carrying {@code size} Associates, and how many of those it admitted were
     * de-associated afterwards.
     */
    record Batch(int size, VdpLink.Multi associate, int released) {
        int admitted() {
            return (int) associate.answers().stream().filter(a -> a != null && a.errorCode() == 0).count();
        }

        boolean complete() {
            return associate.ackMillis() >= 0 && associate.answered() == size;
        }
    }

    /** The batch sizes to try after a series that admitted {@code admitted} VSIs: no more than it admits. */
    static List<Integer> batches(int admitted) {
        return BATCHES.stream().filter(k -> k <= admitted).toList();
    }

    /** One Associate of the series ({@code n} from 1) and, at the end, its De-Associate if it was admitted. */
    record Attempt(int n, VdpLink.Exchange associate, VdpLink.Exchange deassociate) {
    }

    private VsiScale() {
    }

    /** Whether the series goes on after this attempt: admitted, and the kit's bound not reached. */
    static boolean goOn(Attempt a) {
        return a.associate().success() && a.n() < MAX_VSIS;
    }

    static ProbeOutcome conclude(List<Attempt> attempts) {
        return conclude(attempts, List.of());
    }

    /** The series' verdict, and the batches': VDP allows many VSI TLVs in one ECP frame, each to be answered. */
    static ProbeOutcome conclude(List<Attempt> attempts, List<Batch> batches) {
        ProbeOutcome series = concludeSeries(attempts);
        if (series.verdict() == Verdict.NOT_SUPPORTED || series.verdict() == Verdict.INCONCLUSIVE) {
            return series;
        }
        Map<String, String> values = new LinkedHashMap<>(series.values());
        List<String> failures = new ArrayList<>();
        int most = 0;
        for (Batch b : batches) {
            VdpLink.Multi m = b.associate();
            String key = "tlvs-per-frame." + b.size();
            if (m.ackMillis() < 0) {
                values.put(key, "not acknowledged");
                failures.add("an ECP frame with " + b.size() + " VSI TLVs was not acknowledged");
            } else if (!b.complete()) {
                values.put(key, "acknowledged; " + m.answered() + " of " + b.size() + " answered");
                failures.add(b.size() + " VSI TLVs in one ECP frame: " + m.answered() + " answered");
            } else {
                most = b.size();
                values.put(key, "all answered, in " + m.answerFrames() + " frame(s); " + b.admitted() + " admitted, "
                        + b.released() + " de-associated");
            }
        }
        if (!batches.isEmpty()) {
            values.put("tlvs-per-frame", most == 0 ? "none answered in full" : most + " answered in full"
                    + (most == BATCHES.get(BATCHES.size() - 1) ? " (the most the kit sends)" : ""));
        }
        if (series.verdict() == Verdict.FAIL || !failures.isEmpty()) {
            List<String> all = new ArrayList<>();
            if (series.verdict() == Verdict.FAIL) {
                all.add(series.summary());
            }
            all.addAll(failures);
            return new ProbeOutcome(Verdict.FAIL, String.join("; ", all), values);
        }
        return new ProbeOutcome(Verdict.PASS, series.summary() + (batches.isEmpty() ? ""
                : "; up to " + most + " VSI TLVs in one ECP frame answered"), values);
    }

    private static ProbeOutcome concludeSeries(List<Attempt> attempts) {
        Map<String, String> values = new LinkedHashMap<>();
        if (attempts.isEmpty()) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no EVB TLV of a bridge from the peer: VDP does not run", values);
        }
        Attempt first = attempts.get(0);
        if (!first.associate().answered()) {
            values.put("vsi-1", VdpLink.outcome(first.associate()));
            return new ProbeOutcome(first.associate().ackMillis() < 0 ? Verdict.NOT_SUPPORTED : Verdict.FAIL,
                    first.associate().ackMillis() < 0 ? "the peer acknowledged no VDP request: no VDP bridge on the port"
                            : "the first Associate was acknowledged and never answered", values);
        }
        int admitted = 0;
        double slowest = 0;
        List<String> failures = new ArrayList<>();
        for (Attempt a : attempts) {
            if (a.associate().success()) {
                admitted++;
                slowest = Math.max(slowest, a.associate().responseMillis());
            }
            String v = a.associate().answered() ? VdpMatrix.violation(a.associate().request(), a.associate().response()) : null;
            if (v != null) {
                failures.add("VSI " + a.n() + ": " + v);
            }
        }
        values.put("admitted", Integer.toString(admitted));
        values.put("slowest-answer", slowest + " ms");
        Attempt last = attempts.get(attempts.size() - 1);
        String limit;
        if (last.associate().success()) {
            limit = "not reached: the kit stops at " + MAX_VSIS;
        } else if (!last.associate().answered()) {
            limit = "VSI " + last.n() + ": " + VdpLink.outcome(last.associate());
            failures.add("VSI " + last.n() + " (after " + admitted + " admitted) got no answer: the limit is not reported");
        } else {
            limit = "VSI " + last.n() + ": " + VdpText.answer(last.associate().response());
        }
        values.put("limit", limit);
        int released = 0;
        List<Integer> kept = new ArrayList<>();
        for (Attempt a : attempts) {
            if (a.associate().success()) {
                if (a.deassociate() != null && a.deassociate().success()) {
                    released++;
                } else {
                    kept.add(a.n());
                }
            }
        }
        values.put("de-associated", released + " of " + admitted + (kept.isEmpty() ? "" : "; not confirmed: VSI " + kept));
        if (admitted == 0) {
            return new ProbeOutcome(Verdict.INCONCLUSIVE, "the peer refused the kit's first VSI (" + limit
                    + "): give a VSI type and VID its VSI manager admits", values);
        }
        if (!failures.isEmpty()) {
            return new ProbeOutcome(Verdict.FAIL, String.join("; ", failures), values);
        }
        return new ProbeOutcome(Verdict.PASS, last.associate().success()
                ? "at least " + admitted + " VSIs admitted on the port (the kit's bound), answers within " + slowest + " ms"
                : admitted + " VSIs admitted on the port; at the limit, " + limit, values);
    }

    static String peerState(List<Attempt> attempts) {
        return peerState(attempts, List.of());
    }

    /** What the series and the batches left in the peer (TLVs never answered may have been taken all the same). */
    static String peerState(List<Attempt> attempts, List<Batch> batches) {
        long admitted = attempts.stream().filter(a -> a.associate().success()).count()
                + batches.stream().mapToInt(Batch::admitted).sum();
        int unanswered = batches.stream().mapToInt(b -> b.size() - b.associate().answered()).sum();
        String unknown = unanswered == 0 ? "" : unanswered + " Associate TLV(s) sent in a frame of several never answered: "
                + "whether the peer holds them is unknown (the shutdown LLDPDU ends VDP on the port)";
        if (admitted == 0) {
            return unknown;
        }
        long released = attempts.stream().filter(a -> a.associate().success() && a.deassociate() != null
                && a.deassociate().success()).count() + batches.stream().mapToInt(Batch::released).sum();
        return "changed: " + admitted + " VSI(s) uuid:0e0b5155-000b-4... (MACs 02:0e:b0:00:0b:NN) associated; " + (released
                == admitted ? "restored: de-associated at the end"
                : "not confirmed restored: " + (admitted - released) + " De-Associate(s) not answered with success (the "
                        + "shutdown LLDPDU ends VDP on the port)") + (unknown.isEmpty() ? "" : "; " + unknown);
    }
}
