package org.openevb.vdp.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.openevb.api.evb.EvbPortStatus;
import org.openevb.api.port.Port;
import org.openevb.api.vdp.AssociatedVsi;
import org.openevb.api.vdp.EcpCounter;
import org.openevb.api.vdp.VdpCounter;
import org.openevb.api.vdp.VdpPortView;
import org.openevb.api.vdp.VsiPolicy;
import org.openevb.api.vdp.VsiView;
import org.openevb.api.view.Counters;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.MacAddress;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VsiTlv;
import org.openevb.ecp.EcpAction;
import org.openevb.ecp.EcpEntity;
import org.openevb.vdp.BridgeVsiStatus;
import org.openevb.vdp.Rarp;
import org.openevb.vdp.StationOutcome;
import org.openevb.vdp.StationVsiStatus;
import org.openevb.vdp.VdpAction;
import org.openevb.vdp.VdpBridge;
import org.openevb.vdp.VdpCommand;
import org.openevb.vdp.VdpReason;
import org.openevb.vdp.VdpStation;
import org.openevb.vdp.VdpTimers;
import org.openevb.vdp.VsiId;
import org.openevb.vdp.VsiRegistry;
import org.openevb.vdp.VsiState;
import org.openevb.vdp.VsiType;
import org.openevb.vdp.VsiTypeDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECP and one VDP role on one port: feeds the pure state machines with frames and the clock, and
 * performs what they answer (frames out, a PDU handed from one layer to the other). Confined to the
 * VDP thread.
 */
final class PortVdp {

    private static final Logger LOG = LoggerFactory.getLogger(PortVdp.class);
    /** Where ECP PDUs go (evb-standards §1.9, as lldpad sends them): they pass S-VLAN components. */
    static final long ECP_ADDRESS = MacAddress.NEAREST_CUSTOMER_BRIDGE;
    private static final int ETHERNET_HEADER = 14;

    final Port port;
    final boolean bridgeRole;
    private final EcpEntity ecp;
    private final VdpStation station;
    private final VdpBridge bridge;
    private final VsiRegistry registry;
    private final Frame txFrame = new Frame(1600);
    private final byte[] announcement = new byte[Rarp.LENGTH];
    /**
     * Forwards a frame as if an edge relay's port had received it (the VM behind it sent it); false
     * when no running bridge has that port.
     */
    interface Relays {
        Relays NONE = (relayPort, frame) -> false;

        boolean receiveAs(String relayPort, Frame frame);
    }

    private Relays relays = Relays.NONE;
    /** Station: the relay port a command attached a VSI to, by name, until its configuration changes. */
    private final Map<String, String> relayPorts = new HashMap<>();
    private long notRelayed;
    /** Bridge role: told when a VSI's state changed, before the answer goes out (the data path first). */
    private Runnable associationsChanged = () -> { };
    private EvbPortStatus evb;
    private AutoCloseable receiver;

    // station: the configured VSIs as last applied, by name, and the names of their VSIIDs
    private final Map<String, VsiSettings> applied = new LinkedHashMap<>();
    private final Map<VsiId, String> names = new HashMap<>();
    /** Station VSIs whose configuration went away: forgotten once their De-Associate has ended. */
    private final Set<VsiId> leaving = new java.util.HashSet<>();
    private final Map<VsiId, List<CompletableFuture<VsiView>>> waiters = new HashMap<>();
    /**
     * Configured VSIs whose exchange ended without an answer (the bridge's port was not ready, the
     * link lost the frames): asked again at these times, every keep-alive interval.
     */
    private final Map<String, Long> retries = new HashMap<>();
    /** The service's clock, read when a request's frame has left (the time it was decided may be older). */
    private final LongSupplier clock;

    PortVdp(Port port, EvbPortStatus evb, VsiTypeDatabase types, VsiRegistry registry, LongSupplier clock) {
        this.port = port;
        this.clock = clock;
        this.evb = evb;
        this.bridgeRole = evb.role().equals("bridge");
        this.registry = registry;
        // spaced: lldpad loses a request that follows the previous one within 2 ms
        this.ecp = new EcpEntity(Set.of(EcpPdu.SUBTYPE_VDP), evb.r(), evb.rte(), EcpEntity.DEFAULT_QUEUE_LIMIT,
                EcpEntity.LLDPAD_SAFE_SPACING_NANOS);
        VdpTimers timers = timers(evb);
        this.station = bridgeRole ? null : new VdpStation(timers);
        this.bridge = bridgeRole ? new VdpBridge(port.name(), timers, types, registry, evb.groupIds()) : null;
    }

    static VdpTimers timers(EvbPortStatus s) {
        return new VdpTimers(s.r(), s.rte(), s.rwd(), s.rka());
    }

    String name() {
        return port.name();
    }

    /** Bridge role: what to run when a VSI's state changed, before its answer is sent. */
    void onAssociationsChanged(Runnable r) {
        this.associationsChanged = r;
    }

    /** Station: how announcements reach an edge relay port. */
    void relays(Relays r) {
        this.relays = r;
    }

    void receiver(AutoCloseable r) {
        this.receiver = r;
    }

    /** The EVB TLV was exchanged again: new operational timers and group IDs apply from now on. */
    void evb(EvbPortStatus next) {
        if (next.r() != evb.r() || next.rte() != evb.rte() || next.rwd() != evb.rwd() || next.rka() != evb.rka()) {
            LOG.info("VDP on port '{}': R {}, RTE {}, RWD {}, RKA {}", port.name(), next.r(), next.rte(), next.rwd(),
                    next.rka());
            ecp.parameters(next.r(), next.rte());
            if (station != null) {
                station.timers(timers(next));
            } else {
                bridge.timers(timers(next));
            }
        }
        if (bridge != null) {
            bridge.groupIds(next.groupIds());
        }
        evb = next;
    }

    void types(VsiTypeDatabase types) {
        if (bridge != null) {
            bridge.types(types);
        }
    }

    /** VDP stops here (the EVB TLV is no longer exchanged, or the service stops). */
    void stop(long now) {
        try {
            if (receiver != null) {
                receiver.close();
            }
        } catch (Exception e) {
            // the port is gone already
        }
        if (bridge != null) {
            // the VSIs' MACs go back to the shared registry; the station cannot be told any more
            for (BridgeVsiStatus s : bridge.statuses()) {
                bridge.deassociate(s.vsi(), VdpReason.ACCEPTED, now);
            }
        }
        waiters.values().forEach(list -> list.forEach(f -> f.completeExceptionally(
                new IllegalStateException("VDP stopped on port '" + port.name() + "'"))));
        waiters.clear();
    }

    // ---- events ----

    /** A received ECP frame ({@code bytes}, Ethernet header included). */
    void received(byte[] bytes, long now) {
        ecp(ecp.received(bytes, ETHERNET_HEADER, bytes.length - ETHERNET_HEADER, now), now);
    }

    void tick(long now) {
        ecp(ecp.tick(now), now);
        vdp(station != null ? station.tick(now) : bridge.tick(now), now);
        retry(now);
        settle(now);
    }

    long nextDeadline() {
        long next = Math.min(ecp.nextDeadline(), station != null ? station.nextDeadline() : bridge.nextDeadline());
        for (long at : retries.values()) {
            next = Math.min(next, at);
        }
        return next;
    }

    /** Whether a configured VSI's last exchange ended without any answer from the bridge. */
    private boolean unanswered(VsiSettings s) {
        StationVsiStatus st = station.status(s.vsi().id());
        return s.command() != null && st != null && st.pending() == null && st.state() == VsiState.DEASSOCIATED
                && (st.lastOutcome() == StationOutcome.TIMEOUT || st.lastOutcome() == StationOutcome.ECP_GAVE_UP);
    }

    private void retry(long now) {
        for (Iterator<Map.Entry<String, Long>> it = retries.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Long> e = it.next();
            if (now - e.getValue() < 0) {
                continue;
            }
            it.remove();
            VsiSettings s = applied.get(e.getKey());
            if (s != null && unanswered(s)) {
                vdp(station.command(station.status(s.vsi().id()).vsi(), s.command(), 0, now), now);
            }
        }
    }

    /** Station: the configured VSIs of this port now; new or changed ones send their command. */
    void configured(Map<String, VsiSettings> now, long time) {
        for (Iterator<Map.Entry<String, VsiSettings>> it = applied.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, VsiSettings> e = it.next();
            VsiSettings next = now.get(e.getKey());
            if (next == null || !next.vsi().id().equals(e.getValue().vsi().id())) {
                withdraw(e.getValue(), time);
                it.remove();
            }
            if (!e.getValue().equals(next)) {
                relayPorts.remove(e.getKey()); // the configuration says where the VSI is again
            }
        }
        for (VsiSettings s : now.values()) {
            VsiSettings before = applied.get(s.name());
            if (before != null && before.vsi().equals(s.vsi()) && Objects.equals(before.command(), s.command())) {
                applied.put(s.name(), s); // the relay port may have changed: nothing to ask
                continue;
            }
            applied.put(s.name(), s);
            names.put(s.vsi().id(), s.name());
            leaving.remove(s.vsi().id());
            if (s.command() != null) {
                vdp(station.command(s.vsi(), s.command(), 0, time), time);
            }
        }
        settle(time);
    }

    private void withdraw(VsiSettings s, long now) {
        VsiId id = s.vsi().id();
        StationVsiStatus st = station.status(id);
        if (st != null && (st.state() != VsiState.DEASSOCIATED || st.pending() != null)) {
            leaving.add(id);
            vdp(station.command(st.vsi(), VdpCommand.DE_ASSOCIATE, 0, now), now);
        } else {
            station.remove(id);
            names.remove(id);
        }
    }

    /** Station: an operator's command for a configured VSI; the future completes when its exchange ends. */
    CompletableFuture<VsiView> command(VsiSettings s, VdpCommand command, int hints, String relayPort, long now) {
        CompletableFuture<VsiView> done = new CompletableFuture<>();
        if (!relayPort.isEmpty()) {
            relayPorts.put(s.name(), relayPort);
        }
        VsiId id = s.vsi().id();
        names.put(id, s.name());
        leaving.remove(id);
        StationVsiStatus st = station.status(id);
        // the VSI as last answered (a bridge-chosen VID stays) unless its configuration changed
        var vsi = st != null && st.vsi().id().equals(id) && applied.containsKey(s.name())
                && applied.get(s.name()).vsi().equals(s.vsi()) ? st.vsi() : s.vsi();
        waiters.computeIfAbsent(id, k -> new ArrayList<>()).add(done);
        vdp(station.command(vsi, command, hints, now), now);
        settle(now);
        return done;
    }

    // ---- performing what the state machines ask ----

    private void ecp(List<EcpAction> actions, long now) {
        ArrayDeque<EcpAction> work = new ArrayDeque<>(actions);
        while (!work.isEmpty()) {
            EcpAction a = work.poll();
            if (a instanceof EcpAction.Transmit t) {
                transmit(t.pdu());
                if (t.pdu().isRequest()) {
                    ecp.transmitted(clock.getAsLong());
                }
            } else if (a instanceof EcpAction.Deliver d) {
                List<VdpAction> answer = station != null ? station.received(d.ulpdu(), now) : bridge.received(d.ulpdu(), now);
                work.addAll(sends(answer, now));
            } else if (a instanceof EcpAction.GaveUp g && station != null) {
                work.addAll(sends(station.ecpGaveUp(g.ulpdu(), now), now));
            } else if (a instanceof EcpAction.Refused r && station != null) {
                // not sent at all: the exchange ends as if ECP had given up
                work.addAll(sends(station.ecpGaveUp(r.ulpdu(), now), now));
            }
        }
    }

    private void vdp(List<VdpAction> actions, long now) {
        ecp(sends(actions, now), now);
    }

    /** The ECP actions of sending the VDP PDUs among {@code actions}; state changes are logged. */
    private List<EcpAction> sends(List<VdpAction> actions, long now) {
        List<EcpAction> out = new ArrayList<>(2);
        for (VdpAction a : actions) {
            if (a instanceof VdpAction.Send s) {
                out.addAll(ecp.send(EcpPdu.SUBTYPE_VDP, s.pdu().encode(), now));
            } else if (a instanceof VdpAction.Changed c) {
                String name = names.get(c.vsi());
                LOG.info("VDP {} on port '{}': VSI {}{} {}", bridgeRole ? "bridge" : "station", port.name(), c.vsi(),
                        name == null ? "" : " (" + name + ")", key(c.state()));
                if (bridgeRole) {
                    // the data path follows before the station hears the answer: a migrated VSI's
                    // MACs are behind this port by the time its station resumes it
                    associationsChanged.run();
                }
            } else if (a instanceof VdpAction.Announce an) {
                announce(an);
            }
        }
        return out;
    }

    /**
     * One RARP per filter entry, from the VSI's MAC on its VID: forwarded by the edge relay from the
     * VSI's relay port as the VM's own frames are (QEMU writes them into the VM's tap), else out of
     * this port.
     */
    private void announce(VdpAction.Announce a) {
        String relayPort = relayPort(names.get(a.vsi()));
        for (FilterEntry e : a.entries()) {
            int n = Rarp.write(e.mac(), e.vid(), e.ps() ? e.pcp() : 0, announcement);
            txFrame.copyFrom(announcement, 0, n);
            if (relayPort.isEmpty()) {
                port.send(txFrame); // a frame that cannot go is counted by the port
            } else if (!relays.receiveAs(relayPort, txFrame)) {
                notRelayed++;
            }
        }
        if (a.round() == 0) {
            LOG.info("VDP station on port '{}': VSI {} migrated here, announcing {} MAC(s){}", port.name(), a.vsi(),
                    a.entries().size(), relayPort.isEmpty() ? "" : " through relay port '" + relayPort + "'");
        }
    }

    /** The edge relay port a station VSI is attached to: the last command's, else its configuration's; "" for none. */
    String relayPort(String name) {
        if (name == null) {
            return "";
        }
        String commanded = relayPorts.get(name);
        if (commanded != null) {
            return commanded;
        }
        VsiSettings s = applied.get(name);
        return s == null ? "" : s.relayPort();
    }

    private void transmit(EcpPdu pdu) {
        byte[] payload = pdu.encode();
        byte[] b = new byte[ETHERNET_HEADER + payload.length];
        MacAddress.write(ECP_ADDRESS, b, 0);
        MacAddress.write(Math.max(0, port.macAddress()), b, 6);
        b[12] = (byte) (EtherType.ECP >>> 8);
        b[13] = (byte) EtherType.ECP;
        System.arraycopy(payload, 0, b, ETHERNET_HEADER, payload.length);
        txFrame.copyFrom(b, 0, b.length);
        port.send(txFrame); // a frame that cannot go is counted by the port; ECP retransmits
    }

    /**
     * Completes the commands whose exchange ended; forgets withdrawn VSIs once de-associated;
     * schedules configured VSIs left unanswered to be asked again.
     */
    private void settle(long now) {
        if (station == null) {
            return;
        }
        for (VsiSettings s : applied.values()) {
            station.announcing(s.vsi().id(), s.announce()); // its file's schedule, before any answer can start one
            if (!retries.containsKey(s.name()) && unanswered(s)) {
                retries.put(s.name(), now + station.timers().keepAliveNanos());
            }
        }
        for (Iterator<Map.Entry<VsiId, List<CompletableFuture<VsiView>>>> it = waiters.entrySet().iterator(); it.hasNext();) {
            Map.Entry<VsiId, List<CompletableFuture<VsiView>>> e = it.next();
            StationVsiStatus st = station.status(e.getKey());
            if (st == null || st.pending() == null) {
                VsiView view = st == null ? null : stationView(st, now);
                e.getValue().forEach(f -> f.complete(view));
                it.remove();
            }
        }
        for (Iterator<VsiId> it = leaving.iterator(); it.hasNext();) {
            VsiId id = it.next();
            StationVsiStatus st = station.status(id);
            if (st == null || (st.pending() == null && st.state() == VsiState.DEASSOCIATED)) {
                station.remove(id);
                names.remove(id);
                it.remove();
            }
        }
    }

    // ---- views ----

    VdpPortView view() {
        Map<VdpCounter, Long> vdp = station != null ? station.counters() : bridge.counters();
        if (station != null) {
            vdp = new java.util.EnumMap<>(vdp);
            vdp.put(VdpCounter.ANNOUNCEMENTS_NOT_RELAYED, notRelayed);
        }
        int vsis = station != null ? station.statuses().size() : bridge.statuses().size();
        return new VdpPortView(port.name(), evb.role(), ecp.r(), ecp.rte(), EcpEntity.ackTimerNanos(ecp.rte()) / 1000,
                evb.rwd(), evb.rka(), ecp.busy(), ecp.queued(), vsis, Counters.of(EcpCounter.class, ecp.counters()),
                Counters.of(VdpCounter.class, vdp));
    }

    /**
     * Bridge role: the VSIs associated here now, as the data path admits them, each with the policy
     * of its type in {@code types} (none when its type left the database: its next keep-alive is
     * refused).
     */
    List<AssociatedVsi> associated(VsiTypeDatabase types) {
        List<AssociatedVsi> out = new ArrayList<>();
        for (BridgeVsiStatus s : bridge.statuses()) {
            if (s.state() != VsiState.ASSOCIATED || !port.name().equals(registry.portOf(s.vsi()))) {
                // not associated, or migrated to another port whose association holds its MACs now
                // (this port keeps it until its station de-associates it)
                continue;
            }
            VsiTlv t = s.admitted();
            boolean mac = t.filterFormat() == VsiTlv.FILTER_MAC_VID || t.filterFormat() == VsiTlv.FILTER_GROUP_MAC_VID;
            List<AssociatedVsi.FilterMatch> filter = new ArrayList<>(t.entries().size());
            for (FilterEntry e : t.entries()) {
                filter.add(new AssociatedVsi.FilterMatch(mac ? e.mac() : -1, e.vid()));
            }
            VsiType type = types.lookup(t.typeId(), t.typeVersion());
            out.add(new AssociatedVsi(port.name(), s.vsi().toString(), filter, type == null ? VsiPolicy.NONE : type.policy()));
        }
        return out;
    }

    List<VsiView> vsis(long now) {
        List<VsiView> out = new ArrayList<>();
        if (station != null) {
            station.statuses().forEach(s -> out.add(stationView(s, now)));
        } else {
            bridge.statuses().forEach(s -> out.add(bridgeView(s, now)));
        }
        return out;
    }

    VsiView stationView(StationVsiStatus s, long now) {
        var r = s.lastResponse();
        String reason = switch (s.lastOutcome()) {
            case NONE -> "";
            case PENDING -> r == null ? "" : r.reason();
            case SUCCESS -> "success";
            case KEPT, REFUSED -> r.reason();
            case TIMEOUT -> "timeout";
            case ECP_GAVE_UP -> "ecp gave up";
            case BRIDGE_DEASSOCIATED -> "de-associated by the bridge" + (r == null || r.success() ? "" : ": " + r.reason());
        };
        var vsi = s.vsi();
        return new VsiView(port.name(), "station", names.getOrDefault(vsi.id(), ""), idFormat(vsi.id()), idValue(vsi.id()),
                managerId(vsi.managerId()), vsi.typeId(), vsi.typeVersion(), filterFormat(vsi.filterFormat()),
                filter(vsi.filterFormat(), vsi.entries()), key(s.state()), key(s.pending()), key(s.lastCommand()), reason,
                r != null && r.keep(), r != null && r.hard(),
                s.lastAnswerAt() == Long.MIN_VALUE ? -1 : (now - s.lastAnswerAt()) / 1_000_000, s.succeeded(), s.failed(),
                hint(s.hints()), s.announced(), "", relayPort(names.get(vsi.id())));
    }

    VsiView bridgeView(BridgeVsiStatus s, long now) {
        VsiTlv t = s.admitted();
        boolean refused = s.lastReason() != null && s.lastReason() != VdpReason.ACCEPTED;
        return new VsiView(port.name(), "bridge", "", idFormat(s.vsi()), idValue(s.vsi()), managerId(s.managerId()),
                t.typeId(), t.typeVersion(), filterFormat(t.filterFormat()), filter(t.filterFormat(), t.entries()),
                key(s.state()), "", key(s.lastCommand()), s.lastReason() == null ? "" : key(s.lastReason()), refused,
                refused && s.lastReason().hard(), (now - s.lastHeardAt()) / 1_000_000, s.succeeded(), s.failed(),
                hint(s.lastHints()), 0, migratedTo(s));
    }

    /** Bridge: where an associated VSI this port still holds has migrated to, "" if it has not. */
    private String migratedTo(BridgeVsiStatus s) {
        String holder = registry.portOf(s.vsi());
        return s.state() == VsiState.ASSOCIATED && holder != null && !holder.equals(port.name()) ? holder : "";
    }

    /** The hint of a request's status byte as {@code VdpService.HINTS} names it, "" for none. */
    static String hint(int status) {
        return (status & VsiTlv.STATUS_M_BIT) != 0 ? "migrate-to" : (status & VsiTlv.STATUS_S_BIT) != 0 ? "migrate-from" : "";
    }

    /** The status byte of a hint as {@code VdpService.HINTS} names it; null if it is none of them. */
    static Integer hintBits(String hint) {
        return switch (hint) {
            case "" -> 0;
            case "migrate-to" -> VsiTlv.STATUS_M_BIT;
            case "migrate-from" -> VsiTlv.STATUS_S_BIT;
            default -> null;
        };
    }

    /** The lowercase, dashed name of an enum constant, "" for null. */
    static String key(Enum<?> e) {
        return e == null ? "" : e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String idFormat(VsiId id) {
        String s = id.toString();
        return s.substring(0, s.indexOf(':'));
    }

    static String idValue(VsiId id) {
        String s = id.toString();
        return s.substring(s.indexOf(':') + 1);
    }

    static String managerId(byte[] id) {
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= id[i] == 0;
        }
        if (zeros && (id[10] & id[11] & 0xFF) == 0xFF) {
            return (id[12] & 0xFF) + "." + (id[13] & 0xFF) + "." + (id[14] & 0xFF) + "." + (id[15] & 0xFF);
        }
        if (zeros && id[10] == 0 && id[11] == 0 && id[12] == 0 && id[13] == 0 && id[14] == 0 && id[15] == 0) {
            return "0";
        }
        return HexFormat.of().formatHex(id);
    }

    static String filterFormat(int format) {
        return switch (format) {
            case VsiTlv.FILTER_VID -> "vid";
            case VsiTlv.FILTER_MAC_VID -> "mac-vid";
            case VsiTlv.FILTER_GROUP_VID -> "group-vid";
            case VsiTlv.FILTER_GROUP_MAC_VID -> "group-mac-vid";
            default -> "format" + format;
        };
    }

    /** Entries as the configuration writes them: {@code [GROUP/][MAC/]VID[@PCP]}. */
    static List<String> filter(int format, List<FilterEntry> entries) {
        boolean group = format == VsiTlv.FILTER_GROUP_VID || format == VsiTlv.FILTER_GROUP_MAC_VID;
        boolean mac = format == VsiTlv.FILTER_MAC_VID || format == VsiTlv.FILTER_GROUP_MAC_VID;
        List<String> out = new ArrayList<>(entries.size());
        for (FilterEntry e : entries) {
            out.add((group ? Integer.toUnsignedString(e.groupId()) + "/" : "") + (mac ? MacAddress.format(e.mac()) + "/" : "")
                    + e.vid() + (e.ps() ? "@" + e.pcp() : ""));
        }
        return out;
    }
}
