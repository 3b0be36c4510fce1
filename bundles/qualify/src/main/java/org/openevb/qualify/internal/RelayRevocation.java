package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.MacAddress;

/**
 * P4's record and rules when this platform's edge relay (mode {@code auto}) is the station: the
 * numbered VM-to-VM frames put in on one VM port (from VM A to VM B) and where each was seen (up
 * the uplink, back down it, out of VM B's port), the switch's EVB TLVs on the uplink (RRCTR), the
 * relay's behaviour as it changed ({@code vepa}, {@code veb}), the uplink's link, and the phases:
 * grant, withdraw (the station stops asking), regrant, stop (the station's LLDP stops sending: a
 * shutdown LLDPDU), flap-grant, flap (the uplink's link down and up, then the grant again). No clock
 * of its own: times are milliseconds since the session started.
 *
 * <p>What the VMs see decides: a frame that never left VM B's port is lost, one that left it twice
 * is duplicated. VMs stay connected through a revocation when no frame is duplicated and the
 * longest run of lost frames lasts under {@link #BLACKOUT_MILLIS} (TCP's initial retransmission
 * timeout, RFC 6298: a connection whose segment is lost longer than that backs off; shorter, it
 * does not notice more than one retransmission), and the relay turns VEB within
 * {@link #SWITCH_MILLIS} of RRCTR clearing on the wire (or of its link going down).
 */
final class RelayRevocation {

    static final long MAC_A = 0x020E_B000_041AL;
    static final long MAC_B = 0x020E_B000_041BL;
    /** The VM frames' mark: their number in two bytes, the stream being longer than 256 frames. */
    private static final KitMarker MARK = new KitMarker("OEVB-P4R", 2);

    /** One VM frame every this long (100 a second): the resolution of every loss measured. */
    static final long STREAM_MILLIS = 10;
    /** At most this many VM frames in a run (60 s of the stream). */
    static final int MAX_FRAMES = 6000;
    /** How long a grant may take (the relay turning VEPA after the station asks). */
    static final long GRANT_WAIT_MILLIS = 10_000;
    /** VM frames that went up and came back once the relay is a VEPA before the grant counts as working. */
    static final int BASELINE_FRAMES = 10;
    /** A revocation's watch ends this long after both RRCTR cleared and the relay turned VEB (late copies counted). */
    static final long QUIET_MILLIS = 1000;
    /** A revocation's watch ends after this long in any case. */
    static final long REVOKE_WATCH_MILLIS = 10_000;
    /** How long the uplink's link stays down. */
    static final long LINK_DOWN_MILLIS = 3000;
    /** Copies of a frame arrive within this long, or not at all. */
    static final long IN_FLIGHT_MILLIS = 300;
    /** The longest run of lost VM frames that leaves VMs connected (TCP's initial RTO). */
    static final long BLACKOUT_MILLIS = 1000;
    /** The relay turns VEB within this long of RRCTR clearing on the wire, or of its link going down. */
    static final long SWITCH_MILLIS = 1000;

    enum Kind { GRANT, WITHDRAW, REGRANT, STOP, FLAP_GRANT, FLAP }

    /** A phase: its frames from {@code startMillis} to the next phase's start. */
    static final class Phase {
        final Kind kind;
        final long startMillis;
        long endMillis = Long.MAX_VALUE;

        Phase(Kind kind, long startMillis) {
            this.kind = kind;
            this.startMillis = startMillis;
        }

        String name() {
            return kind.name().toLowerCase().replace('_', '-');
        }
    }

    /** Something at a time: the switch's RRCTR, or the relay's behaviour. */
    private record Event(long atMillis, String what) {
    }

    private final int nonce;
    private final long[] sentAt = new long[MAX_FRAMES];
    private final int[] atVm = new int[MAX_FRAMES];
    private final long[] firstAtVm = new long[MAX_FRAMES];
    private final int[] up = new int[MAX_FRAMES];
    private final int[] back = new int[MAX_FRAMES];
    private int sent;
    /** The switch's EVB TLVs on the uplink: "rrctr" or "no-rrctr". */
    private final List<Event> tlvs = new ArrayList<>();
    /** The relay's behaviour as it changed: "vepa", "veb" or "" (mode unavailable). */
    private final List<Event> modes = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private long linkDownAt = -1;
    private long linkUpAt = -1;
    private String flapProblem;

    RelayRevocation(int nonce) {
        this.nonce = nonce;
    }

    // ---- recording ----

    Phase start(Kind kind, long atMillis) {
        if (!phases.isEmpty()) {
            current().endMillis = atMillis;
        }
        Phase p = new Phase(kind, atMillis);
        phases.add(p);
        return p;
    }

    Phase current() {
        return phases.get(phases.size() - 1);
    }

    boolean roomForFrame() {
        return sent < MAX_FRAMES;
    }

    int frames() {
        return sent;
    }

    /** The next VM frame (A to B, numbered); {@link #sent(long)} records it once the relay took it. */
    byte[] nextFrame() {
        return MARK.frame(MAC_B, MAC_A, nonce, sent);
    }

    /** VM B's frame to A, so the relay learns B on its port (floods once, before A is known). */
    byte[] learnFrame() {
        return MARK.frame(MAC_A, MAC_B, nonce, 0xFFFF);
    }

    void sent(long atMillis) {
        sentAt[sent++] = atMillis;
    }

    /** The number of the VM frame {@code f} is a copy of (its marker anywhere, so a tag is no matter), or -1. */
    int number(byte[] f) {
        int number = MARK.find(f, nonce);
        return number < sent ? number : -1;
    }

    /** Frame {@code number} left VM B's port at {@code atMillis}. */
    void atVm(int number, long atMillis) {
        if (atVm[number]++ == 0) {
            firstAtVm[number] = atMillis;
        }
    }

    /** Frame {@code number} went up the uplink ({@code out}) or came back down it. */
    void onUplink(int number, boolean out) {
        if (out) {
            up[number]++;
        } else {
            back[number]++;
        }
    }

    int copiesAtVm(int number) {
        return atVm[number];
    }

    /** The switch's EVB TLV on the uplink at {@code atMillis}. */
    void tlv(long atMillis, boolean rrctr) {
        tlvs.add(new Event(atMillis, rrctr ? "rrctr" : "no-rrctr"));
    }

    /** The relay's behaviour, polled: recorded when it changed. Returns whether it did. */
    boolean mode(long atMillis, String behaviour) {
        if (!modes.isEmpty() && modes.get(modes.size() - 1).what().equals(behaviour)) {
            return false;
        }
        modes.add(new Event(atMillis, behaviour));
        return true;
    }

    String lastMode() {
        return modes.isEmpty() ? "" : modes.get(modes.size() - 1).what();
    }

    void linkDown(long atMillis) {
        linkDownAt = atMillis;
    }

    void linkUp(long atMillis) {
        linkUpAt = atMillis;
    }

    long linkDownAt() {
        return linkDownAt;
    }

    long linkUpAt() {
        return linkUpAt;
    }

    /** The uplink's link could not be flapped (the driver cannot, or the kernel refused). */
    void flapNotDone(String why) {
        flapProblem = why;
    }

    // ---- reading ----

    /** The first event of {@code list} saying {@code what} at or after {@code from} (and before {@code until}), or -1. */
    private static long first(List<Event> list, String what, long from, long until) {
        for (Event e : list) {
            if (e.atMillis() >= from && e.atMillis() < until && e.what().equals(what)) {
                return e.atMillis();
            }
        }
        return -1;
    }

    /** When the relay became {@code behaviour} within the phase (from its start; the flap's from the link's return for vepa), or -1. */
    long modeAt(Phase p, String behaviour) {
        long from = p.kind == Kind.FLAP && behaviour.equals("vepa") ? Math.max(p.startMillis, linkUpAt) : p.startMillis;
        if (p.kind == Kind.FLAP && linkUpAt < 0 && behaviour.equals("vepa")) {
            return -1;
        }
        // a phase that starts with the relay already so: at its start
        String before = "";
        for (Event e : modes) {
            if (e.atMillis() > from) {
                break;
            }
            before = e.what();
        }
        if (before.equals(behaviour)) {
            return from;
        }
        return first(modes, behaviour, from, p.endMillis);
    }

    /** When the switch's TLV first said RRCTR ({@code rrctr}) or not within the phase, or -1. */
    long tlvAt(Phase p, boolean rrctr) {
        return first(tlvs, rrctr ? "rrctr" : "no-rrctr", p.startMillis, p.endMillis);
    }

    private List<Integer> framesOf(Phase p) {
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            if (sentAt[i] >= p.startMillis && sentAt[i] < p.endMillis) {
                list.add(i);
            }
        }
        return list;
    }

    /** VM frames of the phase sent from {@code from} on that went up, came back and reached VM B. */
    int hairpinned(Phase p, long from) {
        return (int) framesOf(p).stream().filter(i -> sentAt[i] >= from && up[i] > 0 && back[i] > 0 && atVm[i] > 0).count();
    }

    /** Whether the phase has its answer at {@code nowMillis} (the probe also ends it at its own deadline). */
    boolean settled(long nowMillis) {
        Phase p = current();
        switch (p.kind) {
            case GRANT, REGRANT, FLAP_GRANT, FLAP -> {
                long vepa = modeAt(p, "vepa");
                return vepa >= 0 && hairpinned(p, vepa) >= BASELINE_FRAMES;
            }
            default -> {
                long cleared = tlvAt(p, false);
                long veb = modeAt(p, "veb");
                return cleared >= 0 && veb >= 0 && nowMillis - Math.max(cleared, veb) >= QUIET_MILLIS;
            }
        }
    }

    // ---- conclusions ----

    /** The verdict and values; {@code relay} names the relay and its ports for the report. */
    ProbeOutcome conclude(String relay) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        values.put("relay", relay);
        Phase grant = phase(Kind.GRANT);
        long vepa = grant == null ? -1 : modeAt(grant, "vepa");
        if (vepa < 0) {
            values.put("grant", "the relay stayed " + describe(lastMode()) + " for " + GRANT_WAIT_MILLIS / 1000
                    + " s after its station asked; the switch's EVB TLV on the uplink " + (tlvs.isEmpty() ? "never came"
                    : tlvAt(grant, true) >= 0 ? "said RRCTR" : "did not say RRCTR"));
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "the switch did not grant the relay's station reflective relay "
                    + "(the relay stayed " + describe(lastMode()) + "): there is no grant to revoke", values);
        }
        values.put("grant", granted(grant, vepa));
        if (hairpinned(grant, vepa) == 0) {
            return new ProbeOutcome(Verdict.FAIL, "the relay turned VEPA on the switch's grant but not one of its VM frames came "
                    + "back: its VMs lose each other", values);
        }
        List<String> summary = new ArrayList<>();
        revocation(phase(Kind.WITHDRAW), "withdraw", "the station stopped asking", values, failures, summary);
        regrant(phase(Kind.REGRANT), "regrant", values, failures);
        revocation(phase(Kind.STOP), "stop", "the station's LLDP stopped", values, failures, summary);
        regrant(phase(Kind.FLAP_GRANT), "flap.grant", values, failures);
        flap(values, failures, summary);
        int lost = 0;
        int duplicated = 0;
        for (int i = 0; i < sent; i++) {
            lost += atVm[i] == 0 ? 1 : 0;
            duplicated += atVm[i] > 1 ? 1 : 0;
        }
        values.put("vm-frames", sent + " sent from " + MacAddress.format(MAC_A) + " to " + MacAddress.format(MAC_B)
                + ", " + (sent - lost) + " delivered, " + lost + " lost, " + duplicated + " delivered more than once");
        if (!failures.isEmpty()) {
            return new ProbeOutcome(Verdict.FAIL, String.join("; ", failures), values);
        }
        return new ProbeOutcome(Verdict.PASS, "VMs stay connected while the switch revokes: " + String.join("; ", summary),
                values);
    }

    private String granted(Phase p, long vepa) {
        long rrctr = tlvAt(p, true);
        return "relay VEPA " + (vepa == p.startMillis ? "from the start" : (vepa - p.startMillis) + " ms after asking")
                + (rrctr >= 0 && vepa > p.startMillis ? " (" + (vepa - rrctr) + " ms after RRCTR on the wire)" : "") + "; "
                + hairpinned(p, vepa) + " VM frames up and back down to VM B";
    }

    private void regrant(Phase p, String name, Map<String, String> values, List<String> failures) {
        if (p == null) {
            return;
        }
        long vepa = modeAt(p, "vepa");
        values.put(name, vepa < 0 ? "the relay stayed " + describe(modeAt(p, "veb") >= 0 ? "veb" : lastMode()) + " for "
                + GRANT_WAIT_MILLIS / 1000 + " s after its station asked again" : granted(p, vepa));
        if (vepa < 0 || hairpinned(p, vepa) == 0) {
            failures.add(name + ": " + (vepa < 0 ? "not granted again" : "granted again but nothing came back"));
        }
    }

    /**
     * One revocation by the station (withdrawn, or its LLDP stopped): when RRCTR cleared on the
     * wire, when the relay turned VEB (from RRCTR clearing), and the phase's VM frames.
     */
    private void revocation(Phase p, String name, String since, Map<String, String> values, List<String> failures,
                            List<String> summary) {
        if (p == null) {
            return;
        }
        long cleared = tlvAt(p, false);
        long veb = modeAt(p, "veb");
        long end = Math.min(p.endMillis, lastSent() + 1);
        values.put(name + ".rrctr-cleared", cleared < 0 ? "not within " + (end - p.startMillis) + " ms of " + since
                : (cleared - p.startMillis) + " ms after " + since);
        values.put(name + ".relay-veb", veb < 0 ? "still " + describe(lastModeIn(p)) + " " + (end - p.startMillis)
                + " ms after " + since : (cleared >= 0 ? (veb - cleared) + " ms after RRCTR cleared, " : "")
                + (veb - p.startMillis) + " ms after " + since);
        String frames = vmFrames(p, name, values);
        if (cleared < 0) {
            failures.add(name + ": the switch still granted reflective relay " + (end - p.startMillis) + " ms after " + since);
        }
        if (veb < 0) {
            failures.add(name + ": the relay did not turn VEB");
        } else if (cleared >= 0 && veb - cleared > SWITCH_MILLIS) {
            failures.add(name + ": the relay turned VEB " + (veb - cleared) + " ms after RRCTR cleared");
        }
        judgeFrames(p, name, failures);
        summary.add(name + (veb >= 0 && cleared >= 0 ? " (VEB " + (veb - cleared) + " ms after RRCTR cleared)" : "") + " "
                + frames);
    }

    /** The link flap: the relay VEB from the link going down, VEPA again once granted after it returned. */
    private void flap(Map<String, String> values, List<String> failures, List<String> summary) {
        if (flapProblem != null) {
            values.put("flap.link", "not done: " + flapProblem);
            summary.add("link flap: not done (" + flapProblem + ")");
            return;
        }
        Phase p = phase(Kind.FLAP);
        if (p == null || linkDownAt < 0) {
            return;
        }
        values.put("flap.link", linkUpAt < 0 ? "down from " + linkDownAt + " ms, not up again"
                : "down " + (linkUpAt - linkDownAt) + " ms (from " + linkDownAt + " ms), then up");
        long veb = first(modes, "veb", linkDownAt, p.endMillis);
        values.put("flap.relay-veb", veb < 0 ? "still " + describe(lastModeIn(p)) + " with its link down"
                : (veb - linkDownAt) + " ms after its link went down");
        long vepa = modeAt(p, "vepa");
        long rrctr = linkUpAt < 0 ? -1 : first(tlvs, "rrctr", linkUpAt, p.endMillis);
        values.put("flap.regrant", vepa < 0 ? "the relay not VEPA again within " + GRANT_WAIT_MILLIS / 1000
                + " s of its link's return" : "relay VEPA " + (vepa - linkUpAt) + " ms after its link returned"
                + (rrctr >= 0 ? " (" + (vepa - rrctr) + " ms after RRCTR on the wire)" : "") + "; "
                + hairpinned(p, vepa) + " VM frames up and back down to VM B");
        String frames = vmFrames(p, "flap", values);
        if (veb < 0) {
            failures.add("flap: the relay did not turn VEB with its link down");
        } else if (veb - linkDownAt > SWITCH_MILLIS) {
            failures.add("flap: the relay turned VEB " + (veb - linkDownAt) + " ms after its link went down");
        }
        if (linkUpAt >= 0 && (vepa < 0 || hairpinned(p, vepa) == 0)) {
            failures.add("flap: " + (vepa < 0 ? "not granted again after the link returned" : "granted again but nothing came back"));
        }
        judgeFrames(p, "flap", failures);
        summary.add("link flap" + (veb >= 0 ? " (VEB " + (veb - linkDownAt) + " ms after the link went down)" : "") + " "
                + frames);
    }

    /** The phase's VM frames as a value {@code NAME.vm-frames}; returns the summary's words. */
    private String vmFrames(Phase p, String name, Map<String, String> values) {
        List<Integer> f = framesOf(p);
        int lost = lost(p);
        int dup = duplicated(p);
        values.put(name + ".vm-frames", f.size() + " sent, " + lost + " lost (longest gap " + blackout(p) + " ms), " + dup
                + " duplicated; " + wentUp(p) + " went up the uplink, " + cameBack(p) + " came back down");
        return lost + " lost, " + dup + " duplicated";
    }

    private void judgeFrames(Phase p, String name, List<String> failures) {
        long gap = blackout(p);
        if (gap >= BLACKOUT_MILLIS) {
            failures.add(name + ": VM frames lost for " + gap + " ms (" + lost(p) + " lost)");
        }
        if (duplicated(p) > 0) {
            failures.add(name + ": " + duplicated(p) + " VM frame(s) delivered more than once");
        }
    }

    private long lastSent() {
        return sent == 0 ? 0 : sentAt[sent - 1];
    }

    private String lastModeIn(Phase p) {
        String m = "";
        for (Event e : modes) {
            if (e.atMillis() >= p.endMillis) {
                break;
            }
            m = e.what();
        }
        return m;
    }

    private static String describe(String behaviour) {
        return behaviour.isEmpty() ? "without its mode" : behaviour.toUpperCase();
    }

    private Phase phase(Kind kind) {
        return phases.stream().filter(p -> p.kind == kind).findFirst().orElse(null);
    }

    /** The phase's VM frames that never reached VM B (0 for no phase). */
    int lost(Phase p) {
        return p == null ? 0 : (int) framesOf(p).stream().filter(i -> atVm[i] == 0).count();
    }

    /** The phase's VM frames that reached VM B more than once. */
    int duplicated(Phase p) {
        return p == null ? 0 : (int) framesOf(p).stream().filter(i -> atVm[i] > 1).count();
    }

    private int wentUp(Phase p) {
        return (int) framesOf(p).stream().filter(i -> up[i] > 0).count();
    }

    private int cameBack(Phase p) {
        return (int) framesOf(p).stream().filter(i -> back[i] > 0).count();
    }

    /**
     * The longest run of lost VM frames in the phase, in milliseconds: from the first of the run
     * being sent to the next frame that arrived being sent (the run's lost time at the stream's
     * resolution); 0 when none was lost.
     */
    long blackout(Phase p) {
        long longest = 0;
        long runStart = -1;
        List<Integer> f = framesOf(p);
        for (int i : f) {
            if (atVm[i] == 0) {
                if (runStart < 0) {
                    runStart = sentAt[i];
                }
            } else if (runStart >= 0) {
                longest = Math.max(longest, sentAt[i] - runStart);
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            longest = Math.max(longest, sentAt[f.get(f.size() - 1)] + STREAM_MILLIS - runStart);
        }
        return longest;
    }
}
