package org.openevb.port.virtual;

import org.openevb.api.port.DropReason;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
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
 * a port like any other: handler, control handlers, taps, counters ({@link PortCore}); what is its
 * own is the carrier, the tag's overhead and a state that follows the carrier's.
 */
public abstract class VirtualPort extends PortCore {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualPort.class);

    private final String name;
    private final String driverName;
    private final Port carrier;
    private final int overhead;
    private final String creator;
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
        super(LOG);
        this.name = name;
        this.creator = creator;
        this.driverName = driverName;
        this.carrier = carrier;
        this.overhead = overhead;
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
        countReceived(frame);
        dispatch(frame);
    }

    @Override
    public final boolean send(Frame frame) {
        if (state() != PortState.UP) {
            drop(DropReason.TX_PORT_DOWN);
            return false;
        }
        boolean sent;
        try {
            sent = transmit(frame);
        } catch (RuntimeException e) {
            sendFailed(DropReason.TX_CARRIER_REFUSED, e.toString());
            return false;
        }
        if (!sent) {
            drop(DropReason.TX_CARRIER_REFUSED);
            return false;
        }
        // transmit leaves the frame as it was: what the taps see is what this port sent
        countSent(frame);
        return true;
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
    public String kind() {
        return driverName;
    }

    @Override
    public String creator() {
        return creator;
    }

    @Override
    public String toString() {
        return "port " + name + " (" + state() + ", on " + carrier.name() + ")";
    }
}
