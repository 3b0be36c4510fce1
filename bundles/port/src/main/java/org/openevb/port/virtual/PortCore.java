package org.openevb.port.virtual;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.driver.KernelForwarding;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.LaneFrameHandler;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortCounters;
import org.openevb.api.port.PortTap;
import org.openevb.api.view.Counters;
import org.openevb.codec.Frame;
import org.slf4j.Logger;

/**
 * What every port does the same way, whatever carries its frames: counters, claims and control
 * handlers, the dispatch of a received frame, the accounting of a sent one, and taps. A port on
 * an interface and a port carried inside another port differ only in how frames reach the wire
 * and in their state; they extend this class for the rest.
 *
 * <p>The receive and send paths ({@link #countReceived}, {@link #dispatch}, {@link #countSent})
 * are final, allocate nothing and never throw.
 */
public abstract class PortCore implements Port {

    private static final PortTap[] NO_TAPS = new PortTap[0];

    private final Claims claims = new Claims();
    private final ControlHandlers controlHandlers = new ControlHandlers();
    /** Frames received per lane: the port's received frames are their sum. */
    private final LongAdder[] rxFrames = new LongAdder[LaneFrameHandler.MAX_LANES];
    private final LongAdder rxBytes = new LongAdder();
    private final LongAdder txFrames = new LongAdder();
    private final LongAdder txBytes = new LongAdder();
    private final LongAdder[] drops = new LongAdder[DropReason.values().length];
    private final RateLimitedLog errors;
    private final WallClock clock = new WallClock();
    private final Object tapsLock = new Object();
    private volatile PortTap[] taps = NO_TAPS;
    private volatile Policer policer;
    private volatile Guard guard;
    private volatile int lanes = 1;
    /** With several lanes, what is not {@link LaneFrameHandler} runs under this, one frame at a time. */
    private final Object serialLock = new Object();

    /** @param log where this port's rate-limited warnings (failed handlers, failed sends) go */
    protected PortCore(Logger log) {
        this.errors = new RateLimitedLog(log, 10_000);
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
        for (int i = 0; i < rxFrames.length; i++) {
            rxFrames[i] = new LongAdder();
        }
    }

    // ---- the receive path ----

    /**
     * Counts a received frame and shows it to the taps, before any check of its own: a frame the
     * port then drops was still received. Called on the receive thread.
     */
    protected final void countReceived(Frame frame) {
        countReceived(0, frame);
    }

    /** As {@link #countReceived(Frame)}, for a frame of receive lane {@code lane}. */
    protected final void countReceived(int lane, Frame frame) {
        count(rxFrames[lane], rxBytes, PortTap.Direction.IN, frame);
    }

    /**
     * Hands a received frame to the control handler of its EtherType, else (if the port's guards
     * let it pass and it conforms to the port's policer) to the claiming handler, else drops it as
     * unattached. Control frames are neither guarded nor policed: a limit must not starve LLDP or
     * ECP. A failing handler is counted and logged, never thrown to the receive thread.
     */
    protected final void dispatch(Frame frame) {
        dispatch(frame, 0);
    }

    /**
     * As {@link #dispatch(Frame)}, for a frame of receive lane {@code lane}. With several lanes
     * (see {@link #lanes(int)}), the guards, the policer and every handler that is not a {@link
     * LaneFrameHandler} see the port's frames one at a time, under the port's lock.
     */
    protected final void dispatch(Frame frame, int lane) {
        boolean serial = lanes > 1;
        FrameHandler h = controlHandlers.handlerFor(frame);
        if (h == null) {
            DropReason why;
            if (serial) {
                synchronized (serialLock) {
                    why = admit(frame);
                }
            } else {
                why = admit(frame);
            }
            if (why != null) {
                drop(why);
                return;
            }
            h = claims.handler();
        }
        if (h == null) {
            drop(DropReason.RX_UNATTACHED);
            return;
        }
        try {
            if (h instanceof LaneFrameHandler laned) {
                laned.receive(this, frame, lane);
            } else if (serial) {
                synchronized (serialLock) {
                    h.receive(this, frame);
                }
            } else {
                h.receive(this, frame);
            }
        } catch (Throwable e) {
            drop(DropReason.RX_HANDLER_ERROR);
            errors.warn("port '{}': frame handler failed: {}", name(), e.toString());
        }
    }

    /** Why the guards or the policer drop a frame, or null when it goes on. */
    private DropReason admit(Frame frame) {
        Guard g = guard;
        if (g != null) {
            DropReason why = g.check(frame);
            if (why != null) {
                return why;
            }
        }
        Policer p = policer;
        if (p != null && !p.conforms(frame.length(), System.nanoTime())) {
            return DropReason.RX_POLICED;
        }
        return null;
    }

    /**
     * How many receive lanes deliver this port's frames from now on (1 to {@link
     * LaneFrameHandler#MAX_LANES}): above 1, {@link #dispatch(Frame, int)} is called from that many
     * threads at once.
     */
    protected final void lanes(int n) {
        lanes = n;
    }

    /** The receive lanes of this port. */
    public final int lanes() {
        return lanes;
    }

    /** The guards from now on, null for none (bindings learned by the previous ones are forgotten). */
    protected final void guard(Guard next) {
        guard = next;
        if (next != null) {
            mustSeeEveryFrame();
        }
    }

    /** The guards in use, or null. */
    protected final Guard guard() {
        return guard;
    }

    /** The ingress policer in use, or null. */
    protected final Policer policer() {
        return policer;
    }

    /**
     * The ingress policer from now on, null for none. A new one starts with full buckets; the
     * receive thread picks it up at its next frame.
     */
    protected final void police(Policer next) {
        policer = next;
        if (next != null) {
            mustSeeEveryFrame();
        }
    }

    // ---- frames forwarded in the kernel ----

    /**
     * Whether the port must see every frame it receives and sends itself: while it has a tap,
     * guards or a policer (or more, see subclasses), no frame may pass it in the kernel.
     */
    protected boolean seesEveryFrame() {
        return taps.length > 0 || guard != null || policer != null;
    }

    /**
     * Something that must see every frame came (see {@link #seesEveryFrame}): a port whose driver
     * forwards in the kernel removes the entries from it and to it here, after the change is
     * visible. Nothing by default.
     */
    protected void mustSeeEveryFrame() {
    }

    /**
     * The kernel forwarding table of the port's interface whatever the port's state, for its
     * counters; null by default.
     */
    protected KernelForwarding kernelTable() {
        return null;
    }

    // ---- the send path ----

    /**
     * Counts a frame that went out, as it went out (a send leaves the frame as it was), and shows
     * it to the taps.
     */
    protected final void countSent(Frame frame) {
        count(txFrames, txBytes, PortTap.Direction.OUT, frame);
        Guard g = guard;
        if (g != null) {
            g.sent(frame);
        }
    }

    /** Counts a send that failed for {@code why}, and logs {@code detail} (rate-limited). */
    protected final void sendFailed(DropReason why, String detail) {
        drop(why);
        errors.warn("port '{}': send failed: {}", name(), detail);
    }

    /** Counts a frame this port dropped for {@code why}. */
    public final void drop(DropReason why) {
        drops[why.ordinal()].increment();
    }

    // ---- Port ----

    @Override
    public PortCounters counters() {
        Counters<DropReason> byReason = Counters.of(DropReason.class, r -> drops[r.ordinal()].sum());
        long received = 0;
        for (LongAdder lane : rxFrames) {
            received += lane.sum();
        }
        // frames the kernel forwarded from this port and to it were received and sent all the same
        KernelForwarding k = kernelTable();
        return new PortCounters(received + (k == null ? 0 : k.forwardedFrames()),
                rxBytes.sum() + (k == null ? 0 : k.forwardedBytes()),
                txFrames.sum() + (k == null ? 0 : k.kernelSentFrames()),
                txBytes.sum() + (k == null ? 0 : k.kernelSentBytes()), byReason, kernelDrops());
    }

    /** Per lane in use, and per lane that received before the port had fewer. */
    @Override
    public List<Long> rxFramesByLane() {
        int shown = lanes;
        for (int i = shown; i < rxFrames.length; i++) {
            if (rxFrames[i].sum() != 0) {
                shown = i + 1;
            }
        }
        Long[] byLane = new Long[shown];
        for (int i = 0; i < shown; i++) {
            byLane[i] = rxFrames[i].sum();
        }
        KernelForwarding k = kernelTable();
        if (k != null) {
            byLane[0] += k.forwardedFrames(); // the kernel's frames are the first queue's
        }
        return List.of(byLane);
    }

    /** Frames the kernel dropped before this port saw them; 0 where no kernel is involved. */
    protected long kernelDrops() {
        return 0;
    }

    @Override
    public final boolean claim(String owner, FrameHandler frameHandler) {
        return claims.claim(owner, frameHandler);
    }

    @Override
    public final void release(FrameHandler frameHandler) {
        claims.release(frameHandler);
    }

    @Override
    public final String owner() {
        return claims.owner();
    }

    @Override
    public final AutoCloseable addTap(PortTap tap) {
        synchronized (tapsLock) {
            PortTap[] more = Arrays.copyOf(taps, taps.length + 1);
            more[more.length - 1] = tap;
            taps = more;
        }
        mustSeeEveryFrame();
        return () -> {
            synchronized (tapsLock) {
                taps = Arrays.stream(taps).filter(t -> t != tap).toArray(PortTap[]::new);
            }
        };
    }

    @Override
    public final AutoCloseable addControlHandler(int etherType, FrameHandler controlHandler) {
        return controlHandlers.add(name(), etherType, controlHandler);
    }

    private void count(LongAdder frames, LongAdder octets, PortTap.Direction direction, Frame frame) {
        frames.increment();
        octets.add(frame.length());
        PortTap[] t = taps;
        if (t.length != 0) {
            tap(t, direction, frame);
        }
    }

    private void tap(PortTap[] t, PortTap.Direction direction, Frame frame) {
        long now = clock.nanos();
        for (PortTap tap : t) {
            try {
                tap.frame(direction, now, frame);
            } catch (RuntimeException e) {
                // a tap never disturbs forwarding
            }
        }
    }
}
