package org.openevb.vdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openevb.api.vdp.VdpCounter;
import org.openevb.codec.CodecException;
import org.openevb.codec.vdp.ManagerIdTlv;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/**
 * The bridge role of VDP on one port (802.1Qbg 41.5.5, lldpad's {@code vdp22br.c} without its
 * accept-all): the port's VSI database; each request decided by {@link Admission} and answered
 * at once with the same TLV type (response bit, code, Keep when a previous state stands, Hard when
 * asking again will not help); a VSI not heard from within {@link VdpTimers#toutKeepAliveNanos()}
 * is de-associated. Its MACs are held in the {@link VsiRegistry} shared with the other ports.
 * Events carry {@code now} in nanoseconds; nothing here throws on a peer's input. Not thread-safe
 * (the registry is).
 */
public final class VdpBridge {

    private static final byte[] NO_MANAGER = new byte[ManagerIdTlv.LENGTH];

    private final String port;
    private final VsiRegistry registry;
    private final Map<VsiId, Entry> vsis = new LinkedHashMap<>();
    private final long[] counters = new long[VdpCounter.values().length];
    private final long[] refusals = new long[VdpReason.values().length];
    private VdpTimers timers;
    private VsiTypeDatabase types;
    private boolean groupIds;

    private static final class Entry {
        final VsiId id;
        byte[] managerId;
        VsiTlv admitted;
        VsiState state = VsiState.DEASSOCIATED;
        VdpCommand lastCommand;
        VdpReason lastReason;
        long lastHeardAt;
        long expiresAt = Long.MAX_VALUE;
        long succeeded;
        long failed;
        int lastHints;

        Entry(VsiId id) {
            this.id = id;
        }

        BridgeVsiStatus status() {
            return new BridgeVsiStatus(id, managerId, admitted, state, lastCommand, lastReason, lastHeardAt, expiresAt,
                    succeeded, failed, lastHints);
        }
    }

    /**
     * @param port     the port's name, as the registry knows it
     * @param timers   the operational timers
     * @param types    the VSI type database
     * @param registry the view shared by all ports of the bridge
     * @param groupIds whether group IDs were negotiated (BGID and SGID)
     */
    public VdpBridge(String port, VdpTimers timers, VsiTypeDatabase types, VsiRegistry registry, boolean groupIds) {
        this.port = port;
        this.timers = timers;
        this.types = types;
        this.registry = registry;
        this.groupIds = groupIds;
    }

    /** New operational timers; they apply to keep-alive watchdogs started from now on. */
    public void timers(VdpTimers next) {
        this.timers = next;
    }

    /** A new type database: applies to the next requests (keep-alives included). */
    public void types(VsiTypeDatabase next) {
        this.types = next;
    }

    /** Whether group IDs are negotiated now. */
    public void groupIds(boolean negotiated) {
        this.groupIds = negotiated;
    }

    public String port() {
        return port;
    }

    /** A VDP PDU delivered by ECP: every VSI request in it is decided and answered. */
    public List<VdpAction> received(byte[] ulpdu, long now) {
        VdpPdu pdu;
        try {
            pdu = VdpPdu.decode(ulpdu, 0, ulpdu.length);
        } catch (CodecException | IllegalArgumentException ex) {
            counters[VdpCounter.MALFORMED.ordinal()]++;
            return List.of();
        }
        List<VsiTlv> requests = pdu.vsiTlvs();
        if (requests.isEmpty()) {
            counters[VdpCounter.MALFORMED.ordinal()]++;
            return List.of();
        }
        byte[] manager = pdu.managerId().map(ManagerIdTlv::id).orElse(NO_MANAGER);
        List<VdpAction> out = new ArrayList<>(2);
        for (VsiTlv tlv : requests) {
            if (tlv.isResponse()) {
                counters[VdpCounter.UNEXPECTED.ordinal()]++;
                continue;
            }
            VsiTlv answer = request(tlv, manager, pdu.managerId().isPresent(), now, out);
            out.add(new VdpAction.Send(VdpPdu.of(new ManagerIdTlv(manager), answer)));
        }
        return out;
    }

    private VsiTlv request(VsiTlv tlv, byte[] manager, boolean hasManager, long now, List<VdpAction> out) {
        counters[VdpCounter.REQUESTS_RECEIVED.ordinal()]++;
        VsiId id = VsiId.of(tlv);
        VdpCommand command = VdpCommand.of(tlv.type());
        Entry existing = vsis.get(id);
        if (command == VdpCommand.DE_ASSOCIATE) {
            // de-associating what is not here is already done: success, as lldpad answers
            counters[VdpCounter.ACCEPTED.ordinal()]++;
            if (existing != null) {
                remove(existing, out);
            }
            return tlv.response(VsiTlv.SUCCESS, false, false);
        }
        Admission.Decision d = hasManager
                ? Admission.decide(tlv, port, groupIds, types, reservedExcept(id), registry)
                : new Admission.Decision(VdpReason.INVALID_FORMAT, List.of());
        if (d.accepted()) {
            VsiTlv admitted = tlv.withEntries(d.entries()).withStatus(0);
            if (command == VdpCommand.ASSOCIATE) {
                if (registry.claim(port, id, Admission.macs(admitted)) != -1) {
                    d = new Admission.Decision(VdpReason.MAC_IN_USE, List.of());
                }
            } else if (existing != null && existing.state == VsiState.ASSOCIATED) {
                registry.release(port, id); // back to pre-associated: its MACs are free again
            }
            if (d.accepted()) {
                Entry e = existing != null ? existing : new Entry(id);
                boolean alive = existing != null && e.state == command.result() && admitted.equals(e.admitted);
                counters[VdpCounter.ACCEPTED.ordinal()]++;
                if (alive) {
                    counters[VdpCounter.KEEP_ALIVES_RECEIVED.ordinal()]++;
                }
                vsis.put(id, e);
                e.managerId = manager;
                e.admitted = admitted;
                e.lastCommand = command;
                if (!alive) {
                    e.lastHints = hints(tlv); // a keep-alive repeats the state, not the migration
                }
                e.lastReason = VdpReason.ACCEPTED;
                e.lastHeardAt = now;
                e.expiresAt = now + timers.toutKeepAliveNanos();
                e.succeeded++;
                if (e.state != command.result()) {
                    e.state = command.result();
                    out.add(new VdpAction.Changed(id, e.state));
                }
                return admitted.response(VsiTlv.SUCCESS, false, false);
            }
        }
        counters[VdpCounter.REFUSED.ordinal()]++;
        refusals[d.reason().ordinal()]++;
        boolean keep = existing != null;
        if (keep) {
            // the previous state stands, and so does its watchdog
            existing.lastCommand = command;
            existing.lastHints = hints(tlv);
            existing.lastReason = d.reason();
            existing.failed++;
        }
        return tlv.response(d.reason().code(), keep, d.reason().hard());
    }

    /**
     * The bridge ends a VSI on its own (an operator, a policy change): a De-Associate with the
     * response bit and {@code reason}'s code goes to the station.
     */
    public List<VdpAction> deassociate(VsiId id, VdpReason reason, long now) {
        Entry e = vsis.get(id);
        if (e == null) {
            return List.of();
        }
        counters[VdpCounter.DEASSOCIATED_BY_BRIDGE.ordinal()]++;
        List<VdpAction> out = new ArrayList<>(2);
        VsiTlv admitted = e.admitted;
        VsiTlv de = new VsiTlv(VdpTlv.DE_ASSOCIATE, 0, admitted.typeId(), admitted.typeVersion(), admitted.vsiidFormat(),
                admitted.vsiid(), admitted.filterFormat(), admitted.entries())
                .response(reason.code(), false, reason.hard());
        remove(e, out);
        out.add(new VdpAction.Send(VdpPdu.of(new ManagerIdTlv(e.managerId), de)));
        return out;
    }

    /** The clock: VSIs whose keep-alive did not come in time are de-associated (nothing is sent). */
    public List<VdpAction> tick(long now) {
        List<VdpAction> out = new ArrayList<>(1);
        for (Entry e : List.copyOf(vsis.values())) {
            if (now - e.expiresAt >= 0) {
                counters[VdpCounter.KEEP_ALIVE_TIMEOUTS.ordinal()]++;
                remove(e, out);
            }
        }
        return out;
    }

    /** When {@link #tick(long)} has something to do, {@link Long#MAX_VALUE} if never. */
    public long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (Entry e : vsis.values()) {
            next = Math.min(next, e.expiresAt);
        }
        return next;
    }

    /** One VSI's status, or null if the port does not hold it. */
    public BridgeVsiStatus status(VsiId id) {
        Entry e = vsis.get(id);
        return e == null ? null : e.status();
    }

    /** The port's VSI database. */
    public List<BridgeVsiStatus> statuses() {
        List<BridgeVsiStatus> out = new ArrayList<>(vsis.size());
        for (Entry e : vsis.values()) {
            out.add(e.status());
        }
        return out;
    }

    public Map<VdpCounter, Long> counters() {
        return VdpStation.snapshot(counters);
    }

    public long counter(VdpCounter c) {
        return counters[c.ordinal()];
    }

    /** Refused requests by reason, every reason but {@link VdpReason#ACCEPTED} present. */
    public Map<VdpReason, Long> refusals() {
        Map<VdpReason, Long> m = new EnumMap<>(VdpReason.class);
        for (VdpReason r : VdpReason.values()) {
            if (r != VdpReason.ACCEPTED) {
                m.put(r, refusals[r.ordinal()]);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static int hints(VsiTlv request) {
        return (request.mBit() ? VsiTlv.STATUS_M_BIT : 0) | (request.sBit() ? VsiTlv.STATUS_S_BIT : 0);
    }

    private int reservedExcept(VsiId id) {
        int n = 0;
        for (Entry e : vsis.values()) {
            if (!e.id.equals(id) && (e.state == VsiState.ASSOCIATED || e.state == VsiState.PREASSOCIATED_RR)) {
                n++;
            }
        }
        return n;
    }

    private void remove(Entry e, List<VdpAction> out) {
        vsis.remove(e.id);
        registry.release(port, e.id);
        e.state = VsiState.DEASSOCIATED;
        out.add(new VdpAction.Changed(e.id, VsiState.DEASSOCIATED));
    }
}
