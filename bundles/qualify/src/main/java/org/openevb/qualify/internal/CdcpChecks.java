package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.codec.lldp.CdcpTlv;

/**
 * P5's rules, without a clock: the station asks for S-channels step by step (SCIDs with S-VID 0:
 * the bridge picks), and the bridge's CDCP TLV must assign each a distinct S-VID other than the
 * default channel's, keep the S-VIDs it gave while others come and go, and drop the SCIDs the
 * station no longer lists.
 */
final class CdcpChecks {

    /** A step ends when the bridge's answer covers it, or after this long. */
    static final long MAX_STEP_MILLIS = 10_000;
    /** The channel capacity the kit advertises. */
    static final int OUR_CAPACITY = 8;

    /**
     * One station request.
     *
     * @param name   the step's name in the report
     * @param scids  the SCIDs asked for besides the default channel (SCID 1)
     */
    record Step(String name, List<Integer> scids) {
        Step {
            scids = List.copyOf(scids);
        }
    }

    /** The step that asks for as many channels as the kit can hold: how many the bridge gives, and how it refuses more. */
    static final String FILL = "fill";

    /** Two channels; one more; one fewer; as many as our capacity holds (the two kept); none but the default. */
    static final List<Step> STEPS = List.of(
            new Step("create-two", List.of(2, 3)),
            new Step("add-one", List.of(2, 3, 4)),
            new Step("remove-one", List.of(2, 4)),
            new Step(FILL, List.of(2, 4, 5, 6, 7, 8, 9)),
            new Step("release", List.of()));

    /** A peer's CDCP TLV and when it arrived (milliseconds since the session started). */
    record Answer(long atMillis, CdcpTlv tlv) {
    }

    /** What the peer sent while a step ran. */
    record StepResult(Step step, long startedMillis, List<Answer> answers) {
        StepResult {
            answers = List.copyOf(answers);
        }

        CdcpTlv last() {
            return answers.isEmpty() ? null : answers.get(answers.size() - 1).tlv();
        }
    }

    /**
     * What came back of one marked broadcast sent on each new channel (P5's isolation check).
     *
     * @param measured whether the frames were sent
     * @param reason   why not, when not
     * @param sentOn   SCID to the S-VID its frame carried
     * @param copies   each copy received: the SCID it was sent on, the outer TPID (0 untagged) and VID
     */
    record Isolation(boolean measured, String reason, Map<Integer, Integer> sentOn, List<int[]> copies) {
        Isolation {
            sentOn = java.util.Collections.unmodifiableMap(new TreeMap<>(sentOn));
            copies = List.copyOf(copies);
        }

        static Isolation notMeasured(String reason) {
            return new Isolation(false, reason, Map.of(), List.of());
        }
    }

    private CdcpChecks() {
    }

    /** Isolation in words, and what in it fails (a frame that left the S-channels). */
    static String isolation(Isolation i, List<String> failures) {
        if (!i.measured()) {
            return "not measured: " + i.reason();
        }
        if (i.copies().isEmpty()) {
            return "nothing came back on any channel (frames sent on S-VIDs " + i.sentOn().values() + ")";
        }
        List<String> seen = new ArrayList<>();
        for (int[] c : i.copies()) {
            int scid = c[0];
            int svid = i.sentOn().getOrDefault(scid, -1);
            String from = "SCID " + scid + "'s frame (S-VID " + svid + ")";
            if (c[1] == org.openevb.codec.EtherType.S_TAG && c[2] == svid) {
                seen.add(from + " reflected within its channel");
            } else if (c[1] == org.openevb.codec.EtherType.S_TAG && (c[2] == 1 || i.sentOn().containsValue(c[2]))) {
                seen.add(from + " forwarded to the channel on S-VID " + c[2] + " (their bridge ports share a VLAN)");
            } else {
                String how = c[1] == 0 ? "untagged" : String.format("with tag %04x VID %d", c[1], c[2]);
                seen.add(from + " came back " + how);
                failures.add("isolation: " + from + " came back " + how + ", off the S-channels");
            }
        }
        return String.join("; ", seen);
    }

    /** The S-VID the bridge lists per SCID (SCID 1 included). */
    static Map<Integer, Integer> svids(CdcpTlv t) {
        Map<Integer, Integer> m = new TreeMap<>();
        for (ChannelPair p : t.pairs()) {
            m.put(p.scid(), p.svid());
        }
        return m;
    }

    /** Our station TLV for a step: SCID 1 on S-VID 1, then each SCID with the S-VID the bridge last gave it (0: none yet). */
    static CdcpTlv stationTlv(Step s, CdcpTlv lastPeer) {
        Map<Integer, Integer> given = lastPeer == null ? Map.of() : svids(lastPeer);
        List<ChannelPair> pairs = new ArrayList<>();
        pairs.add(new ChannelPair(1, 1));
        for (int scid : s.scids()) {
            pairs.add(new ChannelPair(scid, given.getOrDefault(scid, 0)));
        }
        return new CdcpTlv(CdcpTlv.ROLE_STATION, true, OUR_CAPACITY, pairs);
    }

    /** Whether the bridge's TLV covers the step: every SCID asked for (within its capacity) assigned, none other listed. */
    static boolean covers(Step s, CdcpTlv t) {
        Map<Integer, Integer> m = svids(t);
        int room = Math.max(0, t.chnCap() - 1);
        long assigned = s.scids().stream().filter(scid -> m.getOrDefault(scid, 0) != 0).count();
        boolean extra = m.keySet().stream().anyMatch(scid -> scid != 1 && !s.scids().contains(scid));
        return !extra && assigned >= Math.min(room, s.scids().size());
    }

    static boolean settled(StepResult r, long nowMillis) {
        return nowMillis - r.startedMillis() >= MAX_STEP_MILLIS || (r.last() != null && covers(r.step(), r.last()));
    }

    static ProbeOutcome conclude(List<StepResult> results) {
        return conclude(results, Isolation.notMeasured("the probe did not get that far"));
    }

    static ProbeOutcome conclude(List<StepResult> results, Isolation isolation) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> previous = Map.of();
        boolean any = false;
        for (StepResult r : results) {
            String n = r.step().name();
            CdcpTlv last = r.last();
            values.put(n + ".asked", r.step().scids().isEmpty() ? "the default channel only" : "SCIDs " + r.step().scids());
            if (last == null) {
                values.put(n + ".bridge", "no CDCP TLV from the peer");
                continue;
            }
            any = true;
            if (last.role() != CdcpTlv.ROLE_BRIDGE) {
                values.put(n + ".bridge", "role station");
                continue;
            }
            values.putIfAbsent("capacity", Integer.toString(last.chnCap()));
            Map<Integer, Integer> m = svids(last);
            values.put(n + ".assigned", pairs(m));
            Answer done = r.answers().stream().filter(a -> covers(r.step(), a.tlv())).findFirst().orElse(null);
            values.put(n + ".time", done == null ? "not covered in " + MAX_STEP_MILLIS + " ms" : (done.atMillis() - r.startedMillis()) + " ms");
            int room = Math.max(0, last.chnCap() - 1);
            long given = r.step().scids().stream().filter(scid -> m.getOrDefault(scid, 0) != 0).count();
            List<Integer> refused = r.step().scids().stream().filter(scid -> m.getOrDefault(scid, 0) == 0).toList();
            if (given < Math.min(room, r.step().scids().size())) {
                failures.add(n + ": SCIDs " + refused + " not assigned, " + given + " of " + r.step().scids().size()
                        + " with room for " + room + " (capacity " + last.chnCap() + ")");
            }
            if (n.equals(FILL)) {
                values.put("channels-per-port", given + " besides the default channel, of " + r.step().scids().size()
                        + " asked (capacity " + last.chnCap() + ")");
                List<Integer> listed = refused.stream().filter(m::containsKey).toList();
                List<Integer> left = refused.stream().filter(scid -> !m.containsKey(scid)).toList();
                values.put("at-the-limit", refused.isEmpty() ? "every SCID asked was assigned"
                        : (listed.isEmpty() ? "" : "SCIDs " + listed + " listed with S-VID 0")
                        + (listed.isEmpty() || left.isEmpty() ? "" : "; ")
                        + (left.isEmpty() ? "" : "SCIDs " + left + " left out of the bridge's TLV"));
            }
            List<Integer> svids = new ArrayList<>();
            for (int scid : r.step().scids()) {
                int svid = m.getOrDefault(scid, 0);
                if (svid == 0) {
                    Integer had = previous.get(scid);
                    if (had != null && had != 0) {
                        failures.add(n + ": SCID " + scid + " lost its S-VID " + had + " while the station still asked for it");
                    }
                    continue;
                }
                if (svid == 1 || svid > 4094) {
                    failures.add(n + ": SCID " + scid + " given S-VID " + svid + " (1 is the default channel's)");
                }
                if (svids.contains(svid)) {
                    failures.add(n + ": S-VID " + svid + " given to two SCIDs");
                }
                svids.add(svid);
                Integer before = previous.get(scid);
                if (before != null && before != 0 && before != svid) {
                    failures.add(n + ": SCID " + scid + " moved from S-VID " + before + " to " + svid
                            + " while other channels changed");
                }
            }
            for (int scid : m.keySet()) {
                if (scid != 1 && !r.step().scids().contains(scid)) {
                    failures.add(n + ": SCID " + scid + " still listed (S-VID " + m.get(scid) + ") after the station dropped it");
                }
            }
            previous = m;
        }
        if (!any) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no CDCP TLV from the peer: no S-channels", values);
        }
        values.put("isolation", isolation(isolation, failures));
        if (results.stream().map(StepResult::last).anyMatch(t -> t != null && t.role() != CdcpTlv.ROLE_BRIDGE)) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "the peer's CDCP TLV says station, not bridge", values);
        }
        if (!failures.isEmpty()) {
            return new ProbeOutcome(Verdict.FAIL, String.join("; ", failures), values);
        }
        return new ProbeOutcome(Verdict.PASS, "capacity " + values.get("capacity") + "; two channels assigned "
                + values.get("create-two.assigned") + " in " + values.get("create-two.time") + "; one added and one removed "
                + "without moving the others; " + values.getOrDefault("channels-per-port", "the fill step not reached")
                + "; all released; isolation: " + values.get("isolation"), values);
    }

    static String pairs(Map<Integer, Integer> m) {
        List<String> s = new ArrayList<>();
        m.forEach((scid, svid) -> s.add(scid + ":" + svid));
        return String.join(" ", s);
    }
}
