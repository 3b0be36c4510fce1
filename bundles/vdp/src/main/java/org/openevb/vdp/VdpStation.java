package org.openevb.vdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openevb.api.vdp.VdpCounter;
import org.openevb.codec.CodecException;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/**
 * The station role of VDP on one port (802.1Qbg 41.5.5, the states of lldpad's {@code vdp22sm.c}):
 * per VSI, send a command and wait up to {@link VdpTimers#responseWaitNanos()} for the bridge's
 * answer; once established, repeat the command every {@link VdpTimers#keepAliveNanos()}; end on a
 * refusal without Keep, a timeout, ECP giving up, or a De-Associate from the bridge. VDP does not
 * retransmit: ECP does. One exchange per VSI at a time; a command given meanwhile waits for it
 * (the latest one wins). An Associate sent with the migrate-to hint that succeeds starts the
 * VSI's announcements ({@link VdpAction.Announce}) on the {@link AnnounceSchedule}, as QEMU
 * announces a VM that migrated in; they stop when the VSI leaves the associated state. Events
 * carry {@code now} in nanoseconds; nothing here throws on a peer's input. Not thread-safe.
 */
public final class VdpStation {

    private final Map<VsiId, Entry> vsis = new LinkedHashMap<>();
    private final long[] counters = new long[VdpCounter.values().length];
    private final AnnounceSchedule announceSchedule;
    private VdpTimers timers;

    private static final class Entry {
        Vsi vsi;
        VsiState state = VsiState.DEASSOCIATED;
        int hints;
        VdpCommand lastCommand;
        VdpCommand pending;
        boolean pendingKeepAlive;
        long responseDeadline = Long.MAX_VALUE;
        long keepAliveDeadline = Long.MAX_VALUE;
        VdpResponse lastResponse;
        StationOutcome lastOutcome = StationOutcome.NONE;
        long lastAnswerAt = Long.MIN_VALUE;
        long succeeded;
        long failed;
        long keepAlives;
        Vsi queuedVsi;
        VdpCommand queued;
        int queuedHints;
        /** The next announcement round, -1 when not announcing. */
        int announceRound = -1;
        long announceStart;
        long announceAt = Long.MAX_VALUE;
        long announced;
        /** When this VSI is announced after migrating here; null: it is not. */
        AnnounceSchedule schedule;

        Entry(Vsi vsi, AnnounceSchedule schedule) {
            this.vsi = vsi;
            this.schedule = schedule;
        }

        StationVsiStatus status() {
            return new StationVsiStatus(vsi, state, lastCommand, pending, lastResponse, lastOutcome, lastAnswerAt,
                    succeeded, failed, keepAlives, hints, announced);
        }
    }

    public VdpStation(VdpTimers timers) {
        this(timers, AnnounceSchedule.QEMU);
    }

    public VdpStation(VdpTimers timers, AnnounceSchedule announceSchedule) {
        this.timers = timers;
        this.announceSchedule = announceSchedule;
    }

    /** New operational timers (the EVB TLV was renegotiated); they apply to timers started from now on. */
    public void timers(VdpTimers next) {
        this.timers = next;
    }

    public VdpTimers timers() {
        return timers;
    }

    /**
     * Ask the bridge for {@code command} on {@code vsi}. {@code hints} is the request's status
     * byte: 0, {@link VsiTlv#STATUS_M_BIT} (migrating here) or {@link VsiTlv#STATUS_S_BIT}
     * (suspended, migrating away).
     */
    public List<VdpAction> command(Vsi vsi, VdpCommand command, int hints, long now) {
        if ((hints & ~(VsiTlv.STATUS_M_BIT | VsiTlv.STATUS_S_BIT)) != 0) {
            throw new IllegalArgumentException("request hints may only be the M and S bits: " + hints);
        }
        Entry e = entry(vsi);
        List<VdpAction> out = new ArrayList<>(2);
        if (e.pending != null) {
            e.queuedVsi = vsi;
            e.queued = command;
            e.queuedHints = hints;
            return out;
        }
        issue(e, vsi, command, hints, false, now, out);
        return out;
    }

    private Entry entry(Vsi vsi) {
        return vsis.computeIfAbsent(vsi.id(), k -> new Entry(vsi, announceSchedule));
    }

    /**
     * How the VSI is announced after it migrates here from now on: on {@code schedule}, or not at
     * all when it is null (the station's schedule until this is called; a VSI this station has no
     * command for yet is left alone). Rounds still to come follow the new schedule; null stops them.
     */
    public void announcing(VsiId id, AnnounceSchedule schedule) {
        Entry e = vsis.get(id);
        if (e == null) {
            return;
        }
        e.schedule = schedule;
        if (schedule == null || e.announceRound >= schedule.rounds()) {
            e.announceRound = -1;
            e.announceAt = Long.MAX_VALUE;
        } else if (e.announceRound > 0) {
            e.announceAt = e.announceStart + schedule.offsetMillis(e.announceRound) * 1_000_000L;
        }
    }

    /** Forget a VSI (after it is de-associated, or to drop it without telling the bridge). */
    public void remove(VsiId id) {
        vsis.remove(id);
    }

    /** A VDP PDU delivered by ECP (the ULPDU, padding included). */
    public List<VdpAction> received(byte[] ulpdu, long now) {
        VdpPdu pdu;
        try {
            pdu = VdpPdu.decode(ulpdu, 0, ulpdu.length);
        } catch (CodecException | IllegalArgumentException ex) {
            counters[VdpCounter.MALFORMED.ordinal()]++;
            return List.of();
        }
        List<VdpAction> out = new ArrayList<>(2);
        for (VsiTlv tlv : pdu.vsiTlvs()) {
            answer(tlv, now, out);
        }
        return out;
    }

    /** ECP gave up on a PDU this station sent: the exchange it carried ends. */
    public List<VdpAction> ecpGaveUp(byte[] ulpdu, long now) {
        VdpPdu pdu;
        try {
            pdu = VdpPdu.decode(ulpdu, 0, ulpdu.length);
        } catch (CodecException | IllegalArgumentException ex) {
            return List.of();
        }
        List<VdpAction> out = new ArrayList<>(2);
        for (VsiTlv tlv : pdu.vsiTlvs()) {
            Entry e = vsis.get(VsiId.of(tlv));
            if (e != null && e.pending != null && e.pending.tlvType() == tlv.type()) {
                counters[VdpCounter.ECP_GAVE_UP.ordinal()]++;
                end(e, StationOutcome.ECP_GAVE_UP, now, out);
            }
        }
        return out;
    }

    /** The clock: answers not received in time end their exchange; established VSIs send keep-alives. */
    public List<VdpAction> tick(long now) {
        List<VdpAction> out = new ArrayList<>(2);
        for (Entry e : List.copyOf(vsis.values())) {
            if (e.pending != null && now - e.responseDeadline >= 0) {
                counters[VdpCounter.TIMEOUTS.ordinal()]++;
                end(e, StationOutcome.TIMEOUT, now, out);
            } else if (e.pending == null && e.state != VsiState.DEASSOCIATED && now - e.keepAliveDeadline >= 0) {
                issue(e, e.vsi, e.state.command(), e.hints, true, now, out);
            }
            if (now - e.announceAt >= 0) {
                announce(e, out);
            }
        }
        return out;
    }

    /** When {@link #tick(long)} has something to do, {@link Long#MAX_VALUE} if never. */
    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (Entry e : vsis.values()) {
            next = Math.min(next, e.pending != null ? e.responseDeadline : e.keepAliveDeadline);
            next = Math.min(next, e.announceAt);
        }
        return next;
    }

    /** One VSI's status, or null if unknown. */
    public StationVsiStatus status(VsiId id) {
        Entry e = vsis.get(id);
        return e == null ? null : e.status();
    }

    /** Every VSI's status, in the order they were first commanded. */
    public List<StationVsiStatus> statuses() {
        List<StationVsiStatus> out = new ArrayList<>(vsis.size());
        for (Entry e : vsis.values()) {
            out.add(e.status());
        }
        return out;
    }

    /** A snapshot of the counters, every key present. */
    public Map<VdpCounter, Long> counters() {
        return snapshot(counters);
    }

    public long counter(VdpCounter c) {
        return counters[c.ordinal()];
    }

    static Map<VdpCounter, Long> snapshot(long[] counters) {
        Map<VdpCounter, Long> m = new EnumMap<>(VdpCounter.class);
        for (VdpCounter c : VdpCounter.values()) {
            m.put(c, counters[c.ordinal()]);
        }
        return Collections.unmodifiableMap(m);
    }

    private void issue(Entry e, Vsi vsi, VdpCommand command, int hints, boolean keepAlive, long now, List<VdpAction> out) {
        e.vsi = vsi;
        if (!keepAlive) {
            e.hints = hints;
        }
        e.lastCommand = command;
        e.pending = command;
        e.pendingKeepAlive = keepAlive;
        e.lastOutcome = StationOutcome.PENDING;
        e.responseDeadline = now + timers.responseWaitNanos();
        e.keepAliveDeadline = Long.MAX_VALUE;
        if (keepAlive) {
            e.keepAlives++;
            counters[VdpCounter.KEEP_ALIVES_SENT.ordinal()]++;
        } else {
            counters[VdpCounter.REQUESTS_SENT.ordinal()]++;
        }
        // a keep-alive repeats the state, not the migration: with the M bit, the source's
        // keep-alives would take a migrated VSI back from its destination
        out.add(new VdpAction.Send(vsi.pdu(command, keepAlive ? 0 : hints)));
    }

    private void answer(VsiTlv tlv, long now, List<VdpAction> out) {
        Entry e = vsis.get(VsiId.of(tlv));
        if (e == null || !tlv.isResponse()) {
            counters[VdpCounter.UNEXPECTED.ordinal()]++;
            return;
        }
        VdpResponse r = VdpResponse.of(tlv);
        if (tlv.type() == VdpTlv.DE_ASSOCIATE && e.pending != VdpCommand.DE_ASSOCIATE) {
            // A De-Associate we did not ask for: the bridge ends the VSI (or refuses our request
            // this way, as lldpad's bridge does). A successful one for a VSI that is not
            // established is the late answer to an earlier De-Associate of ours: nothing to end.
            if (e.state == VsiState.DEASSOCIATED && r.success()) {
                counters[VdpCounter.UNEXPECTED.ordinal()]++;
                return;
            }
            counters[VdpCounter.BRIDGE_DEASSOCIATED.ordinal()]++;
            e.lastResponse = r;
            e.lastAnswerAt = now;
            end(e, StationOutcome.BRIDGE_DEASSOCIATED, now, out);
            return;
        }
        if (e.pending == null || e.pending.tlvType() != tlv.type()) {
            // a late answer to an exchange that already ended
            counters[VdpCounter.UNEXPECTED.ordinal()]++;
            return;
        }
        VdpCommand command = e.pending;
        boolean keepAlive = e.pendingKeepAlive;
        e.pending = null;
        e.responseDeadline = Long.MAX_VALUE;
        e.lastResponse = r;
        e.lastAnswerAt = now;
        if (r.success()) {
            counters[VdpCounter.SUCCEEDED.ordinal()]++;
            e.succeeded++;
            e.lastOutcome = StationOutcome.SUCCESS;
            if (command != VdpCommand.DE_ASSOCIATE) {
                e.vsi = e.vsi.withEntries(tlv.entries()); // the VIDs the bridge chose for VID 0
            }
            setState(e, command.result(), out);
            if (command == VdpCommand.ASSOCIATE && !keepAlive && (e.hints & VsiTlv.STATUS_M_BIT) != 0
                    && e.schedule != null) {
                startAnnouncing(e, now, out);
            }
        } else if (r.keep()) {
            counters[VdpCounter.FAILED.ordinal()]++;
            e.failed++;
            e.lastOutcome = StationOutcome.KEPT;
            if (keepAlive && e.state == VsiState.ASSOCIATED) {
                // the bridge no longer holds what we keep alive: withdraw it (lldpad's TXMIT_DEASSOC)
                issue(e, e.vsi, VdpCommand.DE_ASSOCIATE, 0, false, now, out);
                return;
            }
        } else {
            counters[VdpCounter.FAILED.ordinal()]++;
            e.failed++;
            e.lastOutcome = StationOutcome.REFUSED;
            setState(e, VsiState.DEASSOCIATED, out);
        }
        settle(e, now, out);
    }

    /** The exchange ends without success: the VSI is de-associated (lldpad's END). */
    private void end(Entry e, StationOutcome outcome, long now, List<VdpAction> out) {
        if (e.pending != null) {
            e.failed++;
        }
        e.pending = null;
        e.responseDeadline = Long.MAX_VALUE;
        e.lastOutcome = outcome;
        setState(e, VsiState.DEASSOCIATED, out);
        settle(e, now, out);
    }

    /** After an exchange: the next command if one waits, else the keep-alive timer. */
    private void settle(Entry e, long now, List<VdpAction> out) {
        if (e.queued != null) {
            VdpCommand c = e.queued;
            e.queued = null;
            issue(e, e.queuedVsi, c, e.queuedHints, false, now, out);
            return;
        }
        e.keepAliveDeadline = e.state == VsiState.DEASSOCIATED ? Long.MAX_VALUE : now + timers.keepAliveNanos();
    }

    private static void setState(Entry e, VsiState next, List<VdpAction> out) {
        if (e.state != next) {
            e.state = next;
            out.add(new VdpAction.Changed(e.vsi.id(), next));
        }
        if (next != VsiState.ASSOCIATED) {
            e.announceRound = -1; // a VSI that is not associated here is not announced
            e.announceAt = Long.MAX_VALUE;
        }
    }

    /** The VSI migrated here: its first announcement goes now, the others on the schedule. */
    private void startAnnouncing(Entry e, long now, List<VdpAction> out) {
        e.announceRound = 0;
        e.announceStart = now;
        announce(e, out);
    }

    /** Sends the due round and schedules the next one, if any. */
    private void announce(Entry e, List<VdpAction> out) {
        List<FilterEntry> entries = announced(e.vsi);
        int round = e.announceRound;
        if (!entries.isEmpty()) {
            out.add(new VdpAction.Announce(e.vsi.id(), entries, round));
            e.announced += entries.size();
            counters[VdpCounter.ANNOUNCEMENTS_SENT.ordinal()] += entries.size();
        }
        e.announceRound = round + 1 < e.schedule.rounds() ? round + 1 : -1;
        e.announceAt = e.announceRound < 0 ? Long.MAX_VALUE
                : e.announceStart + e.schedule.offsetMillis(e.announceRound) * 1_000_000L;
    }

    /** The filter entries with a MAC, each (MAC, VID) once: what a migrated VSI announces. */
    static List<FilterEntry> announced(Vsi vsi) {
        int f = vsi.filterFormat();
        if (f != VsiTlv.FILTER_MAC_VID && f != VsiTlv.FILTER_GROUP_MAC_VID) {
            return List.of();
        }
        List<FilterEntry> out = new ArrayList<>(vsi.entries().size());
        for (FilterEntry x : vsi.entries()) {
            boolean seen = false;
            for (FilterEntry y : out) {
                seen |= y.mac() == x.mac() && y.vid() == x.vid();
            }
            if (!seen) {
                out.add(x);
            }
        }
        return out;
    }
}
