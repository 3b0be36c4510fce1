package org.openevb.port.virtual;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortCounters;
import org.openevb.api.view.Counters;
import org.openevb.api.port.PortState;
import org.openevb.api.port.PortTap;
import org.openevb.codec.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A port carried inside another port, told apart on the wire by a tag: an S-channel (802.1ad
 * S-tag), an extended port (E-Tag or VN-Tag). The component that owns the carrier demultiplexes
 * received frames and calls {@link #deliver}, with the tag already removed; {@link #send} counts
 * and taps, then {@link #transmit} adds the tag and sends on the carrier.
 *
 * <p>To everything above it (bridges, edge relays, control protocols, captures) a virtual port is
 * a port like any other: handler, control handlers, taps, counters, state.
 */
public abstract class VirtualPort implements Port {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualPort.class);
    private static final PortTap[] NO_TAPS = new PortTap[0];

    private final String name;
    private final String driverName;
    private final Port carrier;
    private final int overhead;
    private final ControlHandlers controlHandlers = new ControlHandlers();
    private final LongAdder rxFrames = new LongAdder();
    private final LongAdder rxBytes = new LongAdder();
    private final LongAdder txFrames = new LongAdder();
    private final LongAdder txBytes = new LongAdder();
    private final LongAdder[] drops = new LongAdder[DropReason.values().length];
    private final RateLimitedLog handlerErrors = new RateLimitedLog(LOG, 10_000);
    private final WallClock clock = new WallClock();
    private final Claims claims = new Claims();
    private final String creator;
    private volatile PortTap[] taps = NO_TAPS;
    private volatile boolean operational;
    private volatile String notOperationalReason = "not negotiated";
    /** Why this port's name cannot be used (another port has it), or null. */
    private volatile String collision;

    /**
     * @param name the port's name, unique on the platform
     * @param driverName what kind of virtual port this is ({@link #kind()}), shown where a driver
     *     name is
     * @param creator the component that made it, e.g. {@code S-VLAN component on 'up'}
     * @param carrier the port whose frames carry this one's
     * @param overhead bytes the tag adds on the carrier (the port's MTU is the carrier's minus this)
     */
    protected VirtualPort(String name, String driverName, String creator, Port carrier, int overhead) {
        this.name = name;
        this.creator = creator;
        this.driverName = driverName;
        this.carrier = carrier;
        this.overhead = overhead;
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
    }

    /**
     * Sends {@code frame} on the carrier with this port's tag, and leaves it as it was. Returns
     * whether the carrier sent it.
     */
    protected abstract boolean transmit(Frame frame);

    /** The port this one is carried in. */
    public final Port carrier() {
        return carrier;
    }

    /**
     * Marks the port in ERROR because its name is already used by another port ({@code why}
     * says which), or clears the mark ({@code null}). Called by the port directory.
     */
    public final void collision(String why) {
        this.collision = why;
    }

    /** Whether the owner has the port in operation (e.g. the channel is negotiated), and why not. */
    public final void operational(boolean up, String whyNot) {
        this.notOperationalReason = up ? "" : whyNot;
        this.operational = up;
    }

    /**
     * Hands a received frame, its tag already removed, to this port's control handler or attached
     * handler. Called on the carrier's receive thread; never throws.
     */
    public final void deliver(Frame frame) {
        int length = frame.length();
        rxFrames.increment();
        rxBytes.add(length);
        PortTap[] t = taps;
        if (t.length != 0) {
            tap(t, PortTap.Direction.IN, frame);
        }
        FrameHandler h = controlHandlers.handlerFor(frame);
        if (h == null) {
            h = claims.handler();
        }
        if (h == null) {
            drop(DropReason.RX_UNATTACHED);
            return;
        }
        try {
            h.receive(this, frame);
        } catch (Throwable e) {
            drop(DropReason.RX_HANDLER_ERROR);
            handlerErrors.warn("port '{}': frame handler failed: {}", name, e.toString());
        }
    }

    @Override
    public final boolean send(Frame frame) {
        if (state() != PortState.UP) {
            drop(DropReason.TX_PORT_DOWN);
            return false;
        }
        int length = frame.length();
        PortTap[] t = taps;
        boolean sent;
        try {
            sent = transmit(frame);
        } catch (RuntimeException e) {
            handlerErrors.warn("port '{}': send failed: {}", name, e.toString());
            sent = false;
        }
        if (!sent) {
            drop(DropReason.TX_CARRIER_REFUSED);
            return false;
        }
        txFrames.increment();
        txBytes.add(length);
        if (t.length != 0) {
            tap(t, PortTap.Direction.OUT, frame);
        }
        return true;
    }

    /** Counts a frame this port dropped for {@code why}. */
    public final void drop(DropReason why) {
        drops[why.ordinal()].increment();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String interfaceName() {
        return carrier.interfaceName();
    }

    @Override
    public String driverName() {
        return driverName;
    }

    @Override
    public PortState state() {
        if (collision != null) {
            return PortState.ERROR;
        }
        if (!operational) {
            return PortState.DOWN;
        }
        return carrier.state();
    }

    @Override
    public String reason() {
        String c = collision;
        if (c != null) {
            return c;
        }
        if (!operational) {
            return notOperationalReason;
        }
        PortState s = carrier.state();
        return s == PortState.UP ? "" : "carrier port '" + carrier.name() + "' is " + s + ": " + carrier.reason();
    }

    @Override
    public int mtu() {
        int m = carrier.mtu();
        return m < 0 ? -1 : m - overhead;
    }

    @Override
    public long macAddress() {
        return carrier.macAddress();
    }

    @Override
    public PortCounters counters() {
        Counters<DropReason> byReason = Counters.of(DropReason.class, r -> drops[r.ordinal()].sum());
        return new PortCounters(rxFrames.sum(), rxBytes.sum(), txFrames.sum(), txBytes.sum(), byReason, 0);
    }

    @Override
    public boolean claim(String owner, FrameHandler frameHandler) {
        return claims.claim(owner, frameHandler);
    }

    @Override
    public void release(FrameHandler frameHandler) {
        claims.release(frameHandler);
    }

    @Override
    public String owner() {
        return claims.owner();
    }

    @Override
    public String kind() {
        return driverName;
    }

    @Override
    public String creator() {
        return creator;
    }

    @Override
    public AutoCloseable addTap(PortTap tap) {
        synchronized (this) {
            PortTap[] more = Arrays.copyOf(taps, taps.length + 1);
            more[more.length - 1] = tap;
            taps = more;
        }
        return () -> {
            synchronized (this) {
                taps = Arrays.stream(taps).filter(x -> x != tap).toArray(PortTap[]::new);
            }
        };
    }

    @Override
    public AutoCloseable addControlHandler(int etherType, FrameHandler controlHandler) {
        return controlHandlers.add(name, etherType, controlHandler);
    }

    private void tap(PortTap[] t, PortTap.Direction direction, Frame frame) {
        long now = clock.nanos();
        for (PortTap tap : t) {
            try {
                tap.frame(direction, now, frame.buffer(), frame.offset(), frame.length());
            } catch (RuntimeException e) {
                // a tap never disturbs forwarding
            }
        }
    }

    @Override
    public String toString() {
        return "port " + name + " (" + state() + ", on " + carrier.name() + ")";
    }
}
