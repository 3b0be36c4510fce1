package org.openevb.driver.xdp.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicLong;
import org.openevb.api.driver.CpuSet;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.KernelForwarding;
import org.openevb.api.driver.LinuxDrivers;
import org.openevb.api.driver.LinuxHandle;
import org.openevb.api.driver.PinnedThread;
import org.openevb.codec.Frame;
import org.openevb.linux.LibC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open interface: an XDP socket in copy mode with a UMEM of its own, its XDP program and
 * bpf_link ({@link Bpf}), a receive thread that reads the receive ring and a transmit ring that
 * any thread may fill.
 *
 * <p>The UMEM is {@link #CHUNK}-byte frames: the first {@code rxFrames} belong to receiving (they
 * are in the fill ring, in the kernel, or being read), the rest to sending (a free stack, the
 * transmit ring, the completion ring). Received frames are copied from the UMEM into the
 * listener's {@link Frame} and their UMEM frame goes straight back to the fill ring; sent frames
 * are copied from the caller's {@link Frame} into a free UMEM frame, so nothing of a caller's
 * frame is kept past {@link #send}.
 *
 * <p>Sends from a port's receive thread (a bridge forwarding a burst) are put on the destination's
 * transmit ring at once but the kernel is asked to send them ({@code sendto}, which in copy mode
 * sends up to 64 frames in the call) once per received batch of up to {@value #BATCH} frames, for
 * every port the batch sent to. Sends from any other thread are sent in their own call. No
 * allocation and no system call per frame.
 *
 * <p>The receive thread owns the socket, its rings, the UMEM, the program and the kernel
 * forwarding table's map: it releases them all when it ends, under {@link #lock}, which every send
 * also holds (the table's calls hold the table's own lock, which the release takes too, after
 * this one: a walk of a full table does not hold up sends). It wakes at least every
 * {@value #POLL_MILLIS} ms to see whether it should stop, and then checks that the interface is
 * still there (an XDP socket whose interface is deleted is unbound silently: poll reports nothing).
 */
final class XdpPort implements LinuxHandle {

    private static final Logger LOG = LoggerFactory.getLogger(XdpPort.class);

    static final long STOP_MILLIS = 2000;
    static final int POLL_MILLIS = 100;
    /** UMEM frame size: a page, the largest the kernel takes for an aligned UMEM. */
    static final int CHUNK = 4096;
    /** What the kernel keeps in front of a received frame in its UMEM frame (XDP_PACKET_HEADROOM). */
    static final int RX_HEADROOM = 256;
    /** The longest frame received: longer ones the kernel drops (counted in {@link #kernelDrops()}). */
    static final int MAX_RX = CHUNK - RX_HEADROOM;
    /** The longest frame sent. */
    static final int MAX_TX = CHUNK;
    static final int BATCH = 64;
    static final int TX_FRAMES = 1024;
    static final int MIN_RX_FRAMES = 256;
    static final int MAX_RX_FRAMES = 4096;
    /** A send call in copy mode sends at most the budget (64 where the kernel takes it, else 32): calls per kick. */
    private static final int KICKS = 4;
    private static final int DESC = 16;

    private final String interfaceName;
    private final LinuxDrivers.Found found;
    private final DriverListener listener;
    private final XdpThread thread;
    private final int snaplen;

    /** Guards the transmit side, the statistics and the release of everything native. */
    private final Object lock = new Object();
    private int fd;
    private int promiscFd;
    private final Bpf bpf;
    private final long umemAddress;
    private final long umemLength;
    private final ByteBuffer umem;
    private final Ring fill;
    private final Ring rx;
    private final Ring tx;
    private final Ring completion;
    private final int rxFrames;

    // transmit side, under lock
    private final int[] free;
    private int freeCount;
    private int txProducer;
    /** The kernel's transmit consumer index as last read: at or behind the real one. */
    private int txConsumer;
    private int completionConsumer;
    private boolean released;
    private final Memory stats = new Memory(48);
    private final Memory statsLength = new Memory(4);
    private long kernelDropsAtRelease;

    /** Frames refused for want of room (transmit ring or UMEM full) or by the kernel's send. */
    private final AtomicLong sendLost = new AtomicLong();
    /** Received frames longer than the listener's buffer or snaplen were cut: counted as delivered. */
    private final AtomicLong truncated = new AtomicLong();

    private volatile boolean closing;

    // receive thread only
    private final Memory pollFd = new Memory(8);
    private int rxConsumer;
    private int fillProducer;

    XdpPort(String interfaceName, LinuxDrivers.Found found, int fd, int promiscFd, Bpf bpf, long umemAddress,
            long umemLength, Ring fill, Ring rx, Ring tx, Ring completion, int rxFrames, int snaplen,
            DriverListener listener, String threadName, CpuSet rxCpus) {
        this.interfaceName = interfaceName;
        this.found = found;
        this.fd = fd;
        this.promiscFd = promiscFd;
        this.bpf = bpf;
        this.umemAddress = umemAddress;
        this.umemLength = umemLength;
        this.umem = new Pointer(umemAddress).getByteBuffer(0, umemLength).order(ByteOrder.nativeOrder());
        this.fill = fill;
        this.rx = rx;
        this.tx = tx;
        this.completion = completion;
        this.rxFrames = rxFrames;
        this.snaplen = snaplen;
        this.listener = listener;
        this.free = new int[tx.size];
        for (int i = 0; i < tx.size; i++) {
            free[freeCount++] = (rxFrames + i) * CHUNK;
        }
        this.txProducer = tx.producerAcquire();
        this.txConsumer = tx.consumerAcquire();
        this.completionConsumer = completion.consumerAcquire();
        this.rxConsumer = rx.consumerAcquire();
        this.fillProducer = fill.producerAcquire();
        this.thread = new XdpThread(this::receiveLoop, threadName, rxCpus);
    }

    @Override
    public LinuxDrivers.Found found() {
        return found;
    }

    /** Every receive frame into the fill ring: before the program is attached. */
    void fillAll() {
        ByteBuffer e = fill.entries;
        for (int i = 0; i < rxFrames; i++) {
            e.putLong(((fillProducer + i) & fill.mask) * 8, (long) i * CHUNK);
        }
        fillProducer += rxFrames;
        fill.producerRelease(fillProducer);
    }

    /** The XDP socket, for the XSKMAP. */
    int socket() {
        return fd;
    }

    /** Releases everything of a port whose receive thread never started. */
    void closeUnstarted() {
        closing = true;
        release();
    }

    /** Starts receiving; when the receive thread cannot run on its CPUs, releases everything and says why. */
    void start() throws DriverException {
        try {
            thread.startPinned();
        } catch (DriverException e) {
            closing = true; // the receive loop never ran
            release();
            throw e;
        }
    }

    private void receiveLoop() {
        String why = null;
        try {
            thread.batch.active = true;
            why = receive(thread.batch);
        } catch (Throwable e) {
            why = "receive failed: " + e;
            LOG.warn("receive thread {} failed", thread.getName(), e);
        } finally {
            thread.batch.active = false;
            thread.batch.flush();
            release();
        }
        if (closing || why == null) {
            return;
        }
        String gone = found.gone();
        try {
            listener.stopped(gone != null ? gone : why);
        } catch (RuntimeException e) {
            LOG.debug("stop listener failed on {}", interfaceName, e);
        }
    }

    /** Reads the receive ring until closing (null) or the interface is gone (the reason). */
    private String receive(Pending batch) {
        ByteBuffer descs = rx.entries;
        ByteBuffer fills = fill.entries;
        int rxMask = rx.mask;
        int fillMask = fill.mask;
        while (!closing) {
            int ready = rx.producerAcquire() - rxConsumer;
            if (ready == 0) {
                if (batch.count != 0) {
                    batch.flush();
                    continue;
                }
                if (tx.producerAcquire() != tx.consumerAcquire()) {
                    kick(); // frames of ours the kernel has not taken yet (it was busy at the last call)
                }
                String failed = await();
                if (failed != null) {
                    return failed;
                }
                continue;
            }
            int n = Math.min(ready, BATCH);
            for (int i = 0; i < n; i++) {
                int d = ((rxConsumer + i) & rxMask) * DESC;
                long addr = descs.getLong(d);
                int length = descs.getInt(d + 8);
                deliver((int) addr, length);
                // the frame was copied out: its UMEM frame goes back to the kernel (aligned mode: the chunk's start)
                fills.putLong(((fillProducer + i) & fillMask) * 8, addr & ~(long) (CHUNK - 1));
            }
            rxConsumer += n;
            rx.consumerRelease(rxConsumer);
            fillProducer += n;
            fill.producerRelease(fillProducer);
            batch.flush(); // one send call per destination per received batch
        }
        return null;
    }

    /** The one copy of a received frame: from its UMEM frame into the listener's buffer. */
    private void deliver(int addr, int length) {
        Frame f = listener.rxFrame();
        f.clear();
        int n = Math.min(length, Math.min(snaplen, f.capacity()));
        if (n < length) {
            truncated.incrementAndGet();
        }
        umem.get(addr, f.buffer(), f.offset(), n);
        f.setLength(n);
        listener.received(f);
    }

    /**
     * Waits up to {@value #POLL_MILLIS} ms for a frame. When none came, checks that the interface
     * is still the one opened: the reason it is not, or null.
     */
    private String await() {
        pollFd.setInt(0, fd);
        pollFd.setShort(4, LibC.POLLIN);
        pollFd.setShort(6, (short) 0);
        int ready = LibC.poll(pollFd, 1, POLL_MILLIS);
        if (ready < 0) {
            int errno = Native.getLastError();
            return errno == LibC.EINTR ? null : "poll failed on '" + interfaceName + "': " + LibC.error(errno);
        }
        if (ready == 0) {
            return found.gone();
        }
        return null;
    }

    @Override
    public void send(Frame frame) throws DriverException {
        int length = frame.length();
        if (length > MAX_TX) {
            throw new DriverException("frame of " + length + " bytes is longer than the " + MAX_TX
                    + "-byte UMEM frame of the xdp driver");
        }
        boolean batched = Thread.currentThread() instanceof XdpThread t && t.batch.active;
        synchronized (lock) {
            if (released) {
                throw new DriverException("interface '" + interfaceName + "' is closed");
            }
            if (!enqueue(frame.buffer(), frame.offset(), length)) {
                kickLocked();
                if (!enqueue(frame.buffer(), frame.offset(), length)) {
                    sendLost.incrementAndGet(); // the kernel is behind by a whole ring: dropped, counted
                    return;
                }
            }
        }
        if (batched) {
            ((XdpThread) Thread.currentThread()).batch.add(this);
        } else {
            kick();
        }
    }

    /** Copies a frame into a free UMEM frame and puts it on the transmit ring; false when there is no room. Under lock. */
    private boolean enqueue(byte[] bytes, int offset, int length) {
        if (freeCount == 0) {
            reapCompletions();
            if (freeCount == 0) {
                return false;
            }
        }
        if (txProducer - txConsumer >= tx.size) {
            // the kernel's index is read only when the last one read says the ring is full: it
            // is a cache line the kernel writes on every send
            txConsumer = tx.consumerAcquire();
            if (txProducer - txConsumer >= tx.size) {
                return false;
            }
        }
        int addr = free[--freeCount];
        umem.put(addr, bytes, offset, length);
        int d = (txProducer & tx.mask) * DESC;
        tx.entries.putLong(d, addr);
        tx.entries.putInt(d + 8, length);
        tx.entries.putInt(d + 12, 0);
        tx.producerRelease(++txProducer);
        return true;
    }

    /** UMEM frames the kernel has sent: back on the free stack. Under lock. */
    private void reapCompletions() {
        int done = completion.producerAcquire() - completionConsumer;
        if (done == 0) {
            return;
        }
        ByteBuffer e = completion.entries;
        for (int i = 0; i < done; i++) {
            free[freeCount++] = (int) e.getLong(((completionConsumer + i) & completion.mask) * 8);
        }
        completionConsumer += done;
        completion.consumerRelease(completionConsumer);
    }

    /** Asks the kernel to send what is on the transmit ring. */
    void kick() {
        synchronized (lock) {
            if (!released) {
                kickLocked();
            }
        }
    }

    private void kickLocked() {
        for (int i = 0; i < KICKS && tx.consumerAcquire() != txProducer; i++) {
            long r = LibC.sendto(fd, null, 0, LibC.MSG_DONTWAIT, null, 0);
            if (r < 0) {
                int errno = Native.getLastError();
                if (errno == LibC.EINTR) {
                    continue;
                }
                if (errno != LibC.EAGAIN && errno != LibC.EBUSY && errno != LibC.ENOBUFS) {
                    // unbound (interface gone: ENXIO) or down (ENETDOWN): what is on the ring stays
                    // there until the next call; the receive thread notices a lost interface
                    break;
                }
                break; // the device is busy: the next call sends the rest
            }
        }
        reapCompletions();
    }

    @Override
    public String receiverEnded() {
        return thread.isAlive() || closing ? null : "receive thread ended";
    }

    /**
     * What the kernel dropped on receive (the receive ring full, no fill-ring frame, a frame
     * longer than {@value #MAX_RX} bytes), descriptors it refused to send, and frames this driver
     * could not put on the transmit ring.
     */
    @Override
    public long kernelDrops() {
        synchronized (lock) {
            return (released ? kernelDropsAtRelease : statistics()) + sendLost.get();
        }
    }

    /** XDP_STATISTICS: rx_dropped + rx_ring_full + tx_invalid_descs (cumulative). Under lock, not released. */
    private long statistics() {
        statsLength.setInt(0, (int) stats.size());
        stats.clear();
        if (LibC.getsockopt(fd, Sys.SOL_XDP, Sys.XDP_STATISTICS, stats, statsLength) != 0) {
            return 0;
        }
        return stats.getLong(0) + stats.getLong(24) + stats.getLong(16);
    }

    /** Received frames cut to the listener's buffer or the snaplen. */
    long truncated() {
        return truncated.get();
    }

    /** The port's kernel forwarding table, or null when the kernel refused its program (before Linux 5.18). */
    @Override
    public KernelForwarding kernelForwarding() {
        return bpf.forwarding;
    }

    /** Whether the program runs in the driver (native XDP). */
    boolean nativeMode() {
        return bpf.nativeMode;
    }

    /** Detaches the program and frees the socket, rings and UMEM. Idempotent. */
    private void release() {
        synchronized (lock) {
            if (released) {
                return;
            }
            kernelDropsAtRelease = statistics();
            released = true;
            // the link first: the program stops redirecting to a socket about to close; the kernel
            // forwarding table keeps its counts and closes its map under its own lock
            bpf.close();
            LibC.closeQuietly(fd);
            fd = -1;
            LibC.closeQuietly(promiscFd);
            promiscFd = -1;
            fill.unmap();
            rx.unmap();
            tx.unmap();
            completion.unmap();
            LibC.munmap(umemAddress, umemLength);
        }
    }

    boolean sendClosed() {
        return released;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (Thread.currentThread() == thread) {
            return; // the receive loop releases everything when it returns
        }
        try {
            thread.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("receive thread {} did not stop within {} ms; its socket and program go when it does",
                    thread.getName(), STOP_MILLIS);
        }
        LOG.debug("'{}' closed: {} dropped", interfaceName, kernelDrops());
    }

    /** A port's receive thread, with the ports its sends of the current batch went to. */
    static final class XdpThread extends PinnedThread {
        final Pending batch = new Pending();

        XdpThread(Runnable run, String name, CpuSet cpus) {
            super(run, name, cpus, LibC::pin);
        }
    }

    /**
     * The ports a receive thread sent to while it works through a batch: each gets one send call
     * when the batch is done. Owned by that thread alone.
     */
    static final class Pending {
        private static final int PORTS = 16;
        private final XdpPort[] ports = new XdpPort[PORTS];
        int count;
        boolean active;

        void add(XdpPort port) {
            for (int i = 0; i < count; i++) {
                if (ports[i] == port) {
                    return;
                }
            }
            if (count == PORTS) {
                flush();
            }
            ports[count++] = port;
        }

        void flush() {
            for (int i = 0; i < count; i++) {
                ports[i].kick();
                ports[i] = null;
            }
            count = 0;
        }
    }
}
