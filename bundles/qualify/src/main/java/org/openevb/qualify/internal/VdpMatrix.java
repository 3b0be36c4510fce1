package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/**
 * P7's rules, without a clock: each VDP command of the matrix and the bridge's answer, judged by
 * the 2012 status octet (response bit, Keep, Hard, code) and the type it came back as.
 */
final class VdpMatrix {

    /** The matrix's steps, in the order they are sent. */
    static final List<String> STEPS = List.of("pre-associate", "pre-associate-rr", "associate", "re-associate-changed-filter",
            "de-associate");

    /** One step and what came of it. */
    record Step(String name, VdpLink.Exchange exchange) {
    }

    private VdpMatrix() {
    }

    /** What is wrong with an answer as the standard reads, or null when nothing is. */
    static String violation(VsiTlv request, VsiTlv answer) {
        if (!answer.isResponse()) {
            return "the answer lacks the response bit";
        }
        if (answer.type() != request.type() && !(answer.type() == VdpTlv.DE_ASSOCIATE && answer.errorCode() != 0)) {
            return "answered as " + VdpText.command(answer.type()) + " with " + VdpText.answer(answer);
        }
        if (answer.errorCode() == 0 && (answer.keep() || answer.hardError())) {
            return "success with the " + (answer.keep() ? "Keep" : "Hard") + " bit set";
        }
        if (answer.errorCode() == 0 && (answer.typeId() != request.typeId() || answer.typeVersion() != request.typeVersion()
                || answer.vsiidFormat() != request.vsiidFormat() || answer.filterFormat() != request.filterFormat()
                || answer.entries().size() != request.entries().size())) {
            return "success for another VSI type, format or number of filter entries than asked";
        }
        return null;
    }

    static ProbeOutcome conclude(List<Step> steps) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        int answered = 0;
        int acknowledged = 0;
        for (Step s : steps) {
            VdpLink.Exchange x = s.exchange();
            values.put(s.name(), VdpLink.outcome(x) + (x.ackMillis() >= 0 ? " (ECP ack " + x.ackMillis() + " ms)" : "")
                    + (x.transmissions() > 1 ? ", sent " + x.transmissions() + " times" : ""));
            acknowledged += x.ackMillis() >= 0 ? 1 : 0;
            if (!x.answered()) {
                continue;
            }
            answered++;
            VsiTlv a = x.response();
            values.put(s.name() + ".answer", VdpText.command(a.type()) + " code " + a.errorCode() + " keep "
                    + (a.keep() ? 1 : 0) + " hard " + (a.hardError() ? 1 : 0) + ", filter " + VdpText.filter(a));
            String v = violation(x.request(), a);
            if (v != null) {
                failures.add(s.name() + ": " + v);
            } else if (a.errorCode() != 0) {
                refusals.add(s.name() + " (" + VdpText.answer(a).replaceFirst("^refused: ", "") + ")");
            }
        }
        if (answered == 0) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, acknowledged == 0
                    ? "no acknowledgement and no answer: the peer runs no ECP/VDP on this port"
                    : "ECP acknowledged every command but VDP answered none: no VDP bridge role on this port", values);
        }
        for (Step s : steps) {
            if (!s.exchange().answered()) {
                failures.add(s.name() + ": no answer within the station's response wait");
            }
        }
        Step de = steps.stream().filter(s -> s.name().equals("de-associate")).findFirst().orElse(null);
        if (de != null && de.exchange().answered() && de.exchange().response().errorCode() != 0) {
            failures.add("de-associate refused: " + VdpText.answer(de.exchange().response()));
        }
        if (!failures.isEmpty()) {
            return new ProbeOutcome(Verdict.FAIL, String.join("; ", failures), values);
        }
        if (!refusals.isEmpty()) {
            return new ProbeOutcome(Verdict.INCONCLUSIVE, "the peer refused the kit's VSI: " + String.join(", ", refusals)
                    + ": the matrix needs a VSI type and VID its VSI manager admits (--vsi-type, --vid)", values);
        }
        double worst = steps.stream().mapToDouble(s -> s.exchange().responseMillis()).max().orElse(0);
        Step re = steps.stream().filter(s -> s.name().equals("re-associate-changed-filter")).findFirst().orElse(null);
        String filter = re == null ? "" : "; the changed filter answered with " + re.exchange().response().entries().size()
                + " entries";
        return new ProbeOutcome(Verdict.PASS, "every command answered with success, same type, no Keep or Hard, within "
                + worst + " ms" + filter, values);
    }
}
