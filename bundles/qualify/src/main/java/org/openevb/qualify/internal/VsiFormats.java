package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.qualify.Verdict;

/**
 * P8's rules, without a clock: which VSIID and filter formats the peer admits, and what it does
 * with a VID of 0 (the standard has the bridge choose the VID and answer with it).
 */
final class VsiFormats {

    /** The case every bridge must admit (lldpad's and vdptool's): UUID VSIID, MAC/VID filter. */
    static final String BASELINE = "vsiid-uuid";
    static final String VID_ZERO = "vid-0";

    /** One association tried. */
    record Case(String name, VdpLink.Exchange exchange) {
    }

    private VsiFormats() {
    }

    static ProbeOutcome conclude(List<Case> cases) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        boolean baselineAccepted = false;
        int answered = 0;
        String vidZero = "not tried";
        for (Case c : cases) {
            VdpLink.Exchange x = c.exchange();
            if (!x.answered()) {
                values.put(c.name(), VdpLink.outcome(x));
                continue;
            }
            answered++;
            String v = VdpMatrix.violation(x.request(), x.response());
            boolean ok = x.response().errorCode() == 0;
            values.put(c.name(), ok ? "accepted, filter " + VdpText.filter(x.response()) : VdpText.answer(x.response()));
            if (v != null) {
                failures.add(c.name() + ": " + v);
            }
            if (c.name().equals(VID_ZERO)) {
                List<Integer> vids = VdpText.vids(x.response());
                if (!ok) {
                    vidZero = "refused (" + VdpText.answer(x.response()) + ")";
                } else if (vids.contains(0)) {
                    vidZero = "accepted and left 0";
                    failures.add("VID 0 accepted and answered as 0: the bridge must choose the VID");
                } else {
                    vidZero = "replaced by " + vids.get(0);
                }
                continue;
            }
            (ok ? accepted : refused).add(c.name());
            baselineAccepted |= ok && c.name().equals(BASELINE);
        }
        values.put("accepted", accepted.isEmpty() ? "none" : String.join(", ", accepted));
        values.put("refused", refused.isEmpty() ? "none" : String.join(", ", refused));
        values.put("vid-0-result", vidZero);
        if (answered == 0) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no VDP answer to any format: no VDP bridge role on this port", values);
        }
        for (Case c : cases) {
            if (!c.exchange().answered()) {
                failures.add(c.name() + ": no answer within the station's response wait");
            }
        }
        if (!failures.isEmpty()) {
            return new ProbeOutcome(Verdict.FAIL, String.join("; ", failures), values);
        }
        if (!baselineAccepted) {
            return new ProbeOutcome(Verdict.INCONCLUSIVE, "the peer refused even a UUID VSIID with a MAC/VID filter: the "
                    + "kit's VSI type or VID is not admitted (--vsi-type, --vid)", values);
        }
        return new ProbeOutcome(Verdict.PASS, "accepts " + String.join(", ", accepted)
                + (refused.isEmpty() ? "" : "; refuses " + String.join(", ", refused)) + "; VID 0 " + vidZero, values);
    }
}
