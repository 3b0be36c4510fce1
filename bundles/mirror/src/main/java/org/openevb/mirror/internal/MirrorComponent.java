package org.openevb.mirror.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.openevb.api.config.LastGoodSettings;
import org.openevb.api.mirror.MirrorCounter;
import org.openevb.api.mirror.MirrorView;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortListener;
import org.openevb.api.port.PortRegistry;
import org.openevb.api.port.PortTap;
import org.openevb.api.view.Counters;
import org.openevb.api.policy.PacketFilter;
import org.openevb.codec.Frame;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ip.IpHeaderView;
import org.openevb.port.virtual.FrameQueue;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mirror, from one factory configuration. Taps on the source ports copy frames into a queue on
 * the thread that moves them (receive or send), without waiting: a full queue drops the copy. The
 * mirror's own thread empties the queue into the destination port, which it holds (claims) so that
 * nothing else uses it, and keeps the taps in step with the configuration and the port directory.
 */
@Component(configurationPid = MirrorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = MirrorComponent.class, immediate = true)
@Designate(ocd = MirrorConfig.class, factory = true)
public class MirrorComponent {

    /** The factory PID of mirror configurations. */
    public static final String PID = "org.openevb.mirror";

    private static final Logger LOG = LoggerFactory.getLogger(MirrorComponent.class);
    /** How often the thread checks the directory and the destination's claim when nothing tells it. */
    private static final long RECONCILE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** How long the thread keeps looking for copies after its last one before it parks. */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** The pause after the thread's own failure, so that it cannot spin. */
    private static final long FAILURE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final PortRegistry directory;
    private final MirrorRegistry registry;
    private final LastGoodSettings<MirrorSettings> lastGood;
    private final LongAdder[] counters = new LongAdder[MirrorCounter.values().length];
    private final Thread thread;
    private final PortRegistry.Following following;

    private volatile MirrorSettings running;
    private volatile FrameQueue queue;
    private volatile boolean sleeping;
    private volatile boolean nudged = true;
    private volatile boolean stopped;
    private volatile String conflict;
    private volatile String state = "starting";
    private volatile String reason = "";
    private volatile List<String> sourceView = List.of();

    // the mirror thread's own
    private final Map<Port, Tap> taps = new IdentityHashMap<>();
    private final EthernetHeaderView header = new EthernetHeaderView();
    private final IpHeaderView ip = new IpHeaderView();
    /** The filter ACL, looked up again at every reconcile; null when the mirror has none. */
    private PacketFilter filter;
    private Port held;
    private final FrameHandler ignore = (ingress, frame) -> { };

    @Activate
    public MirrorComponent(@Reference PortRegistry directory, @Reference MirrorRegistry registry, MirrorConfig config,
            Map<String, Object> properties) {
        this.directory = directory;
        this.registry = registry;
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new LongAdder();
        }
        this.lastGood = new LastGoodSettings<>(MirrorSettings.from(config), properties,
                problem -> LOG.error("mirror '{}': {}", MirrorSettings.from(config).name(), problem));
        this.conflict = registry.add(this);
        this.thread = new Thread(this::run, "evb-mirror-" + name());
        this.thread.setDaemon(true);
        this.following = directory.follow(new PortListener() {
            @Override
            public void portArrived(Port port) {
                nudge();
            }

            @Override
            public void portDeparted(Port port) {
                nudge();
            }
        });
        thread.start();
    }

    @Modified
    public void modified(MirrorConfig config, Map<String, Object> properties) {
        if (lastGood.offer(MirrorSettings.from(config), running != null, properties)) {
            conflict = registry.conflict(this);
            LOG.info("mirror '{}' reconfigured", name());
        }
        nudge();
    }

    @Deactivate
    public void deactivate() {
        stopped = true;
        following.close();
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registry.remove(this);
        LOG.info("mirror '{}' stopped", name());
    }

    String name() {
        return lastGood.current().name();
    }

    MirrorView view() {
        MirrorSettings s = lastGood.current();
        FrameQueue q = queue;
        String why = lastGood.problem().isEmpty() ? reason : lastGood.problem();
        return new MirrorView(s.name(), state, why, s.ingress(), s.egress(), s.vlans(), s.destination(), s.filter(), sourceView,
                q == null ? 0 : q.size(), q == null ? 0 : q.capacity(),
                Counters.of(MirrorCounter.class, c -> counters[c.ordinal()].sum()));
    }

    /** Makes the thread look at the configuration, the directory and the filter again, now. */
    void nudge() {
        nudged = true;
        LockSupport.unpark(thread);
    }

    private void count(MirrorCounter c) {
        counters[c.ordinal()].increment();
    }

    // ---- the mirror thread ----

    private void run() {
        Frame frame = null;
        long nextReconcile = System.nanoTime();
        long lastWork = 0;
        while (!stopped) {
            try {
                long now = System.nanoTime();
                if (nudged || now - nextReconcile >= 0) {
                    nudged = false;
                    reconcile();
                    nextReconcile = now + RECONCILE_NANOS;
                }
                FrameQueue q = queue;
                if (q != null && (frame == null || frame.capacity() < q.slotBytes())) {
                    frame = new Frame(q.slotBytes());
                }
                int sent = q == null ? 0 : drain(q, frame);
                if (sent > 0) {
                    lastWork = System.nanoTime();
                } else if (q != null && System.nanoTime() - lastWork < SPIN_NANOS) {
                    // copies came a moment ago: more are likely, and waking a parked thread costs the
                    // frame thread a system call per copy; wait busy a little first
                    Thread.onSpinWait();
                } else {
                    sleeping = true;
                    if ((q == null || q.isEmpty()) && !nudged && !stopped) {
                        // a copy queued meanwhile unparks it: the frame thread reads 'sleeping' after
                        // publishing the copy, this thread reads the queue after setting it
                        LockSupport.parkNanos(this, Math.max(0, nextReconcile - System.nanoTime()));
                    }
                    sleeping = false;
                }
            } catch (RuntimeException e) {
                LOG.warn("mirror '{}': {}", name(), e.toString());
                LockSupport.parkNanos(this, FAILURE_PAUSE_NANOS);
            }
        }
        detachAll();
        releaseHeld();
        state = "stopped";
        reason = "mirror removed";
    }

    /** Sends up to a burst of queued copies out of the destination; how many it took. */
    private int drain(FrameQueue q, Frame frame) {
        int n = 0;
        Port out = held;
        while (n < 64 && q.poll(frame)) {
            n++;
            int length = frame.length();
            if (filter != null && !permitted(frame)) {
                count(MirrorCounter.FILTERED);
                continue;
            }
            if (out != null && out.send(frame)) {
                count(MirrorCounter.MIRRORED);
                counters[MirrorCounter.MIRRORED_BYTES.ordinal()].add(length);
            } else {
                count(MirrorCounter.SEND_FAILED);
            }
        }
        return n;
    }

    /** Whether the filter ACL permits a copy ({@code vlan} in its rules: the outer VID as on the wire). */
    private boolean permitted(Frame frame) {
        if (!header.parse(frame)) {
            return false;
        }
        ip.parse(header, frame);
        int vid = Math.max(0, header.outerVid());
        return filter.decide(header, ip, vid) == PacketFilter.PERMIT;
    }

    /** Brings the destination's claim and the taps in line with the settings and the directory. */
    private void reconcile() {
        MirrorSettings s = lastGood.current();
        String why = conflict != null ? conflict : s.valid() ? null : String.join("; ", s.errors());
        if (why != null) {
            stand("error", why);
            return;
        }
        FrameQueue q = queue;
        if (q == null || running == null || s.queueDiffers(running)) {
            queue = new FrameQueue(s.queueFrames(), s.maxFrameSize());
        }
        running = s;
        filter = s.filter().isEmpty() ? null : registry.filter(s.filter());
        String owner = "mirror '" + s.name() + "'";
        Port dest = directory.port(s.destination()).orElse(null);
        if (dest != held) {
            releaseHeld();
        }
        if (dest == null) {
            stand("waiting", "no port '" + s.destination() + "' (the destination) yet");
            return;
        }
        if (held == null) {
            dest.claim(owner, ignore);
            held = dest;
        }
        if (!dest.owner().equals(owner)) {
            stand("error", "destination: port '" + s.destination() + "' is held by " + dest.owner());
            return;
        }
        Map<Port, Tap> wanted = new IdentityHashMap<>();
        for (Port p : directory.ports()) {
            boolean in = s.copiesIngress(p.name());
            boolean out = s.copiesEgress(p.name());
            if (p != dest && (in || out)) {
                Tap existing = taps.get(p);
                wanted.put(p, existing != null && existing.in == in && existing.out == out ? existing : new Tap(p, in, out));
            }
        }
        for (Map.Entry<Port, Tap> e : new ArrayList<>(taps.entrySet())) {
            if (wanted.get(e.getKey()) != e.getValue()) {
                e.getValue().close();
            }
        }
        for (Tap t : wanted.values()) {
            t.open();
        }
        taps.clear();
        taps.putAll(wanted);
        List<String> view = new ArrayList<>();
        for (Tap t : wanted.values()) {
            view.add(t.port.name() + " (" + (t.in && t.out ? "both" : t.in ? "in" : "out") + ")");
        }
        view.sort(null);
        sourceView = List.copyOf(view);
        if (!state.equals("active")) {
            LOG.info("mirror '{}' active: {} -> {}", s.name(), sourceView, s.destination());
        }
        state = "active";
        reason = "";
    }

    private void stand(String newState, String why) {
        detachAll();
        if (!why.equals(reason)) {
            LOG.warn("mirror '{}' {}: {}", name(), newState, why);
        }
        state = newState;
        reason = why;
        sourceView = List.of();
    }

    private void detachAll() {
        taps.values().forEach(Tap::close);
        taps.clear();
    }

    private void releaseHeld() {
        if (held != null) {
            held.release(ignore);
            held = null;
        }
    }

    /** A tap on one source port, copying the directions configured. */
    private final class Tap implements PortTap {
        final Port port;
        final boolean in;
        final boolean out;
        private AutoCloseable handle;

        Tap(Port port, boolean in, boolean out) {
            this.port = port;
            this.in = in;
            this.out = out;
        }

        void open() {
            if (handle == null) {
                handle = port.addTap(this);
            }
        }

        void close() {
            try {
                if (handle != null) {
                    handle.close();
                }
            } catch (Exception e) {
                // the port is gone already
            }
            handle = null;
        }

        @Override
        public void frame(Direction direction, long timestampNanos, Frame frame) {
            if (direction == Direction.IN ? !in : !out) {
                return;
            }
            MirrorSettings s = running;
            FrameQueue q = queue;
            if (s == null || q == null) {
                return;
            }
            if (frame.length() > q.slotBytes()) {
                count(MirrorCounter.TOO_LONG);
                return;
            }
            if (!s.copiesVid(MirrorSettings.outerVid(frame))) {
                count(MirrorCounter.NOT_IN_VLANS);
                return;
            }
            if (!q.offer(frame)) {
                count(MirrorCounter.QUEUE_FULL);
                return;
            }
            if (sleeping) {
                LockSupport.unpark(thread);
            }
        }
    }
}
