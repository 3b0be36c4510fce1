package org.openevb.driver.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverHandle;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.DriverOptions;
import org.openevb.api.driver.KernelForwarding;
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
 *
 * <p>Every open interface has a {@link KernelForwarding} table, kept in Java, that does what the
 * kernel does with the xdp driver's: a frame arriving on the interface that matches an entry is
 * sent out of the entry's egress interface without reaching the port, and counted.
 */
@Component(service = {PortDriver.class, MemoryDriver.class}, property = PortDriver.NAME_PROPERTY + "=" + MemoryDriver.NAME)
public class MemoryDriver implements PortDriver {

    public static final String NAME = "memory";
    public static final int DEFAULT_MTU = 1500;
    /** Frames kept per unlinked interface; older ones are discarded. */
    public static final int KEPT_FRAMES = 4096;

    /** The most entries a kernel forwarding table holds here. */
    public static final int TABLE_CAPACITY = 1024;

    private final Map<String, Interface> interfaces = new ConcurrentHashMap<>();
    private final Map<Integer, Interface> byIndex = new ConcurrentHashMap<>();
    private final AtomicInteger nextIndex = new AtomicInteger(1);

    @Override
    public String name() {
        return NAME;
    }

    /** Creates an interface (no-op if it exists) with the given MTU and MAC address. */
    public void createInterface(String name, int mtu, long mac) {
        interfaces.computeIfAbsent(name, n -> {
            Interface itf = new Interface(n, mtu, mac, nextIndex.getAndIncrement());
            byIndex.put(itf.index, itf);
            return itf;
        });
    }

    /** Creates an interface with the default MTU and a MAC address derived from its name. */
    public void createInterface(String name) {
        createInterface(name, DEFAULT_MTU, 0x020000000000L | (name.hashCode() & 0xffffffffL));
    }

    /** Removes an interface: a port open on it sees it disappear. */
    public void removeInterface(String name) {
        Interface itf = interfaces.remove(name);
        if (itf != null) {
            byIndex.remove(itf.index);
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
        h.receive(frame, 0, frame.length);
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
            MemoryHandle h = new MemoryHandle(itf, listener, this);
            itf.open = h;
            return h;
        }
    }

    private static final class Interface {
        final String name;
        final int mtu;
        final long mac;
        final int index;
        final Deque<byte[]> sent = new ArrayDeque<>();
        /** Frames and bytes the kernel forwarding tables sent out of this interface. */
        final LongAdder kernelSentFrames = new LongAdder();
        final LongAdder kernelSentBytes = new LongAdder();
        volatile Interface peer;
        volatile MemoryHandle open;
        /** Set by {@link MemoryDriver#setCarrier}: the far end is down. */
        volatile boolean carrierLost;

        Interface(String name, int mtu, long mac, int index) {
            this.name = name;
            this.mtu = mtu;
            this.mac = mac;
            this.index = index;
        }

        /** Puts a frame on the wire: to the linked interface, kept when unlinked, lost when the far end is closed or down. */
        void transmit(byte[] bytes, int offset, int length) {
            Interface far = peer;
            MemoryHandle receiver = far == null ? null : far.open;
            if (receiver != null && !far.carrierLost) {
                receiver.receive(bytes, offset, length);
            } else if (far == null) {
                byte[] copy = Arrays.copyOfRange(bytes, offset, offset + length);
                synchronized (sent) {
                    if (sent.size() == KEPT_FRAMES) {
                        sent.removeFirst();
                    }
                    sent.addLast(copy);
                }
            }
            // linked to an interface nobody has open: the frame is lost, as on a cable to a closed port
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
        final Table table;
        volatile boolean closed;

        MemoryHandle(Interface itf, DriverListener listener, MemoryDriver driver) {
            this.itf = itf;
            this.listener = listener;
            this.table = new Table(itf, driver);
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
            itf.transmit(bytes, offset, length);
        }

        /** A frame arriving on the interface: forwarded by the table if an entry matches, else to the port. */
        void receive(byte[] bytes, int offset, int length) {
            if (table.size() > 0 && table.forward(bytes, offset, length)) {
                return;
            }
            listener.received(bytes, offset, length);
        }

        @Override
        public KernelForwarding kernelForwarding() {
            return table;
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

    /** One key of a table: what the kernel's program reads of a frame. */
    private record Key(long dst, long src, int tag) {
    }

    /** One entry: where its frames go and what it forwarded. */
    private static final class Entry {
        final int egress;
        final LongAdder frames = new LongAdder();
        final LongAdder bytes = new LongAdder();

        Entry(int egress) {
            this.egress = egress;
        }
    }

    /** An interface's kernel forwarding table, as the xdp driver's program keeps it, in Java. */
    private static final class Table implements KernelForwarding {
        private final Interface itf;
        private final MemoryDriver driver;
        private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
        private final LongAdder removedFrames = new LongAdder();
        private final LongAdder removedBytes = new LongAdder();
        private final Map<Integer, long[]> removedTo = new ConcurrentHashMap<>();

        Table(Interface itf, MemoryDriver driver) {
            this.itf = itf;
            this.driver = driver;
        }

        /** Sends the frame out of its entry's egress if one matches; false when none does. */
        boolean forward(byte[] b, int offset, int length) {
            if (length < 14) {
                return false;
            }
            int type = (b[offset + 12] & 0xff) << 8 | b[offset + 13] & 0xff;
            int tag = UNTAGGED;
            if (type == EtherType.C_TAG) {
                if (length < 18) {
                    return false;
                }
                tag = 0x1000 | ((b[offset + 14] & 0x0f) << 8 | b[offset + 15] & 0xff);
            } else if (EtherType.isTag(type)) {
                return false;
            }
            Entry e = entries.get(new Key(mac(b, offset), mac(b, offset + 6), tag));
            Interface out = e == null ? null : driver.byIndex.get(e.egress);
            if (e == null) {
                return false;
            }
            e.frames.increment();
            e.bytes.add(length);
            if (out != null && !out.carrierLost) {
                out.kernelSentFrames.increment();
                out.kernelSentBytes.add(length);
                out.transmit(b, offset, length);
            }
            return true;
        }

        private static long mac(byte[] b, int at) {
            long m = 0;
            for (int i = 0; i < 6; i++) {
                m = m << 8 | b[at + i] & 0xff;
            }
            return m;
        }

        @Override
        public int ifindex() {
            return itf.index;
        }

        @Override
        public int capacity() {
            return TABLE_CAPACITY;
        }

        @Override
        public synchronized boolean add(long dst, long src, int tag, int egressIfindex) {
            Key k = new Key(dst, src, tag);
            Entry was = entries.get(k);
            if (was != null && was.egress == egressIfindex) {
                return true;
            }
            if (was == null && entries.size() >= TABLE_CAPACITY) {
                return false;
            }
            if (was != null) {
                retire(was);
            }
            entries.put(k, new Entry(egressIfindex));
            return true;
        }

        @Override
        public synchronized boolean remove(long dst, long src, int tag) {
            Entry e = entries.remove(new Key(dst, src, tag));
            if (e != null) {
                retire(e);
            }
            return e != null;
        }

        private void retire(Entry e) {
            long f = e.frames.sum();
            long by = e.bytes.sum();
            removedFrames.add(f);
            removedBytes.add(by);
            long[] to = removedTo.computeIfAbsent(e.egress, i -> new long[2]);
            synchronized (to) {
                to[0] += f;
                to[1] += by;
            }
        }

        @Override
        public synchronized void clear() {
            for (Key k : List.copyOf(entries.keySet())) {
                remove(k.dst(), k.src(), k.tag());
            }
        }

        @Override
        public void clearTo() {
            for (Interface other : driver.interfaces.values()) {
                MemoryHandle h = other.open;
                if (h != null) {
                    h.table.removeTo(itf.index);
                }
            }
        }

        private synchronized void removeTo(int egress) {
            for (Map.Entry<Key, Entry> e : List.copyOf(entries.entrySet())) {
                if (e.getValue().egress == egress) {
                    remove(e.getKey().dst(), e.getKey().src(), e.getKey().tag());
                }
            }
        }

        @Override
        public int size() {
            return entries.size();
        }

        @Override
        public long forwardedFrames() {
            return removedFrames.sum() + entries.values().stream().mapToLong(e -> e.frames.sum()).sum();
        }

        @Override
        public long forwardedBytes() {
            return removedBytes.sum() + entries.values().stream().mapToLong(e -> e.bytes.sum()).sum();
        }

        @Override
        public long forwardedFramesTo(int egressIfindex) {
            return removed(egressIfindex, 0) + entries.values().stream().filter(e -> e.egress == egressIfindex)
                    .mapToLong(e -> e.frames.sum()).sum();
        }

        @Override
        public long forwardedBytesTo(int egressIfindex) {
            return removed(egressIfindex, 1) + entries.values().stream().filter(e -> e.egress == egressIfindex)
                    .mapToLong(e -> e.bytes.sum()).sum();
        }

        private long removed(int egress, int which) {
            long[] to = removedTo.get(egress);
            if (to == null) {
                return 0;
            }
            synchronized (to) {
                return to[which];
            }
        }

        @Override
        public long kernelSentFrames() {
            return itf.kernelSentFrames.sum();
        }

        @Override
        public long kernelSentBytes() {
            return itf.kernelSentBytes.sum();
        }

        @Override
        public void forEach(EntryVisitor visitor) {
            for (Map.Entry<Key, Entry> e : entries.entrySet()) {
                Key k = e.getKey();
                visitor.entry(k.dst(), k.src(), k.tag(), e.getValue().egress, e.getValue().frames.sum(),
                        e.getValue().bytes.sum());
            }
        }
    }
}
