package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.EvbTlvText;

/**
 * P4's record and rules, without a clock of its own: the numbered test frames sent from MAC A to
 * MAC B and how many copies of each came back, the peer's EVB TLVs, the link flap, and the phases
 * (grant, withdraw, regrant, age; then flap-grant, flap, relink). What a phase measures is read from
 * the frames alone, in milliseconds since the session started.
 *
 * <p>The station's view decides what is a loss: a frame sent while the peer's last EVB TLV still
 * said RRCTR (the station is a VEPA and relies on the bridge) that did not come back is lost; one
 * sent after the peer's TLV cleared RRCTR (the station is a VEB and has delivered it itself) that
 * came back is a duplicate for the VM it was for.
 *
 * <p>A link flap: a link down ends what each side's LLDP agent knows of the other, so the bridge's
 * EVB state returns to its start and the station forgets the bridge's TLV (a station in mode
 * {@code auto} is a VEB from the link down on). The bridge must not reflect after the link returns
 * until reflective relay is negotiated again: a frame reflected before then is one its VMs get twice.
 */
final class Revocation {

    static final long MAC_A = 0x020E_B000_040AL;
    static final long MAC_B = 0x020E_B000_040BL;
    /** The test frames' mark: their number in two bytes, the stream being longer than 256 frames. */
    private static final KitMarker MARK = new KitMarker("OEVB-P4", 2);

    /** One test frame every this long: the resolution of every time measured, 20 frames a second. */
    static final long STREAM_MILLIS = 50;
    /** The TTL of our LLDPDUs, short so that the ageing phase ends soon after our last one. */
    static final int OUR_TTL_SECONDS = 4;
    /** How long the peer has to grant reflective relay after we ask. */
    static final long GRANT_WAIT_MILLIS = 10_000;
    /** Frames reflected after the grant before it counts as working. */
    static final int BASELINE_FRAMES = 10;
    /** Hairpin counts as stopped once no frame sent for this long came back. */
    static final long QUIET_MILLIS = 1000;
    /** Copies of a frame arrive within this long, or not at all. */
    static final long IN_FLIGHT_MILLIS = 300;
    /** The withdraw phase ends this long after the peer cleared RRCTR, reflecting or not. */
    static final long AFTER_CLEARED_MILLIS = 2000;
    /** The withdraw phase ends after this long in any case. */
    static final long WITHDRAW_WATCH_MILLIS = 10_000;
    /** The age phase watches this long past our TTL. */
    static final long AGE_EXTRA_MILLIS = 3500;
    /** How far apart hairpin stopping and the TLV saying so may be before the station loses or duplicates frames for long. */
    static final long TOLERANCE_MILLIS = 1000;
    /** At most this many test frames in a run (about 35 s of the stream): the bound on what P4 sends. */
    static final int MAX_FRAMES = 900;
    /**
     * The TTL of our LLDPDUs while asking before the flap: long enough that the grant cannot age out
     * before the flap's watch ends (a grant gone then is the flap's doing).
     */
    static final int FLAP_TTL_SECONDS = 20;
    /** How long the kit keeps its link down: longer than the link-down debounce of common switches (up to 2 s). */
    static final long LINK_DOWN_MILLIS = 3000;
    /** How long the kit watches after the link returns, asking for nothing, before it asks again. */
    static final long AFTER_LINK_UP_MILLIS = 3000;
    /**
     * Frames sent after a grant that may go unreflected before the first that comes back (the
     * grant and the hairpin a frame or two apart) beyond those of the grant before the flap.
     */
    static final int SLOW_START_FRAMES = 2;

    enum Kind { GRANT, WITHDRAW, REGRANT, AGE, FLAP_GRANT, FLAP, RELINK }

    /**
     * A phase: its frames from {@code startMillis} (the withdrawal, or our last LLDPDU for AGE) to
     * {@code endMillis}; the peer's answers until {@code answersUntil}, when the next phase began
     * (the answer to the last LLDPDU of a phase may come after the next phase's start).
     */
    static final class Phase {
        final Kind kind;
        final long startMillis;
        long endMillis = Long.MAX_VALUE;
        long answersUntil = Long.MAX_VALUE;

        Phase(Kind kind, long startMillis) {
            this.kind = kind;
            this.startMillis = startMillis;
        }

        String name() {
            return kind.name().toLowerCase().replace('_', '-');
        }
    }

    /** A peer's EVB TLV and when it arrived; a null TLV: the station forgot the peer's (its link went down). */
    record Answer(long atMillis, EvbTlv tlv) {
    }

    private final int nonce;
    private final long[] sentAt = new long[MAX_FRAMES];
    private final int[] copies = new int[MAX_FRAMES];
    private int sent;
    private final List<Answer> answers = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private long linkDownAt = -1;
    private long linkUpAt = -1;
    /** Why the kit could not flap its link, or null. */
    private String flapProblem;
    private boolean flapImpossible;
    /** Set by {@link #conclude}: the flap could not be judged (the peer forwarded nothing during the watch). */
    private boolean flapUnjudged;

    Revocation(int nonce) {
        this.nonce = nonce;
    }

    // ---- recording ----

    Phase start(Kind kind, long startMillis, long nowMillis) {
        if (!phases.isEmpty()) {
            current().endMillis = startMillis;
            current().answersUntil = nowMillis;
        }
        Phase p = new Phase(kind, startMillis);
        phases.add(p);
        return p;
    }

    /** The run ends (before our shutdown LLDPDU, whose answer belongs to no phase). */
    void finish(long nowMillis) {
        if (!phases.isEmpty() && current().answersUntil == Long.MAX_VALUE) {
            current().answersUntil = nowMillis;
        }
    }

    Phase current() {
        return phases.get(phases.size() - 1);
    }

    /** Whether another test frame may be sent (the bound on the stream). */
    boolean roomForFrame() {
        return sent < MAX_FRAMES;
    }

    /** The next test frame (A to B, its number in the marker); {@link #sent(long)} records it once it is out. */
    byte[] nextFrame() {
        return MARK.frame(MAC_B, MAC_A, nonce, sent);
    }

    /** The frame that teaches the peer B (from B to A; floods once, before the peer knows A). */
    byte[] learnFrame() {
        return MARK.frame(MAC_A, MAC_B, nonce, 0xFFFF);
    }

    void sent(long atMillis) {
        sentAt[sent++] = atMillis;
    }

    /**
     * A received frame: if it is a copy of one of our test frames (found by its marker anywhere,
     * so a peer that tags it is still recognised), counts it and returns its number; else -1.
     */
    int received(byte[] f) {
        int number = MARK.find(f, nonce);
        if (number < 0 || number >= sent) {
            return -1;
        }
        copies[number]++;
        return number;
    }

    void answer(long atMillis, EvbTlv tlv) {
        answers.add(new Answer(atMillis, tlv));
    }

    /** Our link went down at {@code atMillis}: from then on the station knows no TLV of the peer. */
    void linkDown(long atMillis) {
        linkDownAt = atMillis;
        answers.add(new Answer(atMillis, null));
    }

    /** Our link came back at {@code atMillis}. */
    void linkUp(long atMillis) {
        linkUpAt = atMillis;
    }

    /**
     * The kit could not flap its link: {@code impossible} when the port's driver cannot set a link
     * at all, else it tried and the kernel refused.
     */
    void flapNotDone(String why, boolean impossible) {
        flapProblem = why;
        flapImpossible = impossible;
    }

    /** When our link went down, or -1. */
    long linkDownAt() {
        return linkDownAt;
    }

    /** When our link came back, or -1. */
    long linkUpAt() {
        return linkUpAt;
    }

    /** The peer's last EVB TLV (null also after our link went down), or null. */
    EvbTlv lastAnswer() {
        return answers.isEmpty() ? null : answers.get(answers.size() - 1).tlv();
    }

    int copiesOf(int number) {
        return copies[number];
    }

    int frames() {
        return sent;
    }

    // ---- reading ----

    /** Whether the peer's last EVB TLV at {@code atMillis} granted reflective relay: what a station believes then. */
    boolean believedGranted(long atMillis) {
        boolean granted = false;
        for (Answer a : answers) {
            if (a.atMillis() > atMillis) {
                break;
            }
            granted = a.tlv() != null && a.tlv().rrctr();
        }
        return granted;
    }

    /** When the peer's TLV first said {@code rrctr} within a phase, or -1. */
    long firstAnswer(Phase p, boolean rrctr) {
        for (Answer a : answers) {
            if (a.tlv() != null && a.atMillis() >= p.startMillis && a.atMillis() <= p.answersUntil
                    && a.tlv().rrctr() == rrctr) {
                return a.atMillis();
            }
        }
        return -1;
    }

    /** The phase's test frames, as indexes; the flap's are those sent once the link was back. */
    private List<Integer> framesOf(Phase p) {
        List<Integer> list = new ArrayList<>();
        long from = p.kind == Kind.FLAP ? Math.max(p.startMillis, linkUpAt < 0 ? Long.MAX_VALUE : linkUpAt) : p.startMillis;
        for (int i = 0; i < sent; i++) {
            if (sentAt[i] >= from && sentAt[i] < p.endMillis) {
                list.add(i);
            }
        }
        return list;
    }

    /** How many of the phase's frames came back. */
    int reflected(Phase p) {
        return (int) framesOf(p).stream().filter(i -> copies[i] > 0).count();
    }

    /**
     * When hairpin stopped within a phase: the sending time of the first frame after the last one that
     * came back (the phase's first frame if none came back); -1 while frames still come back, that is
     * while the last one that came back was sent less than {@link #QUIET_MILLIS} before {@code nowMillis}
     * or no frame has been sent since.
     */
    long stoppedAt(Phase p, long nowMillis) {
        List<Integer> f = framesOf(p);
        int last = -1;
        for (int i : f) {
            if (copies[i] > 0) {
                last = i;
            }
        }
        long lastReflected = last < 0 ? p.startMillis : sentAt[last];
        if (nowMillis - lastReflected < QUIET_MILLIS + IN_FLIGHT_MILLIS) {
            return -1;
        }
        for (int i : f) {
            if (i > last) {
                return sentAt[i];
            }
        }
        return -1;
    }

    /** Whether a phase has its answer at {@code nowMillis} (the probe also ends it at its own deadline). */
    boolean settled(long nowMillis) {
        Phase p = current();
        switch (p.kind) {
            case GRANT, REGRANT, FLAP_GRANT, RELINK -> {
                long granted = firstAnswer(p, true);
                return granted >= 0 && framesOf(p).stream().filter(i -> sentAt[i] >= granted && copies[i] > 0).count()
                        >= BASELINE_FRAMES;
            }
            case WITHDRAW -> {
                long cleared = firstAnswer(p, false);
                return cleared >= 0 && (stoppedAt(p, nowMillis) >= 0 || nowMillis - cleared >= AFTER_CLEARED_MILLIS);
            }
            case FLAP -> {
                return linkUpAt >= p.startMillis && nowMillis - linkUpAt >= AFTER_LINK_UP_MILLIS;
            }
            default -> {
                return stoppedAt(p, nowMillis) >= 0 && nowMillis - p.startMillis >= OUR_TTL_SECONDS * 1000L - TOLERANCE_MILLIS;
            }
        }
    }

    /** The TTL of our LLDPDUs in a phase of this kind. */
    static int ttlSeconds(Kind kind) {
        return kind == Kind.FLAP_GRANT ? FLAP_TTL_SECONDS : OUR_TTL_SECONDS;
    }

    /** The age phase's deadline: our TTL after our last LLDPDU, and the extra watch. */
    static long ageDeadline(long lastLldpduMillis) {
        return lastLldpduMillis + OUR_TTL_SECONDS * 1000L + AGE_EXTRA_MILLIS;
    }

    // ---- conclusions ----

    /** The verdict and values; {@code nowMillis} is when the run ended (frames still in flight are not lost yet). */
    ProbeOutcome conclude(long nowMillis) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        Phase grant = phase(Kind.GRANT);
        if (answers.isEmpty()) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no EVB TLV from the peer within " + GRANT_WAIT_MILLIS / 1000
                    + " s: reflective relay is not negotiated, so there is no grant to revoke", values);
        }
        EvbTlv first = answers.get(0).tlv();
        values.put("peer", EvbTlvText.evb(first));
        if (first.evbMode() != EvbTlv.BRIDGE) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "the peer's EVB TLV says " + EvbTlvText.evbMode(first.evbMode())
                    + ", not bridge", values);
        }
        long granted = grant == null ? -1 : firstAnswer(grant, true);
        if (granted < 0) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "the peer did not grant reflective relay when asked ("
                    + (first.rrcap() ? "RRCAP but no RRCTR" : "no RRCAP") + "): there is no grant to revoke", values);
        }
        values.put("grant", "RRCTR " + (granted - grant.startMillis) + " ms after asking; " + reflected(grant) + " of "
                + framesOf(grant).size() + " frames sent after it reflected");
        if (reflected(grant) == 0) {
            // nothing to revoke on the wire: what follows would measure nothing
            return new ProbeOutcome(Verdict.FAIL, "reflective relay granted (RRCTR) but not one of " + framesOf(grant).size()
                    + " frames sent after it came back", values);
        }
        Phase withdraw = phase(Kind.WITHDRAW);
        if (withdraw != null) {
            revocation(withdraw, "withdraw", "the station stopped asking", nowMillis, values, failures, 0);
        }
        Phase regrant = phase(Kind.REGRANT);
        if (regrant != null) {
            long again = firstAnswer(regrant, true);
            // the frames of the whole phase, also those after its last LLDPDU (where the age phase begins)
            long back = 0;
            for (int i = 0; i < sent; i++) {
                back += sentAt[i] >= regrant.startMillis && sentAt[i] < regrant.answersUntil && copies[i] > 0 ? 1 : 0;
            }
            values.put("regrant", again < 0 ? "not granted again within " + GRANT_WAIT_MILLIS / 1000 + " s"
                    : "RRCTR " + (again - regrant.startMillis) + " ms after asking again; " + back + " frames reflected");
            if (again < 0 || back == 0) {
                failures.add("reflective relay asked for again after the withdrawal: "
                        + (again < 0 ? "not granted" : "granted but nothing reflected"));
            }
        }
        Phase age = phase(Kind.AGE);
        if (age != null) {
            revocation(age, "age", "our last LLDPDU (TTL " + OUR_TTL_SECONDS + " s)", nowMillis, values, failures,
                    OUR_TTL_SECONDS * 1000L);
        }
        String flapSummary = flap(values, failures, nowMillis);
        int duplicated = 0;
        int back = 0;
        for (int i = 0; i < sent; i++) {
            duplicated += copies[i] > 1 ? 1 : 0;
            back += copies[i] > 0 ? 1 : 0;
        }
        values.put("frames", sent + " sent, " + back + " reflected, " + duplicated + " reflected more than once");
        if (duplicated > 0) {
            failures.add(duplicated + " frame(s) reflected more than once");
        }
        if (!failures.isEmpty()) {
            if (flapProblem != null || flapUnjudged) {
                failures.add(flapSummary);
            }
            return new ProbeOutcome(Verdict.FAIL, String.join("; ", failures), values);
        }
        StringBuilder s = new StringBuilder("hairpin stops with the grant: withdrawn ")
                .append(values.get("withdraw.hairpin-stopped"));
        if (values.containsKey("age.hairpin-stopped")) {
            s.append("; aged ").append(values.get("age.hairpin-stopped"));
        }
        Phase flap = phase(Kind.FLAP);
        s.append("; lost ").append(lost(withdraw)).append('+').append(lost(age)).append('+').append(lost(flap))
                .append(", reflected after revocation ").append(late(withdraw)).append('+').append(late(age)).append('+')
                .append(late(flap));
        if (flapSummary != null) {
            s.append("; ").append(flapSummary);
        }
        return new ProbeOutcome(flapUnjudged ? Verdict.INCONCLUSIVE : Verdict.PASS, s.toString(), values);
    }

    /**
     * The link flap's values and failures: the grant before it, whether the peer's first TLV after
     * the link returned still granted, whether frames sent after it came back before the station
     * asked again, and the grant when it did. Returns what the summary says of it (null when there
     * was no flap to speak of: no grant before it to revoke).
     */
    private String flap(Map<String, String> values, List<String> failures, long nowMillis) {
        flapUnjudged = false;
        if (flapProblem != null) {
            flapUnjudged = !flapImpossible; // the kernel refused: the kit's doing, and the flap unmeasured
            values.put("flap.link", (flapImpossible ? "not possible with this port's driver: " : "could not be done: ")
                    + flapProblem);
            return flapImpossible ? "link flap: not possible with this port's driver" : "link flap: could not be done ("
                    + flapProblem + ")";
        }
        Phase before = phase(Kind.FLAP_GRANT);
        if (before == null) {
            return null;
        }
        long granted = firstAnswer(before, true);
        values.put("flap.grant", granted < 0 ? "not granted within " + GRANT_WAIT_MILLIS / 1000 + " s of asking again after "
                + "the TTL ran out" : "RRCTR " + (granted - before.startMillis) + " ms after asking (TTL " + FLAP_TTL_SECONDS
                + " s); " + reflected(before) + " frames reflected");
        if (granted < 0 || reflected(before) == 0) {
            failures.add("reflective relay asked for again after the TTL ran out: " + (granted < 0 ? "not granted"
                    : "granted but nothing reflected"));
            return null;
        }
        Phase flap = phase(Kind.FLAP);
        if (flap == null || linkUpAt < 0) {
            return null;
        }
        values.put("flap.link", "down " + (linkUpAt - linkDownAt) + " ms (from " + linkDownAt + " ms), then up");
        String after = "after the link returned";
        Answer first = null;
        for (Answer a : answers) {
            // before the station asked again (no LLDPDU of ours in the flap: a TLV after that answers the request)
            if (a.tlv() != null && a.atMillis() >= linkUpAt && a.atMillis() < flap.endMillis
                    && a.atMillis() <= flap.answersUntil) {
                first = a;
                break;
            }
        }
        long watched = Math.min(nowMillis, Math.min(flap.answersUntil, flap.endMillis)) - linkUpAt;
        List<String> judged = new ArrayList<>();
        if (first == null) {
            values.put("flap.rrctr-after-link-up", "no EVB TLV within " + watched + " ms " + after);
        } else if (first.tlv().rrctr()) {
            values.put("flap.rrctr-after-link-up", "still granted: the peer's first EVB TLV " + after + " ("
                    + (first.atMillis() - linkUpAt) + " ms) said RRCTR, nothing asked since");
            judged.add("the peer's first EVB TLV " + after + " still granted reflective relay");
        } else {
            values.put("flap.rrctr-after-link-up", "cleared: the peer's first EVB TLV " + after + " ("
                    + (first.atMillis() - linkUpAt) + " ms) had no RRCTR");
        }
        List<Integer> f = framesOf(flap);
        int back = reflected(flap);
        long firstBack = -1;
        for (int i : f) {
            if (copies[i] > 0) {
                firstBack = sentAt[i] - linkUpAt;
                break;
            }
        }
        values.put("flap.hairpin-after-link-up", back == 0 ? "none of " + f.size() + " frames sent " + after
                + " (nothing asked) came back" : "resumed: " + back + " of " + f.size() + " frames sent " + after
                + " came back, the first sent " + firstBack + " ms after it, nothing asked");
        if (back > 0) {
            judged.add("hairpin resumed " + after + " without a new request (" + back + " of " + f.size() + " frames)");
        }
        if (f.isEmpty()) {
            judged.add("no test frame could be sent " + after);
        }
        values.put("flap.lost", lost(flap) + " frame(s) sent while the peer's TLV granted were not reflected");
        values.put("flap.reflected-after-revocation", late(flap) + " frame(s) sent " + after + " while the station "
                + "knew no grant were reflected");
        Phase relink = phase(Kind.RELINK);
        long again = relink == null ? -1 : firstAnswer(relink, true);
        if (relink != null) {
            values.put("flap.regrant", again < 0 ? "not granted again within " + GRANT_WAIT_MILLIS / 1000 + " s"
                    : "RRCTR " + (again - relink.startMillis) + " ms after asking again, " + (again - linkUpAt) + " ms "
                    + after + "; " + reflected(relink) + " frames reflected");
            if (again < 0 || reflected(relink) == 0) {
                judged.add("asked again " + after + ": " + (again < 0 ? "not granted" : "granted but nothing reflected"));
            }
        }
        judged.forEach(j -> failures.add("flap: " + j));
        if (!judged.isEmpty()) {
            return null;
        }
        // nothing came back in the watch: telling "no hairpin" from "no forwarding at all" (a port that
        // forwards nothing for a while after its link returns, as a spanning tree's forward delay does)
        // takes the grant after it: frames after it lost for longer than after the grant before the flap
        int missed = missedAfterGrant(relink, again);
        int missedBefore = missedAfterGrant(before, granted);
        if (missed > missedBefore + SLOW_START_FRAMES) {
            flapUnjudged = true;
            long firstAfter = -1;
            for (int i : framesOf(relink)) {
                if (sentAt[i] >= again && copies[i] > 0) {
                    firstAfter = sentAt[i] - linkUpAt;
                    break;
                }
            }
            String why = "the peer forwarded nothing back until " + (firstAfter < 0 ? "the end"
                    : "frames sent " + firstAfter + " ms " + after) + ", past the " + AFTER_LINK_UP_MILLIS + " ms watch ("
                    + missed + " frames sent after it granted again did not come back, " + missedBefore
                    + " after the grant before the flap)";
            values.put("flap.forwarding", why);
            return "link flap: not judged, " + why + ": whether it reflects unasked after a flap is not known "
                    + "(a spanning tree's forward delay?)";
        }
        return "link flap: grant gone, no hairpin until asked again, granted " + (relink == null || again < 0 ? "?"
                : (again - relink.startMillis) + " ms after asking");
    }

    /**
     * Frames of a phase sent after the grant at {@code grantAt} before the first of them that came
     * back (all of them when none did); 0 for no phase or no grant.
     */
    private int missedAfterGrant(Phase p, long grantAt) {
        if (p == null || grantAt < 0) {
            return 0;
        }
        int missed = 0;
        for (int i : framesOf(p)) {
            if (sentAt[i] < grantAt) {
                continue;
            }
            if (copies[i] > 0) {
                break;
            }
            missed++;
        }
        return missed;
    }

    /**
     * One revocation (withdrawn, or aged): when the peer's TLV cleared RRCTR and when hairpin
     * stopped, both from {@code since}; frames lost and reflected late. {@code expectedMillis} is
     * when it should happen (0: at once).
     */
    private void revocation(Phase p, String name, String since, long nowMillis, Map<String, String> values,
                            List<String> failures, long expectedMillis) {
        long cleared = firstAnswer(p, false);
        long stopped = stoppedAt(p, Math.min(nowMillis, p.endMillis));
        long watched = Math.min(nowMillis, p.endMillis) - p.startMillis;
        values.put(name + ".rrctr-cleared", cleared < 0 ? "not within " + watched + " ms of " + since
                : (cleared - p.startMillis) + " ms after " + since);
        values.put(name + ".hairpin-stopped", stopped < 0 ? "still reflecting " + watched + " ms after " + since
                : (stopped - p.startMillis) + " ms after " + since);
        values.put(name + ".lost", lost(p) + " frame(s) sent while the peer's TLV still granted were not reflected");
        values.put(name + ".reflected-after-revocation", late(p) + " frame(s) sent after the peer's TLV cleared RRCTR were reflected");
        if (stopped < 0) {
            failures.add(name + ": frames still reflected " + watched + " ms after " + since
                    + (cleared < 0 ? "" : " (RRCTR cleared after " + (cleared - p.startMillis) + " ms)"));
            return;
        }
        long after = stopped - p.startMillis;
        if (expectedMillis > 0 && after < expectedMillis - TOLERANCE_MILLIS) {
            failures.add(name + ": hairpin stopped " + after + " ms after " + since + ", before the TTL ran out");
        }
        if (expectedMillis > 0 && after > expectedMillis + 2 * TOLERANCE_MILLIS) {
            failures.add(name + ": hairpin stopped only " + after + " ms after " + since);
        }
        if (expectedMillis == 0 && cleared < 0) {
            failures.add(name + ": RRCTR still set " + watched + " ms after " + since);
        }
        if (cleared >= 0 && Math.abs(stopped - cleared) > TOLERANCE_MILLIS) {
            failures.add(name + ": hairpin stopped " + (stopped - p.startMillis) + " ms and RRCTR cleared "
                    + (cleared - p.startMillis) + " ms after " + since + ", more than " + TOLERANCE_MILLIS + " ms apart");
        }
    }

    private Phase phase(Kind kind) {
        return phases.stream().filter(p -> p.kind == kind).findFirst().orElse(null);
    }

    /** Frames sent while the station believed the grant held that did not come back (0 for no phase). */
    int lost(Phase p) {
        return p == null ? 0 : (int) framesOf(p).stream().filter(i -> believedGranted(sentAt[i]) && copies[i] == 0).count();
    }

    /** Frames sent after the station saw the grant go that came back all the same. */
    int late(Phase p) {
        return p == null ? 0 : (int) framesOf(p).stream().filter(i -> !believedGranted(sentAt[i]) && copies[i] > 0).count();
    }
}
