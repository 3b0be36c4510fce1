package org.openevb.driver.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverHandle;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.DriverOptions;
import org.openevb.api.driver.PortDriver;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.osgi.service.component.annotations.Component;

/**
 * The in-memory driver: interfaces that exist only in this JVM, joined by links.
 *
 * <p>A frame sent on an interface is delivered to the interface linked to it <em>synchronously,
 * on the sender's thread</em> (there is no receive thread: that keeps unit tests deterministic
 * and benchmarks free of queues). A frame sent on an unlinked interface is kept, up to
 * {@value #KEPT_FRAMES} per interface, for {@link #drainSent(String)}. Interfaces can be created
 * and removed at any time, like hot-plugged NICs.
 */
@Component(service = {PortDriver.class, MemoryDriver.class}, property = PortDriver.NAME_PROPERTY + "=" + MemoryDriver.NAME)
public class MemoryDriver implements PortDriver {

    public static final String NAME = "memory";
    public static final int DEFAULT_MTU = 1500;
    /** Frames kept per unlinked interface; older ones are discarded. */
    public static final int KEPT_FRAMES = 4096;

    private final Map<String, Interface> interfaces = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    /** Creates an interface (no-op if it exists) with the given MTU and MAC address. */
    public void createInterface(String name, int mtu, long mac) {
        interfaces.putIfAbsent(name, new Interface(name, mtu, mac));
    }

    /** Creates an interface with the default MTU and a MAC address derived from its name. */
    public void createInterface(String name) {
        createInterface(name, DEFAULT_MTU, 0x020000000000L | (name.hashCode() & 0xffffffffL));
    }

    /** Removes an interface: a port open on it sees it disappear. */
    public void removeInterface(String name) {
        Interface itf = interfaces.remove(name);
        if (itf != null) {
            itf.disappear();
        }
    }

    /** Links two interfaces (creating them if needed), like a cable. */
    public void link(String a, String b) {
        createInterface(a);
        createInterface(b);
        Interface ia = interfaces.get(a);
        Interface ib = interfaces.get(b);
        ia.peer = ib;
        ib.peer = ia;
    }

    /**
     * Takes the carrier of interface {@code name} away ({@code false}) or gives it back, as a
     * cable whose far end goes down and comes up again does: the interface stays there and a port
     * keeps it open, but sending on it loses the frame and nothing is delivered to it.
     *
     * @throws IllegalArgumentException if there is no such interface
     */
    public void setCarrier(String name, boolean carrier) {
        Interface itf = interfaces.get(name);
        if (itf == null) {
            throw new IllegalArgumentException("no such interface '" + name + "'");
        }
        itf.carrierLost = !carrier;
    }

    /** Delivers a frame as if it arrived on interface {@code name}; false if no port has it open or it has no carrier. */
    public boolean inject(String name, byte[] frame) {
        Interface itf = interfaces.get(name);
        MemoryHandle h = itf == null ? null : itf.open;
        if (h == null || !h.hasCarrier()) {
            return false;
        }
        h.listener.received(frame, 0, frame.length);
        return true;
    }

    /** The frames sent on an unlinked interface since the last call, oldest first. */
    public List<byte[]> drainSent(String name) {
        Interface itf = interfaces.get(name);
        if (itf == null) {
            return List.of();
        }
        synchronized (itf.sent) {
            List<byte[]> out = new ArrayList<>(itf.sent);
            itf.sent.clear();
            return out;
        }
    }

    /** Whether a port has the interface open. */
    public boolean isOpen(String name) {
        Interface itf = interfaces.get(name);
        return itf != null && itf.open != null;
    }

    @Override
    public DriverHandle open(String interfaceName, DriverOptions options, DriverListener listener) throws DriverException {
        options.requireOneLane(NAME);
        Interface itf = interfaces.get(interfaceName);
        if (itf == null) {
            throw new DriverException("no such interface '" + interfaceName + "'");
        }
        synchronized (itf) {
            if (itf.open != null) {
                throw new DriverException("interface '" + interfaceName + "' is already open");
            }
            MemoryHandle h = new MemoryHandle(itf, listener);
            itf.open = h;
            return h;
        }
    }

    private static final class Interface {
        final String name;
        final int mtu;
        final long mac;
        final Deque<byte[]> sent = new ArrayDeque<>();
        volatile Interface peer;
        volatile MemoryHandle open;
        /** Set by {@link MemoryDriver#setCarrier}: the far end is down. */
        volatile boolean carrierLost;

        Interface(String name, int mtu, long mac) {
            this.name = name;
            this.mtu = mtu;
            this.mac = mac;
        }

        void disappear() {
            MemoryHandle h;
            synchronized (this) {
                h = open;
                open = null;
            }
            Interface p = peer;
            if (p != null) {
                p.peer = null;
            }
            if (h != null) {
                h.closed = true;
                h.listener.stopped("interface '" + name + "' disappeared");
            }
        }
    }

    private static final class MemoryHandle implements DriverHandle {
        final Interface itf;
        final DriverListener listener;
        volatile boolean closed;

        MemoryHandle(Interface itf, DriverListener listener) {
            this.itf = itf;
            this.listener = listener;
        }

        @Override
        public void send(Frame frame) throws DriverException {
            byte[] bytes = frame.buffer();
            int offset = frame.offset();
            int length = frame.length();
            if (closed) {
                throw new DriverException("interface '" + itf.name + "' is closed");
            }
            // the limit the Linux kernel applies to raw sends: MTU + header, + 4 for an outer C-tag
            int limit = itf.mtu + 14;
            if (length >= 14 && frame.typeAt12() == EtherType.C_TAG) {
                limit += 4;
            }
            if (length > limit) {
                throw new DriverException("message too long (" + length + " bytes, mtu " + itf.mtu + ")");
            }
            if (!hasCarrier()) {
                return; // lost on the wire, as on a cable without carrier
            }
            Interface peer = itf.peer;
            MemoryHandle receiver = peer == null ? null : peer.open;
            if (receiver != null && !peer.carrierLost) {
                receiver.listener.received(bytes, offset, length);
            } else if (peer == null) {
                byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
                synchronized (itf.sent) {
                    if (itf.sent.size() == KEPT_FRAMES) {
                        itf.sent.removeFirst();
                    }
                    itf.sent.addLast(copy);
                }
            }
            // linked to an interface nobody has open: the frame is lost, as on a cable to a closed port
        }

        @Override
        public boolean hasCarrier() {
            return !itf.carrierLost;
        }

        @Override
        public int mtu() {
            return itf.mtu;
        }

        @Override
        public long macAddress() {
            return itf.mac;
        }

        @Override
        public String health() {
            return closed ? "interface '" + itf.name + "' disappeared" : null;
        }

        @Override
        public long kernelDrops() {
            return 0;
        }

        @Override
        public void close() {
            synchronized (itf) {
                closed = true;
                if (itf.open == this) {
                    itf.open = null;
                }
            }
        }
    }
}
