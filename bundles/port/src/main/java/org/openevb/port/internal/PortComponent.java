package org.openevb.port.internal;

import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverHandle;
import org.openevb.api.driver.KernelForwarding;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.DriverOptions;
import org.openevb.api.driver.PortDriver;
import org.openevb.api.config.ConfigFiles;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.port.virtual.PortCore;
import org.openevb.port.virtual.Shaper;
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
 * One port, from one factory configuration. Opens its interface through the configured driver on
 * the registry's supervisor thread; while the driver or the interface is missing the port is DOWN
 * with the reason and tries again. While its link has no carrier (the far end went down, or the
 * port took its own link down) it is DOWN too, but keeps its interface open and is UP again as
 * soon as the carrier is back, seen by the same once-a-second check that watches the interface.
 * Receives on the driver's thread and hands each frame, run to completion, to the attached
 * handler. Counters, claims, taps and dispatch are {@link PortCore}'s; what is its own is the
 * driver: opening, reopening, health checks and the send on the interface.
 */
@Component(configurationPid = PortComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = Port.class,
        immediate = true)
@Designate(ocd = PortConfig.class, factory = true)
public class PortComponent extends PortCore {

    /** The factory PID of port configurations. */
    public static final String PID = "org.openevb.port";

    /** Ethernet minimum frame length without FCS. */
    static final int MIN_FRAME = 60;
    private static final int ETHERNET_HEADER = 14;
    private static final int TAG = 4;
    /** How often an UP port checks that its interface is still there, and re-reads its MTU. */
    static final long HEALTH_CHECK_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(PortComponent.class);

    private final PortRegistryImpl registry;
    private final Object lock = new Object();

    // written under lock, read anywhere
    private volatile PortSettings settings;
    private volatile PortState state = PortState.DOWN;
    private volatile String reason = "starting";
    private volatile DriverHandle handle;
    private volatile int generation;
    private volatile boolean conflict;
    private volatile int mtu = -1;
    private volatile long mac = -1;
    /** The open interface's link has no carrier: DOWN, the handle kept. */
    private volatile boolean noCarrier;
    /** This port took its own link down ({@link #setLinkUp}) and has not brought it up again. */
    private volatile boolean ownLinkDown;
    /** How many times the port went DOWN because its link lost its carrier. */
    private volatile long linkDowns;
    private boolean stopped;
    private PortDriver openedWith;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> healthCheck;

    /** Per receive lane, the frame its thread fills (each lane's thread uses only its own). */
    private Frame[] rxFrames = new Frame[0];
    /** Egress shaping, null when the port sends at once on the forwarding thread. */
    private volatile ShapedEgress shaped;

    /** A port from a configuration that came from no file (tests, ConfigAdmin). */
    public PortComponent(PortRegistryImpl registry, PortConfig config) {
        this(registry, config, Map.of());
    }

    @Activate
    public PortComponent(@Reference PortRegistryImpl registry, PortConfig config, Map<String, Object> properties) {
        super(LOG);
        this.registry = registry;
        this.settings = PortSettings.from(config);
        String conflictReason = registry.add(this);
        synchronized (lock) {
            police(settings.policer());
            guard(settings.guard());
            shape(settings.shaping());
            if (!settings.valid()) {
                error(ConfigFiles.invalid(properties, settings.errors()));
            } else if (conflict) {
                error(conflictReason);
            } else {
                LOG.info("port '{}' configured on {} interface '{}'", name(), settings.driver(), interfaceName());
                scheduleOpen(0);
            }
        }
    }

    @Modified
    public void modified(PortConfig config, Map<String, Object> properties) {
        reconfigure(PortSettings.from(config), properties);
        // a new name or interface may free another port's, or take it
        registry.reconfigured();
    }

    private void reconfigure(PortSettings next, Map<String, Object> properties) {
        synchronized (lock) {
            if (!next.valid() && settings.valid() && state != PortState.ERROR) {
                // an empty or half-written file must not close a working port: keep its last
                // good configuration, and say which file is wrong and why
                reason = ConfigFiles.keptLastGood(properties, next.errors());
                LOG.error("port '{}': {}", name(), reason);
                return;
            }
            PortSettings previous = settings;
            settings = next;
            LOG.info("port '{}' reconfigured from {}", name(), ConfigFiles.source(properties));
            if (!next.valid()) {
                closeHandle();
                error(ConfigFiles.invalid(properties, next.errors()));
                return;
            }
            String conflictReason = registry.conflict(this);
            conflict = conflictReason != null;
            if (conflict) {
                closeHandle();
                error(conflictReason);
                return;
            }
            police(next.policer());
            if (next.guard() == null || !next.guard().sameRules(guard())) {
                guard(next.guard()); // the same guards keep what they learned
            }
            shape(next.shaping());
            boolean wasWorking = previous.valid() && state != PortState.ERROR;
            if (!wasWorking || next.needsReopen(previous) || next.enabled() != previous.enabled()) {
                closeHandle();
                down("reconfiguring");
                scheduleOpen(0);
            }
        }
    }

    @Deactivate
    public void deactivate() {
        synchronized (lock) {
            stopped = true;
            cancelRetry();
            closeHandle();
            down("port removed");
            ShapedEgress s = shaped;
            shaped = null;
            if (s != null) {
                s.stop(false);
            }
        }
        registry.remove(this);
        LOG.info("port '{}' stopped", name());
    }

    // ---- Port ----

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String interfaceName() {
        return settings.interfaceName();
    }

    @Override
    public String driverName() {
        return settings.driver();
    }

    @Override
    public PortState state() {
        return state;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public long macAddress() {
        return mac;
    }

    @Override
    protected long kernelDrops() {
        DriverHandle h = handle;
        return h == null ? 0 : h.kernelDrops();
    }

    @Override
    protected KernelForwarding kernelTable() {
        DriverHandle h = handle;
        return h == null ? null : h.kernelForwarding();
    }

    @Override
    public KernelForwarding kernelForwarding() {
        // a native program's redirect into a veth whose peer takes no XDP frames is lost without
        // a trace but the ingress veth's drop counter: the bridge only forwards in the kernel
        // from ports whose program runs in the generic receive path
        return seesEveryFrame() || settings.xdpNative() ? null : kernelTable();
    }

    @Override
    protected boolean seesEveryFrame() {
        return super.seesEveryFrame() || shaped != null;
    }

    @Override
    protected void mustSeeEveryFrame() {
        KernelForwarding k = kernelTable();
        if (k == null) {
            return;
        }
        try {
            k.clear();
            k.clearTo();
        } catch (DriverException e) {
            LOG.warn("port '{}': cannot remove its kernel forwarding entries: {}", name(), e.getMessage());
        }
    }

    @Override
    public long linkDowns() {
        return linkDowns;
    }

    @Override
    public boolean send(Frame frame) {
        DriverHandle h = handle;
        if (h == null || noCarrier) {
            drop(DropReason.TX_PORT_DOWN);
            return false;
        }
        if (frame.length() < MIN_FRAME && settings.padShortFrames() && frame.tailroom() >= MIN_FRAME - frame.length()) {
            frame.padTo(MIN_FRAME);
        }
        int length = frame.length();
        if (length > maxSendLength(frame)) {
            drop(DropReason.TX_OVERSIZE);
            return false;
        }
        ShapedEgress s = shaped;
        if (s != null && Thread.currentThread() != s.thread) {
            return s.queue(frame);
        }
        return transmit(h, frame);
    }

    private boolean transmit(DriverHandle h, Frame frame) {
        try {
            h.send(frame);
        } catch (DriverException | RuntimeException e) {
            sendFailed(DropReason.TX_ERROR, e.getMessage());
            return false;
        }
        countSent(frame);
        return true;
    }

    @Override
    public org.openevb.api.port.RateLimits rateLimits() {
        org.openevb.port.virtual.Policer p = policer();
        ShapedEgress s = shaped;
        if (p == null && s == null) {
            return null;
        }
        return new org.openevb.api.port.RateLimits(name(), p == null ? "" : p.toString(), counters().drops(DropReason.RX_POLICED),
                s == null ? 0 : s.shaper.bitsPerSecond(), s == null ? java.util.List.of() : s.shaper.views());
    }

    // ---- egress shaping ----

    /**
     * Shapes the port's egress from now on as {@code next} says (null: not at all). The shaper in
     * use stays when the shaping is the same; a replaced one sends what it holds at its rate, then
     * stops.
     */
    private void shape(PortSettings.Shaping next) {
        ShapedEgress old = shaped;
        if (old != null && old.spec.equals(next)) {
            return;
        }
        shaped = next == null ? null : new ShapedEgress(next, settings.maxFrameSize() + 64);
        if (next != null) {
            mustSeeEveryFrame();
        }
        if (old != null) {
            old.stop(true);
        }
        if (next != null) {
            LOG.info("port '{}' shaped: {}", name(), shaped.shaper);
        }
    }

    /** The queues and the thread of a shaped port: the only sender of what it queued. */
    private final class ShapedEgress implements Runnable {
        final PortSettings.Shaping spec;
        final Shaper shaper;
        final Thread thread;
        private final int slotBytes;
        private volatile boolean sleeping;
        private volatile boolean stopping;
        private volatile boolean draining;

        ShapedEgress(PortSettings.Shaping spec, int slotBytes) {
            this.spec = spec;
            this.slotBytes = slotBytes;
            this.shaper = new Shaper(spec.bitsPerSecond(), spec.classes(), spec.queueFrames(), slotBytes);
            this.thread = new Thread(this, "evb-shape-" + name());
            this.thread.setDaemon(true);
            this.thread.start();
        }

        /** From any thread: queues a frame for its class; false (counted) when the class's queue is full. */
        boolean queue(Frame frame) {
            if (!shaper.offer(frame)) {
                drop(DropReason.TX_QUEUE_FULL);
                return false;
            }
            if (sleeping) {
                LockSupport.unpark(thread);
            }
            return true;
        }

        /** Stops the thread: at once, or once it has sent what it holds. */
        void stop(boolean drain) {
            draining = drain;
            stopping = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            Frame out = new Frame(slotBytes);
            while (true) {
                long wait;
                try {
                    wait = shaper.next(out, System.nanoTime());
                    if (wait == 0) {
                        DriverHandle h = handle;
                        if (h == null || noCarrier) {
                            drop(DropReason.TX_PORT_DOWN);
                        } else {
                            transmit(h, out);
                        }
                        continue;
                    }
                } catch (RuntimeException e) {
                    LOG.warn("port '{}': shaper failed: {}", name(), e.toString());
                    wait = TimeUnit.MILLISECONDS.toNanos(100);
                }
                if (stopping && (!draining || shaper.isEmpty())) {
                    return;
                }
                sleeping = true;
                // a frame queued meanwhile unparks it: the queuing thread reads 'sleeping' after
                // publishing the frame, this thread reads the queues after setting it
                if (wait != Long.MAX_VALUE || shaper.isEmpty()) {
                    LockSupport.parkNanos(this, Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
                }
                sleeping = false;
            }
        }
    }

    /**
     * The Linux kernel takes MTU + Ethernet header from a raw socket, plus 4 bytes only when the
     * outer type is an 802.1Q C-tag (0x8100): an S-tagged frame gets no allowance (measured on veth).
     */
    private int maxSendLength(Frame frame) {
        int m = mtu;
        if (m <= 0) {
            return Integer.MAX_VALUE;
        }
        int limit = m + ETHERNET_HEADER;
        if (frame.length() >= ETHERNET_HEADER) {
            int type = frame.typeAt12();
            if (type == EtherType.C_TAG) {
                limit += TAG;
            }
        }
        return limit;
    }

    @Override
    public String kind() {
        return "interface";
    }

    @Override
    public void setLinkUp(boolean up) {
        DriverHandle h;
        int gen;
        synchronized (lock) {
            h = handle;
            gen = generation;
        }
        if (h == null) {
            throw new IllegalStateException("port '" + name() + "' is " + state + (reason.isEmpty() ? "" : ": " + reason));
        }
        try {
            h.setLinkUp(up);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException("the " + settings.driver() + " driver of port '" + name()
                    + "' cannot set the link of its interface", e);
        } catch (DriverException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        LOG.info("port '{}': link of interface '{}' set {}", name(), settings.interfaceName(), up ? "up" : "down");
        synchronized (lock) {
            if (gen == generation) {
                ownLinkDown = !up;
            }
        }
        // at once, not at the next check: a veth has its carrier again as soon as it is up
        checkCarrier(gen, h);
    }

    @Override
    public String creator() {
        return "configuration";
    }

    @Override
    public String toString() {
        return "port " + name() + " (" + state + ")";
    }

    // ---- registry callbacks ----

    PortSettings settings() {
        return settings;
    }

    boolean inConflict() {
        return conflict;
    }

    /** Set by the registry as it admits the port, so that no other port sees it half-admitted. */
    void inConflict(boolean conflict) {
        this.conflict = conflict;
    }

    void driverAdded(String driverName) {
        if (driverName.equals(settings.driver())) {
            scheduleOpen(0);
        }
    }

    void driverRemoved(PortDriver driver) {
        synchronized (lock) {
            if (openedWith == driver) {
                closeHandle();
                down("driver '" + driver.name() + "' is not available");
            }
        }
    }

    void conflictsMayHaveChanged() {
        registry.supervisor().execute(() -> {
            if (readmit()) {
                registry.changed();
            }
        });
    }

    /** Whether the port was in conflict and no longer is: it then holds its name and opens. */
    private boolean readmit() {
        synchronized (lock) {
            if (stopped || !conflict || !settings.valid()) {
                return false;
            }
            if (registry.conflict(this) != null) {
                return false;
            }
            conflict = false;
            down("starting");
            openNow();
            return true;
        }
    }

    // ---- opening, retrying, closing ----

    private void scheduleOpen(long delayMillis) {
        synchronized (lock) {
            cancelRetry();
            retry = registry.supervisor().schedule(this::openNow, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void openNow() {
        synchronized (lock) {
            PortSettings s = settings;
            if (stopped || handle != null || conflict || !s.valid()) {
                return;
            }
            if (!s.enabled()) {
                down("disabled by configuration (enabled=false)");
                return;
            }
            PortDriver driver = registry.driver(s.driver());
            if (driver == null) {
                // no retry timer: the registry calls driverAdded when it arrives
                down("driver '" + s.driver() + "' is not available");
                return;
            }
            // one byte more than the maximum, so an oversize frame shows as oversize. New buffers for
            // every opening: a receive thread of the last one that has not stopped yet must not
            // write into a frame this one hands to the data path
            int snaplen = s.maxFrameSize() + 1;
            Frame[] frames = new Frame[s.rxLanes()];
            for (int i = 0; i < frames.length; i++) {
                frames[i] = new Frame(snaplen);
            }
            rxFrames = frames;
            int gen = ++generation;
            lanes(s.rxLanes());
            DriverOptions options = new DriverOptions(snaplen, s.bufferSize(), s.readTimeoutMs(),
                    s.promiscuous(), "evb-rx-" + s.name(), s.rxCpus(), s.rxLanes(), s.xdpNative());
            try {
                DriverHandle h = driver.open(s.interfaceName(), options, new Listener(gen, 0, rxFrames[0]));
                handle = h;
                openedWith = driver;
                mtu = h.mtu();
                mac = h.macAddress();
                state = PortState.UP;
                reason = "";
                noCarrier = false;
                checkCarrier(gen, h);
                healthCheck = registry.supervisor().scheduleWithFixedDelay(() -> checkHealth(gen),
                        HEALTH_CHECK_MILLIS, HEALTH_CHECK_MILLIS, TimeUnit.MILLISECONDS);
                LOG.info("port '{}' up on interface '{}' (mtu {}{}{})", s.name(), s.interfaceName(), mtu,
                        s.rxCpus().isEmpty() ? "" : ", receiving on CPU " + s.rxCpus(),
                        s.rxLanes() == 1 ? "" : ", " + s.rxLanes() + " receive lanes");
            } catch (DriverException | RuntimeException e) {
                String why = e instanceof DriverException ? e.getMessage() : "driver failed: " + e;
                if (!why.equals(reason)) {
                    LOG.warn("port '{}' down: {} (retrying every {} ms)", s.name(), why, s.retryIntervalMs());
                }
                down(why);
                retry = registry.supervisor().schedule(this::openNow, s.retryIntervalMs(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The receive thread ended on its own: close what is left and start retrying. */
    private void lost(int gen, String why) {
        synchronized (lock) {
            if (gen != generation || stopped) {
                return;
            }
            LOG.warn("port '{}' down: {}", name(), why);
            closeHandle();
            down(why);
            scheduleOpen(settings.retryIntervalMs());
        }
    }

    /** Catches an interface that vanished without the capture noticing, and MTU changes. */
    private void checkHealth(int gen) {
        DriverHandle h = handle;
        if (h == null || gen != generation) {
            return;
        }
        String why = h.health();
        if (why != null) {
            lost(gen, why);
        } else {
            mtu = h.mtu();
            checkCarrier(gen, h);
        }
    }

    /**
     * An open port whose link has no carrier is DOWN (802.1AB's portEnabled false: LLDP forgets
     * its neighbours, a bridge forwards nothing to it) but keeps its handle, so that nothing is
     * reopened; it is UP again when the carrier is back.
     */
    private void checkCarrier(int gen, DriverHandle h) {
        boolean carrier;
        try {
            carrier = !ownLinkDown && h.hasCarrier();
        } catch (RuntimeException e) {
            carrier = true; // a driver that cannot tell must not take the port down
            LOG.debug("port '{}': carrier unknown", name(), e);
        }
        synchronized (lock) {
            if (gen != generation || handle != h || stopped) {
                return;
            }
            if (!carrier) {
                String why = ownLinkDown ? "link set down by the port" : "no carrier";
                if (!noCarrier) {
                    noCarrier = true;
                    linkDowns++;
                    LOG.warn("port '{}' down: {} on interface '{}'", name(), why, interfaceName());
                }
                down(why);
            } else if (noCarrier) {
                noCarrier = false;
                state = PortState.UP;
                reason = "";
                LOG.info("port '{}' up: carrier back on interface '{}'", name(), interfaceName());
            }
        }
    }

    private void closeHandle() {
        if (healthCheck != null) {
            healthCheck.cancel(false);
            healthCheck = null;
        }
        generation++;
        DriverHandle h = handle;
        handle = null;
        noCarrier = false;
        ownLinkDown = false;
        openedWith = null;
        mtu = -1;
        mac = -1;
        if (h != null) {
            h.close();
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    private void down(String why) {
        state = PortState.DOWN;
        reason = why;
    }

    private void error(String why) {
        state = PortState.ERROR;
        reason = why;
        LOG.error("port '{}': {}", name(), why);
    }

    // ---- receive path ----

    /**
     * Bound to one opening of the interface and one receive lane: callbacks from an older opening
     * are ignored. Lane 0's listener hands out the others'.
     */
    private final class Listener implements DriverListener {
        private final int gen;
        private final int lane;
        private final Frame rxFrame;

        Listener(int gen, int lane, Frame rxFrame) {
            this.gen = gen;
            this.lane = lane;
            this.rxFrame = rxFrame;
        }

        @Override
        public DriverListener lane(int other) {
            Frame[] frames = rxFrames;
            if (other < 0 || other >= frames.length) {
                throw new IllegalArgumentException("lane " + other + " of " + frames.length);
            }
            return other == lane ? this : new Listener(gen, other, frames[other]);
        }

        @Override
        public Frame rxFrame() {
            return rxFrame;
        }

        @Override
        public void received(Frame frame) {
            if (gen != generation) {
                return;
            }
            countReceived(lane, frame);
            // a frame longer than max.frame.size arrives cut to the buffer's capacity, max.frame.size
            // + 1 when the port opened: as long as that, it was cut, even if max.frame.size has
            // just been raised (the port reopens with bigger buffers)
            if (frame.length() > settings.maxFrameSize() || frame.length() >= frame.capacity()) {
                drop(DropReason.RX_OVERSIZE);
                return;
            }
            dispatch(frame, lane);
        }

        @Override
        public void stopped(String why) {
            registry.supervisor().execute(() -> lost(gen, why));
        }

        @Override
        public void linkChanged() {
            // the periodic check at once, on the supervisor thread: the interface may be gone
            // (deleted) rather than without carrier
            registry.supervisor().execute(() -> checkHealth(gen));
        }
    }
}
