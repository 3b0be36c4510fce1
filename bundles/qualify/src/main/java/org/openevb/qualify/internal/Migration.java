package org.openevb.qualify.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.vdp.VsiTlv;

/**
 * P10's rules, without a clock: where the numbered frames of the stream to the VSI's MAC arrived
 * while the VSI moved between the session's ports, what that says (blackout, lost, delivered to
 * the old location, moved by VDP or by learning), and the verdict with the bridge's answers with
 * and without the migration hints. Times are nanoseconds of the taps' wall clock.
 */
final class Migration {

    /** The most frames the stream sends in one run (at 10 ms apart: 60 s); arrays of that size, allocated once. */
    static final int MAX_FRAMES = 6000;
    /** A blackout longer than this fails: a VM's TCP sessions notice a second. */
    static final double MAX_BLACKOUT_MILLIS = 1000;
    /**
     * Frames in flight at the bridge when it switches (sent before and delivered after, or lost
     * between its receive threads): this many are reported, not failed.
     */
    static final int IN_FLIGHT = 1;

    /** Port indexes in the session. */
    static final int A = 0;
    static final int B = 1;

    /** The numbered frames of the stream: when each was sent and when it arrived on each port (0: not). */
    static final class Stream {
        private final long[] sentAt = new long[MAX_FRAMES];
        private final long[][] arrivedAt = new long[2][MAX_FRAMES];
        private int sent;
        private int duplicates;
        private int strays;

        /** Records a frame sent at {@code nanos}; returns its number, or -1 once {@link #MAX_FRAMES} were sent. */
        int sent(long nanos) {
            if (sent == MAX_FRAMES) {
                return -1;
            }
            sentAt[sent] = nanos;
            return sent++;
        }

        /** Frame {@code n} arrived on {@code port} at {@code nanos}; a second copy on the same port is counted. */
        void arrived(int n, int port, long nanos) {
            if (n < 0 || n >= sent || port < 0 || port > 1) {
                strays++;
                return;
            }
            if (arrivedAt[port][n] != 0) {
                duplicates++;
                return;
            }
            arrivedAt[port][n] = nanos;
        }

        int count() {
            return sent;
        }

        long sentAt(int n) {
            return sentAt[n];
        }

        /** When frame {@code n} arrived on {@code port}, 0 if it did not. */
        long arrivedAt(int port, int n) {
            return arrivedAt[port][n];
        }

        int duplicates() {
            return duplicates;
        }

        /** Frames that carried a number the stream never sent. */
        int strays() {
            return strays;
        }

        /** How many of frames [{@code from}, {@code to}) arrived on {@code port}. */
        int arrivals(int port, int from, int to) {
            int n = 0;
            for (int i = Math.max(0, from); i < Math.min(to, sent); i++) {
                if (arrivedAt[port][i] != 0) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * One move of the VSI from port {@code from} to {@code to}, read from frames [{@code first},
     * {@code end}) of the stream.
     *
     * @param frames       frames sent in the move's window
     * @param reached      whether any arrived at {@code to}
     * @param blackoutMillis last arrival at {@code from} to the first at {@code to} (negative: they overlapped), -1 if either is missing
     * @param lost         frames that arrived on neither port
     * @param stale        frames that arrived at {@code from} after the move's trigger (the Associate's answer, or
     *                     for a bridge that moved only by learning, the VM's frame at {@code to})
     * @param beforeTrigger frames that arrived at {@code from} between the Associate's answer and the VM's frame
     * @param both         frames that arrived on both ports
     * @param byVdp        whether the first frame at {@code to} was sent before the VM's frame there (VDP moved the
     *                     FDB entry), false if it came only after it (learning) or never
     */
    record Move(int frames, boolean reached, double blackoutMillis, int lost, int stale, int beforeTrigger, int both,
                boolean byVdp) {
    }

    private Migration() {
    }

    /**
     * Reads a move from the stream.
     *
     * @param answeredNanos when the Associate at {@code to} was answered with success (0: it was not)
     * @param vmNanos       when the kit sent the VM's frame at {@code to} (0: not sent)
     */
    static Move move(Stream s, int from, int to, int first, int end, long answeredNanos, long vmNanos) {
        end = Math.min(end, s.count());
        int lastFrom = -1;
        long lastFromAt = 0;
        int firstTo = -1;
        long firstToAt = 0;
        int lost = 0;
        int both = 0;
        for (int i = Math.max(0, first); i < end; i++) {
            long f = s.arrivedAt(from, i);
            long t = s.arrivedAt(to, i);
            if (f == 0 && t == 0) {
                lost++;
            }
            if (f != 0 && t != 0) {
                both++;
            }
            if (f != 0 && (lastFrom < 0 || f - lastFromAt > 0)) {
                lastFrom = i;
                lastFromAt = f;
            }
            if (t != 0 && (firstTo < 0 || t - firstToAt < 0)) {
                firstTo = i;
                firstToAt = t;
            }
        }
        boolean byVdp = firstTo >= 0 && (vmNanos == 0 || s.sentAt(firstTo) - vmNanos < 0);
        long trigger = byVdp || vmNanos == 0 ? answeredNanos : vmNanos;
        int stale = 0;
        int beforeTrigger = 0;
        for (int i = Math.max(0, first); i < end && answeredNanos != 0; i++) {
            long f = s.arrivedAt(from, i);
            if (f != 0 && f - trigger > 0) {
                stale++;
            } else if (f != 0 && f - answeredNanos > 0) {
                beforeTrigger++;
            }
        }
        double blackout = lastFrom >= 0 && firstTo >= 0 ? VdpLink.millis(firstToAt - lastFromAt) : -1;
        return new Move(end - Math.max(0, first), firstTo >= 0, blackout, lost, stale, beforeTrigger, both, byVdp);
    }

    /** libvirt's three steps and their answers (null: not sent). */
    record Steps(VdpLink.Exchange preAssociate, VdpLink.Exchange associate, VdpLink.Exchange deAssociate) {
    }

    /**
     * What P10 saw.
     *
     * @param bridgeOnA       whether the peer's EVB TLV on port A said bridge
     * @param bridgeOnB       the same on port B
     * @param associateOnA    the first Associate of the VSI, on A (null: not sent)
     * @param reachedOnA      how many frames of the stream reached the VSI on A before the move (after the kit's
     *                        frame from its MAC there)
     * @param hinted          pre-associate-RR on B, associate with M on B, de-associate with S on A
     * @param hintedMove      the stream through it
     * @param plain           the way back without hints: pre-associate-RR on A, associate on A, de-associate on B (null: not run)
     * @param plainMove       the stream through it (null: not run)
     */
    record Seen(boolean bridgeOnA, boolean bridgeOnB, VdpLink.Exchange associateOnA, int reachedOnA, Steps hinted,
                Move hintedMove, Steps plain, Move plainMove) {
    }

    static boolean success(VdpLink.Exchange x) {
        return x != null && x.success();
    }

    static String answer(VdpLink.Exchange x) {
        return x == null ? "not sent" : VdpLink.outcome(x);
    }

    /** The move in one line, e.g. {@code blackout 1.2 ms (frame 40 last at A, ...), 0 lost, ...}. */
    static String describe(Move m) {
        if (!m.reached()) {
            return "never reached the destination: of " + m.frames() + " frames, " + (m.frames() - m.lost())
                    + " went to the source, " + m.lost() + " nowhere";
        }
        return "blackout " + (m.blackoutMillis() < 0 && m.blackoutMillis() != -1 ? "none (overlap "
                + (-m.blackoutMillis()) + " ms)" : m.blackoutMillis() + " ms") + "; " + m.lost() + " of " + m.frames()
                + " lost; " + m.stale() + " to the old port after the move; " + m.both() + " to both; moved "
                + (m.byVdp() ? "by VDP (before the VM sent anything)" : "only on the VM's frame at the destination (learning)"
                + ", " + m.beforeTrigger() + " to the old port between the answer and that frame");
    }

    /** How the answers with the hints compare with those without. */
    static String hints(Steps hinted, Steps plain) {
        if (plain == null) {
            return "not compared (the move with the hints did not complete)";
        }
        boolean sameAssociate = success(hinted.associate()) == success(plain.associate());
        boolean sameDeAssociate = success(hinted.deAssociate()) == success(plain.deAssociate());
        if (sameAssociate && sameDeAssociate) {
            return "no difference in the answers: the bridge does not need the hints";
        }
        StringBuilder s = new StringBuilder("the hints matter:");
        if (!sameAssociate) {
            s.append(" the Associate at the destination ").append(success(hinted.associate()) ? "with M succeeded, without it "
                    + answer(plain.associate()) : "with M " + answer(hinted.associate()) + ", without it succeeded").append(";");
        }
        if (!sameDeAssociate) {
            s.append(" the De-Associate at the source ").append(success(hinted.deAssociate()) ? "with S succeeded, without it "
                    + answer(plain.deAssociate()) : "with S " + answer(hinted.deAssociate()) + ", without it succeeded").append(";");
        }
        return s.substring(0, s.length() - 1);
    }

    static ProbeOutcome conclude(Seen s) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!s.bridgeOnA()) {
            // the second port is not tried then
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no EVB TLV of a bridge on the first port: VDP does not run there",
                    values);
        }
        if (!s.bridgeOnB()) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no EVB TLV of a bridge on the second port: VDP does not run "
                    + "on both", values);
        }
        values.put("associate-a", answer(s.associateOnA()));
        if (s.associateOnA() == null || !s.associateOnA().answered()) {
            return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no VDP answer to an Associate on the first port", values);
        }
        if (!s.associateOnA().success()) {
            return new ProbeOutcome(Verdict.INCONCLUSIVE, "the peer refused the kit's VSI on the first port ("
                    + VdpText.answer(s.associateOnA().response()) + "): nothing to migrate (--vsi-type, --vid)", values);
        }
        values.put("stream-at-a", s.reachedOnA() + " frame(s) reached the VSI on the first port before the move");
        Steps h = s.hinted();
        values.put("pre-associate-rr-b", answer(h.preAssociate()));
        values.put("associate-m-b", answer(h.associate()));
        values.put("de-associate-s-a", answer(h.deAssociate()));
        if (s.hintedMove() != null) {
            values.put("move", describe(s.hintedMove()));
            if (s.hintedMove().reached()) {
                values.put("blackout", s.hintedMove().blackoutMillis() + " ms");
                values.put("lost", String.valueOf(s.hintedMove().lost()));
                values.put("to-old-port-after-move", String.valueOf(s.hintedMove().stale()));
                values.put("fdb-move", s.hintedMove().byVdp() ? "by VDP" : "by learning (the VM's frame)");
            }
        }
        if (s.plain() != null) {
            values.put("plain.pre-associate-rr-a", answer(s.plain().preAssociate()));
            values.put("plain.associate-a", answer(s.plain().associate()));
            values.put("plain.de-associate-b", answer(s.plain().deAssociate()));
            if (s.plainMove() != null) {
                values.put("plain.move", describe(s.plainMove()));
            }
        }
        values.put("hints", hints(h, s.plain()));
        if (s.reachedOnA() == 0) {
            return new ProbeOutcome(Verdict.INCONCLUSIVE, "the stream to the VSI did not reach it on the first port before "
                    + "the move (the bridge did not reflect it: reflective relay not granted, or the VID not carried): "
                    + "where frames go cannot be seen", values);
        }
        if (!success(h.preAssociate())) {
            return new ProbeOutcome(Verdict.FAIL, "the pre-associate with reservation at the destination while the VSI is "
                    + "associated at the source: " + answer(h.preAssociate()) + " (libvirt's migration stops here)", values);
        }
        if (!success(h.associate())) {
            return new ProbeOutcome(Verdict.FAIL, "the Associate with the migrate-to hint at the destination: "
                    + answer(h.associate()) + ": the VSI cannot migrate", values);
        }
        Move m = s.hintedMove();
        if (m == null || !m.reached()) {
            return new ProbeOutcome(Verdict.FAIL, "the VSI's frames never reached the destination after it associated there"
                    + " (not even after a frame from its MAC there)", values);
        }
        if (!success(h.deAssociate())) {
            return new ProbeOutcome(Verdict.FAIL, "the De-Associate with the suspended hint at the source: "
                    + answer(h.deAssociate()) + ": the source cannot release the migrated VSI", values);
        }
        if (m.stale() > IN_FLIGHT) {
            return new ProbeOutcome(Verdict.FAIL, m.stale() + " frame(s) delivered to the old port after the move ("
                    + describe(m) + ")", values);
        }
        if (m.lost() > IN_FLIGHT) {
            return new ProbeOutcome(Verdict.FAIL, m.lost() + " frame(s) lost in the move (" + describe(m) + ")", values);
        }
        if (m.blackoutMillis() > MAX_BLACKOUT_MILLIS) {
            return new ProbeOutcome(Verdict.FAIL, String.format(Locale.ROOT, "blackout %s ms, longer than %.0f ms (%s)",
                    m.blackoutMillis(), MAX_BLACKOUT_MILLIS, describe(m)), values);
        }
        return new ProbeOutcome(Verdict.PASS, "migrated: " + describe(m) + "; " + values.get("hints"), values);
    }

    /** The VID of a VSI's first filter entry, 0 if it has none. */
    static int vid(VsiTlv t) {
        return t.entries().isEmpty() ? 0 : t.entries().get(0).vid();
    }
}
