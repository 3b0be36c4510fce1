package org.openevb.vdp.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.evb.EvbPortStatus;
import org.openevb.api.evb.EvbService;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortListener;
import org.openevb.api.port.PortRegistry;
import org.openevb.api.vdp.AssociatedVsi;
import org.openevb.api.vdp.VdpPortView;
import org.openevb.api.vdp.VdpService;
import org.openevb.api.vdp.VsiAssociationListener;
import org.openevb.api.vdp.VsiAssociations;
import org.openevb.api.vdp.VsiView;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.port.virtual.RateLimitedLog;
import org.openevb.vdp.LocalVsiRegistry;
import org.openevb.vdp.VdpCommand;
import org.openevb.vdp.VsiRegistry;
import org.openevb.vdp.VsiTypeDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ECP and VDP on every port where the EVB TLV has been exchanged, in that port's EVB role: the
 * station role announces the configured VSIs, the bridge role admits them against the VSI type
 * database, with one {@link VsiRegistry} shared by all its ports. Every port's state machines live
 * on the one VDP thread: received ECP frames are handed to it from the ports' receive threads
 * (bounded), and it wakes at the earliest deadline of any state machine. The EVB service is read
 * again on every port change and every {@value #RECONCILE_MILLIS} ms (it tells no one of changes).
 */
@Component(service = {VdpService.class, VdpServiceImpl.class}, immediate = true)
public class VdpServiceImpl implements VdpService {

    private static final Logger LOG = LoggerFactory.getLogger(VdpServiceImpl.class);
    static final long RECONCILE_MILLIS = 200;
    /** ECP frames waiting for the VDP thread; more are dropped (a flood must not grow memory). */
    static final int MAX_PENDING = 1024;
    private static final long CALL_TIMEOUT_SECONDS = 3;

    private final PortRegistry directory;
    private final EvbService evb;
    private final LongSupplier clock;
    private final ScheduledThreadPoolExecutor thread;
    private final RateLimitedLog failureLog = new RateLimitedLog(LOG, 10_000);
    private final List<VsiConfigComponent> vsiConfigs = new CopyOnWriteArrayList<>();
    private final VsiRegistry registry = new LocalVsiRegistry();
    private volatile VsiTypeDatabase types = VsiTypesSettings.EMPTY.database();
    /** The bridges, for announcements through an edge relay; optional (the bridges follow VDP too). */
    private volatile BridgeRegistry bridges;
    private PortRegistry.Following following;

    private final AtomicInteger pending = new AtomicInteger();
    private final LongAdder overload = new LongAdder();
    private final LongAdder notEcpAddress = new LongAdder();
    private final LongAdder notRunning = new LongAdder();
    private final LongAdder failures = new LongAdder();

    private final List<VsiAssociationListener> associationListeners = new CopyOnWriteArrayList<>();

    // VDP thread only
    private final Map<String, PortVdp> ports = new HashMap<>();
    /** The associations last told to the listeners. */
    private VsiAssociations told = VsiAssociations.NONE;
    private ScheduledFuture<?> wake;
    private long wakeAt = Long.MAX_VALUE;

    @Activate
    public VdpServiceImpl(@Reference PortRegistry directory, @Reference EvbService evb) {
        this(directory, evb, System::nanoTime);
    }

    VdpServiceImpl(PortRegistry directory, EvbService evb, LongSupplier clock) {
        this.directory = directory;
        this.evb = evb;
        this.clock = clock;
        thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "evb-vdp");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
    }

    @Activate
    public void activate() {
        thread.scheduleWithFixedDelay(() -> guarded(this::reconcileNow), 0, RECONCILE_MILLIS, TimeUnit.MILLISECONDS);
        following = directory.follow(new PortListener() {
            @Override
            public void portArrived(Port port) {
                run(VdpServiceImpl.this::reconcileNow);
            }

            @Override
            public void portDeparted(Port port) {
                run(VdpServiceImpl.this::reconcileNow);
            }
        });
        LOG.info("VDP started");
    }

    @Deactivate
    public void deactivate() {
        if (following != null) {
            following.close();
        }
        try {
            thread.submit(() -> {
                long now = clock.getAsLong();
                ports.values().forEach(p -> p.stop(now));
                ports.clear();
                publishAssociations();
            }).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("VDP did not stop cleanly: {}", e.toString());
        }
        thread.shutdownNow();
        LOG.info("VDP stopped");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setBridges(BridgeRegistry b) {
        bridges = b;
    }

    void unsetBridges(BridgeRegistry b) {
        if (bridges == b) {
            bridges = null;
        }
    }

    /** The running bridge with a port of that name, or null. */
    private Bridge bridgeWith(String port) {
        BridgeRegistry b = bridges;
        if (b == null) {
            return null;
        }
        for (Bridge bridge : b.bridges()) {
            for (BridgePortView p : bridge.ports()) {
                if (p.name().equals(port)) {
                    return bridge;
                }
            }
        }
        return null;
    }

    /** Forwards a station's announcement from an edge relay port (VDP thread, rare: no caching). */
    private boolean receiveAs(String relayPort, Frame frame) {
        Bridge b = bridgeWith(relayPort);
        return b != null && b.receiveAs(relayPort, frame);
    }

    // ---- configuration ----

    void addVsi(VsiConfigComponent c) {
        vsiConfigs.add(c);
        vsisChanged();
    }

    void removeVsi(VsiConfigComponent c) {
        vsiConfigs.remove(c);
        vsisChanged();
    }

    void vsisChanged() {
        run(this::reconcileNow);
    }

    /**
     * A new VSI type database for every bridge port: it decides the next requests, and its policies
     * apply at once to the VSIs associated now (the associations are told again with them).
     */
    void types(VsiTypeDatabase next) {
        types = next;
        run(() -> ports.values().forEach(p -> p.types(next)));
    }

    /** The valid station VSI configurations by name; the first of two with one name wins. */
    private Map<String, VsiSettings> vsiSettings() {
        Map<String, VsiSettings> out = new LinkedHashMap<>();
        for (VsiConfigComponent c : vsiConfigs) {
            VsiSettings s = c.settings();
            if (s.valid() && out.putIfAbsent(s.name(), s) != null) {
                failureLog.warn("VSI name '{}' configured twice: the second is not used", s.name());
            }
        }
        return out;
    }

    // ---- VdpService ----

    @Override
    public List<VdpPortView> ports() {
        return call(() -> {
            List<VdpPortView> out = new ArrayList<>();
            ports.values().forEach(p -> out.add(p.view()));
            out.sort(Comparator.comparing(VdpPortView::port));
            return out;
        });
    }

    @Override
    public List<VsiView> vsis() {
        return call(() -> {
            long now = clock.getAsLong();
            List<VsiView> out = new ArrayList<>();
            for (PortVdp p : ports.values()) {
                out.addAll(p.vsis(now));
            }
            // configured VSIs no port shows: not commanded yet, or their port has no EVB TLV exchanged
            for (VsiSettings s : vsiSettings().values()) {
                if (out.stream().noneMatch(v -> v.role().equals("station") && v.name().equals(s.name()))) {
                    PortVdp p = ports.get(s.port());
                    out.add(unstarted(s, p != null && !p.bridgeRole ? "" : "port not running VDP"));
                }
            }
            out.sort(Comparator.comparing(VsiView::port));
            return out;
        });
    }

    @Override
    public List<String> stationVsis() {
        return vsiSettings().keySet().stream().sorted().toList();
    }

    @Override
    public VsiView command(String name, String command, String hint, String relayPort, Duration wait)
            throws InterruptedException {
        VdpCommand c = parseCommand(command);
        if (c == null) {
            throw new IllegalArgumentException("unknown command '" + command + "': one of " + COMMANDS);
        }
        Integer hints = PortVdp.hintBits(hint == null ? "" : hint);
        if (hints == null) {
            throw new IllegalArgumentException("unknown hint '" + hint + "': one of " + HINTS + " or none");
        }
        VsiSettings s = vsiSettings().get(name);
        if (s == null) {
            throw new IllegalArgumentException("no VSI configured with the name '" + name + "'");
        }
        String relay = relayPort == null ? "" : relayPort.trim();
        if (relay.equals(s.port())) {
            throw new IllegalArgumentException("'" + relay + "' is the VSI's VDP port itself; name the relay's port towards the VM");
        }
        if (!relay.isEmpty() && bridgeWith(relay) == null) {
            throw new IllegalArgumentException("no bridge or edge relay has a port '" + relay + "'");
        }
        CompletableFuture<VsiView> done = call(() -> {
            PortVdp p = ports.get(s.port());
            if (p == null || p.bridgeRole) {
                throw new IllegalStateException("port '" + s.port() + "' does not run VDP in station role"
                        + " (no EVB TLV exchanged there in station role)");
            }
            return p.command(s, c, hints, relay, clock.getAsLong());
        });
        try {
            VsiView v = done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (v != null) {
                return v;
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // shown as it is, still pending
        }
        return vsis().stream().filter(v -> v.role().equals("station") && v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("VSI '" + name + "' is gone"));
    }

    @Override
    public AutoCloseable followAssociations(VsiAssociationListener listener) {
        associationListeners.add(listener);
        run(() -> tell(listener, told));
        return () -> associationListeners.remove(listener);
    }

    /** Tells the listeners the associations of the bridge role if they changed (VDP thread). */
    private void publishAssociations() {
        java.util.Set<String> bridgePorts = new java.util.TreeSet<>();
        List<AssociatedVsi> vsis = new ArrayList<>();
        for (PortVdp p : ports.values()) {
            if (p.bridgeRole) {
                bridgePorts.add(p.name());
                vsis.addAll(p.associated(types));
            }
        }
        vsis.sort(Comparator.comparing(AssociatedVsi::port).thenComparing(AssociatedVsi::vsiid));
        VsiAssociations now = new VsiAssociations(bridgePorts, vsis);
        if (!now.equals(told)) {
            told = now;
            associationListeners.forEach(l -> tell(l, now));
        }
    }

    private void tell(VsiAssociationListener listener, VsiAssociations now) {
        try {
            listener.associations(now);
        } catch (RuntimeException e) {
            failures.increment();
            failureLog.warn("VDP: a follower of the associations failed: {}", e.toString());
        }
    }

    static VdpCommand parseCommand(String text) {
        for (VdpCommand c : VdpCommand.values()) {
            if (PortVdp.key(c).equals(text)) {
                return c;
            }
        }
        return null;
    }

    private VsiView unstarted(VsiSettings s, String reason) {
        var vsi = s.vsi();
        return new VsiView(s.port(), "station", s.name(), PortVdp.idFormat(vsi.id()), PortVdp.idValue(vsi.id()),
                PortVdp.managerId(vsi.managerId()), vsi.typeId(), vsi.typeVersion(), PortVdp.filterFormat(vsi.filterFormat()),
                PortVdp.filter(vsi.filterFormat(), vsi.entries()), "deassociated", "", "", reason, false,
                false, -1, 0, 0, "", 0, "", s.relayPort());
    }

    // ---- the VDP thread ----

    /** Starts and stops VDP on ports as the EVB TLV is exchanged; applies the station's VSIs. */
    private void reconcileNow() {
        long now = clock.getAsLong();
        Map<String, EvbPortStatus> negotiated = new HashMap<>();
        for (EvbPortStatus s : evb.ports()) {
            // vdp = false in the EVB configuration: a switch without VDP, the TLV alone
            if (s.state().equals("negotiated") && s.vdp()) {
                negotiated.put(s.port(), s);
            }
        }
        for (PortVdp p : new ArrayList<>(ports.values())) {
            EvbPortStatus s = negotiated.get(p.name());
            Port holder = directory.port(p.name()).orElse(null);
            if (s == null || holder != p.port || s.role().equals("bridge") != p.bridgeRole) {
                p.stop(now);
                ports.remove(p.name());
                LOG.info("VDP stopped on port '{}'", p.name());
            }
        }
        Map<String, VsiSettings> vsis = vsiSettings();
        for (EvbPortStatus s : negotiated.values()) {
            Port port = directory.port(s.port()).orElse(null);
            if (port == null) {
                continue;
            }
            PortVdp p = ports.get(s.port());
            if (p == null) {
                p = new PortVdp(port, s, types, registry, clock);
                p.onAssociationsChanged(this::publishAssociations);
                p.relays(this::receiveAs);
                try {
                    p.receiver(port.addControlHandler(EtherType.ECP, new Receiver()));
                } catch (IllegalStateException e) {
                    failureLog.warn("VDP cannot receive ECP on port '{}': {}", port.name(), e.getMessage());
                    continue;
                }
                ports.put(s.port(), p);
                LOG.info("VDP started on port '{}' as {} (R {}, RTE {}, RWD {}, RKA {})", s.port(), s.role(), s.r(),
                        s.rte(), s.rwd(), s.rka());
            } else {
                p.evb(s);
            }
            if (!p.bridgeRole) {
                Map<String, VsiSettings> mine = new LinkedHashMap<>();
                vsis.values().stream().filter(v -> v.port().equals(s.port())).forEach(v -> mine.put(v.name(), v));
                perPort(p, x -> x.configured(mine, now));
            }
        }
        tickNow();
    }

    private void tickNow() {
        for (PortVdp p : ports.values()) {
            // the clock is read per port: a port whose sends stalled must not make the next port
            // compute its retransmission deadlines from a time long past (it would retransmit again at once)
            perPort(p, x -> x.tick(clock.getAsLong()));
        }
        reschedule();
    }

    private void woken() {
        // this wake-up is spent: the next one is scheduled from the deadlines as they are now
        wake = null;
        wakeAt = Long.MAX_VALUE;
        tickNow();
    }

    /** Wakes the thread at the earliest deadline of any port. */
    private void reschedule() {
        long next = Long.MAX_VALUE;
        for (PortVdp p : ports.values()) {
            next = Math.min(next, p.nextDeadline());
        }
        if (next == Long.MAX_VALUE || (wake != null && next - wakeAt >= 0)) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wakeAt = next;
        long delay = Math.max(0, next - clock.getAsLong());
        try {
            wake = thread.schedule(() -> guarded(this::woken), delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** One port's failure is counted and logged; the other ports go on. */
    private void perPort(PortVdp p, java.util.function.Consumer<PortVdp> step) {
        try {
            step.accept(p);
        } catch (RuntimeException e) {
            failures.increment();
            failureLog.warn("VDP on port '{}' failed: {}", p.name(), e.toString());
        }
    }

    /** Runs a task of the VDP thread; what it changed in the bridge role's associations is told after it. */
    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // a periodic task that throws is never run again
            failures.increment();
            failureLog.warn("VDP: {}", e.toString());
        }
        try {
            publishAssociations();
        } catch (RuntimeException e) {
            failures.increment();
            failureLog.warn("VDP: {}", e.toString());
        }
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    private <T> T call(Callable<T> task) {
        try {
            return thread.submit(task).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (TimeoutException | RejectedExecutionException e) {
            throw new IllegalStateException("the VDP thread does not answer");
        }
    }

    /** ECP frames dropped because the VDP thread was behind. */
    long overloadDrops() {
        return overload.sum();
    }

    /** ECP frames to another address than the nearest customer bridge's. */
    long notEcpAddress() {
        return notEcpAddress.sum();
    }

    /** ECP frames on a port where VDP had stopped by the time they were handled. */
    long notRunning() {
        return notRunning.sum();
    }

    /** Failures caught on the VDP thread (a port's step, a timer run). */
    long failures() {
        return failures.sum();
    }

    /** Takes ECP frames off a port's receive thread: copies them and queues them for the VDP thread. */
    private final class Receiver implements FrameHandler {
        @Override
        public void receive(Port ingress, Frame frame) {
            if (frame.destination() != PortVdp.ECP_ADDRESS) {
                notEcpAddress.increment();
                return;
            }
            if (pending.incrementAndGet() > MAX_PENDING) {
                pending.decrementAndGet();
                overload.increment();
                return;
            }
            byte[] bytes = frame.toByteArray();
            run(() -> {
                pending.decrementAndGet();
                PortVdp p = ports.get(ingress.name());
                if (p == null || p.port != ingress) {
                    notRunning.increment();
                    return;
                }
                perPort(p, x -> x.received(bytes, clock.getAsLong()));
                reschedule();
            });
        }
    }
}
