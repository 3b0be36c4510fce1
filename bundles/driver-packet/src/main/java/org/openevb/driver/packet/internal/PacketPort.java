package org.openevb.driver.packet.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.openevb.api.driver.CpuSet;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.PinnedThread;
import org.openevb.api.driver.LinuxDrivers;
import org.openevb.api.driver.LinuxHandle;
import org.openevb.codec.Frame;
import org.openevb.linux.LibC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open interface: a receive thread walking the mapped receive ring of a packet socket (a
 * virtio_net_hdr before every frame, the VLAN tag the kernel stripped in the slot's header;
 * frames too long for a slot read with recvmsg, the kernel's auxiliary data beside them), and a
 * second, receive-less packet socket for sends.
 *
 * <p>The receive thread owns its socket and its native buffers: it alone reads, and it closes the
 * socket when it ends. It wakes at least every {@value #POLL_MILLIS} ms to see whether it should
 * stop, so {@link #close()} returns well within its two seconds.
 */
final class PacketPort implements LinuxHandle {

    private static final Logger LOG = LoggerFactory.getLogger(PacketPort.class);

    static final long STOP_MILLIS = 2000;
    static final int POLL_MILLIS = 100;
    /** An ENETDOWN read this long after this handle brought the link up again is still its own doing. */
    static final long LINK_SETTLE_NANOS = 1_000_000_000L;
    /** struct virtio_net_hdr: flags, gso_type, hdr_len, gso_size, csum_start, csum_offset. */
    static final int VNET_HDR_LEN = 10;
    /** The longest frame read: a 64 KiB GSO super-frame with its Ethernet header and tags. */
    static final int MAX_FRAME = 65536 + 64;
    static final int MAX_SEND = 65536;
    // struct msghdr on LP64: name 0, namelen 8, iov 16, iovlen 24, control 32, controllen 40, flags 48
    private static final int MSGHDR_LEN = 56;
    private static final int SOCKADDR_LL_LEN = 20;
    /** CMSG_SPACE(sizeof(struct tpacket_auxdata)) is 40; room for one more, unexpected, message. */
    private static final int CONTROL_LEN = 128;

    private static final int AGAIN = 0;
    private static final int NEXT = 1;
    private static final int STOP = 2;

    private final String interfaceName;
    private final LinuxDrivers.Found found;
    private final DriverListener listener;
    private final Thread thread;
    private final Offloads offloads;

    /** Guards {@link #recvFd} against the receive thread closing it while statistics are read. */
    private final Object recvLock = new Object();
    private int recvFd;
    private long kernelDrops;
    private final Memory stats = new Memory(8);
    private final Memory statsLength = new Memory(4);

    private final Object sendLock = new Object();
    private volatile int sendFd;
    /** Sends queued in batches that failed: counted in {@link #kernelDrops()}. */
    private final AtomicLong sendLost = new AtomicLong();
    private final Memory sendBuffer = new Memory(MAX_SEND);

    private volatile boolean closing;
    /** The link taken down by {@link #setLinkUp(boolean)}: the socket's ENETDOWN is not the interface lost. */
    private volatile boolean heldDown;
    /** When {@link #setLinkUp(boolean)} last brought the link up (System.nanoTime). */
    private volatile long upAgainNanos = System.nanoTime() - LINK_SETTLE_NANOS;

    // receive thread only
    private final RxRing ring;
    private final Memory pollFd = new Memory(8);
    private final Memory message = new Memory(MSGHDR_LEN);
    private final Memory iov = new Memory(16);
    private final Memory address = new Memory(SOCKADDR_LL_LEN);
    private final Memory control = new Memory(CONTROL_LEN);
    private final Memory data = new Memory(VNET_HDR_LEN + MAX_FRAME);
    /** GSO super-frames, and frames read with recvmsg, before they go to the port's buffer. */
    private final byte[] frame = new byte[MAX_FRAME + 4];
    private final boolean ignoringOutgoing;
    private String stopReason;
    private final AtomicLong lost = new AtomicLong();
    /** The kernel's link announcements for this interface, while the port is open; null when not watched. */
    private volatile AutoCloseable linkWatch;

    PacketPort(String interfaceName, LinuxDrivers.Found found, int recvFd, RxRing ring, int sendFd,
            boolean ignoringOutgoing,
            int snaplen, DriverListener listener, String threadName, CpuSet rxCpus) {
        this.interfaceName = interfaceName;
        this.found = found;
        this.recvFd = recvFd;
        this.ring = ring;
        this.sendFd = sendFd;
        this.ignoringOutgoing = ignoringOutgoing;
        this.listener = listener;
        this.offloads = new Offloads(listener, snaplen, MAX_FRAME);
        this.thread = new ReceiveThread(this::receiveLoop, threadName, rxCpus);
        iov.setPointer(0, data);
        iov.setLong(8, data.size());
        message.clear();
        message.setPointer(0, address);
        message.setPointer(16, iov);
        message.setLong(24, 1);
        message.setPointer(32, control);
    }

    @Override
    public LinuxDrivers.Found found() {
        return found;
    }

    /** Starts receiving; when the receive thread cannot run on its CPUs, closes the sockets and says why. */
    void start() throws DriverException {
        try {
            ((ReceiveThread) thread).startPinned();
        } catch (DriverException e) {
            closing = true; // the receive loop never ran
            closeReceiveSocket();
            closeSendSocket();
            throw e;
        }
    }

    private void receiveLoop() {
        String why = null;
        try {
            why = receive();
        } catch (Throwable e) {
            why = "receive failed: " + e;
            LOG.warn("receive thread {} failed", thread.getName(), e);
        } finally {
            closeReceiveSocket();
            if (closing) {
                closeSendSocket(); // close() may have given up waiting for this thread
            }
        }
        if (closing || why == null) {
            return;
        }
        String gone = health();
        try {
            listener.stopped(gone != null ? gone : why);
        } catch (RuntimeException e) {
            LOG.debug("stop listener failed on {}", interfaceName, e);
        }
    }

    /**
     * Walks the ring slot by slot until closing (null) or the socket fails (the reason); polls
     * only when the next slot is still the kernel's.
     */
    private String receive() {
        SendBatch batch = ((ReceiveThread) thread).batch;
        batch.active = true;
        try {
            return receive(batch);
        } finally {
            batch.active = false;
            batch.flush();
        }
    }

    private String receive(SendBatch batch) {
        int fd = recvFd;
        ByteBuffer r = ring.buffer;
        int slot = 0;
        int unflushed = 0;
        while (!closing) {
            int h = slot * RxRing.SLOT_SIZE;
            int status = r.getInt(h + RxRing.STATUS);
            if ((status & Sys.TP_STATUS_USER) == 0) {
                if (unflushed != 0) {
                    // what this thread forwarded goes out before it waits: the end of a burst
                    batch.flush();
                    unflushed = 0;
                    continue;
                }
                String failed = await(fd);
                if (failed != null) {
                    return failed;
                }
                continue;
            }
            VarHandle.acquireFence(); // the frame is read after its status
            int result = (status & Sys.TP_STATUS_COPY) != 0 ? receiveCopy(fd, r, h) : frame(r, h, status);
            VarHandle.releaseFence(); // done reading before the kernel may write the slot again
            r.putInt(h + RxRing.STATUS, Sys.TP_STATUS_KERNEL);
            if (result == STOP) {
                return stopReason;
            }
            slot = slot + 1 == ring.slots ? 0 : slot + 1;
            if (++unflushed == SendBatch.FRAMES) {
                batch.flush(); // no queued frame waits for more than this many received ones
                unflushed = 0;
            }
        }
        return null;
    }

    /** Waits up to {@value #POLL_MILLIS} ms for a frame; the reason the socket failed, or null. */
    private String await(int fd) {
        pollFd.setInt(0, fd);
        pollFd.setShort(4, LibC.POLLIN);
        pollFd.setShort(6, (short) 0);
        int ready = LibC.poll(pollFd, 1, POLL_MILLIS);
        if (ready < 0) {
            int errno = Native.getLastError();
            return errno == LibC.EINTR ? null : "poll failed on '" + interfaceName + "': " + LibC.error(errno);
        }
        if (ready == 0 || (pollFd.getShort(6) & LibC.POLLERR) == 0) {
            return null;
        }
        // the interface went down or away (the kernel sets ENETDOWN on the socket): recvmsg says so
        int r = receiveOne(fd);
        return r == STOP ? stopReason : null;
    }

    /** One frame in its ring slot, its struct tpacket2_hdr at {@code h}. */
    private int frame(ByteBuffer r, int h, int status) {
        int mac = h + (r.getShort(h + RxRing.MAC) & 0xFFFF);
        if (!ignoringOutgoing && (r.get(h + RxRing.SLL_OFFSET + 10) & 0xFF) == Sys.PACKET_OUTGOING) {
            return NEXT; // one of our own sends, looped back to the capture
        }
        int captured = r.getInt(h + RxRing.SNAPLEN);
        int v = mac - VNET_HDR_LEN;
        int flags = r.get(v) & 0xFF;
        int gsoType = r.get(v + 1) & 0xFF;
        int gsoSize = r.getShort(v + 4) & 0xFFFF;
        int csumStart = r.getShort(v + 6) & 0xFFFF;
        int csumOffset = r.getShort(v + 8) & 0xFFFF;
        if (captured < r.getInt(h + RxRing.LEN) && gsoType != Segmenter.GSO_NONE) {
            lost.incrementAndGet(); // cut by the slot and not copied whole (socket buffer full)
            return NEXT;
        }
        int tag = -1;
        if ((status & Sys.TP_STATUS_VLAN_VALID) != 0 && captured >= 12) {
            // the kernel took the outermost 802.1Q/802.1ad tag out of the data: it goes back in
            int tci = r.getShort(h + RxRing.VLAN_TCI) & 0xFFFF;
            int tpid = (status & Sys.TP_STATUS_VLAN_TPID_VALID) != 0 ? r.getShort(h + RxRing.VLAN_TPID) & 0xFFFF : 0x8100;
            tag = (tpid << 16) | tci;
            if (csumStart >= 12) {
                csumStart += 4;
            }
        }
        int length = tag == -1 ? captured : captured + 4;
        if (gsoType != Segmenter.GSO_NONE) {
            // a super-frame is cut into segments from a copy of its own
            copyOut(r, mac, captured, tag, frame, 0, frame.length);
            offloads.frame(frame, length, flags, gsoType, gsoSize, csumStart, csumOffset);
            return NEXT;
        }
        // the one copy of a frame: from the ring into the port's buffer
        Frame f = listener.rxFrame();
        f.clear();
        int written = copyOut(r, mac, captured, tag, f.buffer(), f.offset(), f.capacity());
        f.setLength(written);
        offloads.filled(f, written == length, flags, csumStart, csumOffset);
        return NEXT;
    }

    /**
     * Copies a frame of {@code captured} bytes at {@code mac} in the ring to {@code dst} at {@code
     * at}, with the VLAN tag the kernel took out put back after the MAC addresses ({@code tag}:
     * TPID in the upper 16 bits, TCI in the lower; -1 for none), at most {@code room} bytes.
     *
     * @return the bytes written: the frame's length, or {@code room} when it was cut
     */
    static int copyOut(ByteBuffer r, int mac, int captured, int tag, byte[] dst, int at, int room) {
        if (tag == -1) {
            int n = Math.min(captured, room);
            r.get(mac, dst, at, n);
            return n;
        }
        int n = Math.min(captured + 4, room);
        r.get(mac, dst, at, Math.min(12, n));
        for (int i = 0; i < 4 && 12 + i < n; i++) {
            dst[at + 12 + i] = (byte) (tag >>> (24 - 8 * i));
        }
        if (n > 16) {
            r.get(mac + 12, dst, at + 16, n - 16);
        }
        return n;
    }

    /**
     * A frame longer than its slot: the kernel queued it whole on the socket too, read it from
     * there. Its slot (at {@code h}) holds the beginning, to tell our own sends apart.
     */
    private int receiveCopy(int fd, ByteBuffer r, int h) {
        int result = receiveOne(fd);
        if (result == AGAIN) {
            lost.incrementAndGet(); // should not happen: the copy is queued before the slot is handed over
            return NEXT;
        }
        return result;
    }

    private int receiveOne(int fd) {
        message.setInt(8, SOCKADDR_LL_LEN);
        message.setLong(40, CONTROL_LEN);
        message.setInt(48, 0);
        long n = LibC.recvmsg(fd, message, LibC.MSG_DONTWAIT);
        if (n < 0) {
            int errno = Native.getLastError();
            switch (errno) {
                case LibC.EAGAIN:
                    return AGAIN;
                case LibC.EINTR:
                    return NEXT;
                case LibC.EINVAL:
                    // the kernel could not describe the frame's offload state in a virtio_net_hdr
                    // (a GSO type it has no virtio value for) and dropped it
                    lost.incrementAndGet();
                    return NEXT;
                case LibC.ENETDOWN:
                    if (ownLinkDown()) {
                        // our own link flap: the kernel keeps the socket bound and delivers again once it is up
                        return NEXT;
                    }
                    stopReason = "interface '" + interfaceName + "' went down: " + LibC.error(errno);
                    return STOP;
                case LibC.ENODEV:
                case LibC.ENXIO:
                    stopReason = "interface '" + interfaceName + "' went down: " + LibC.error(errno);
                    return STOP;
                default:
                    stopReason = "receive failed on '" + interfaceName + "': " + LibC.error(errno);
                    return STOP;
            }
        }
        if (!ignoringOutgoing && (address.getByte(10) & 0xFF) == Sys.PACKET_OUTGOING) {
            return NEXT; // one of our own sends, looped back to the capture
        }
        boolean truncated = (message.getInt(48) & LibC.MSG_TRUNC) != 0 || n > data.size();
        int copied = (int) Math.min(n, data.size());
        if (copied < VNET_HDR_LEN) {
            lost.incrementAndGet();
            return NEXT;
        }
        int flags = data.getByte(0) & 0xFF;
        int gsoType = data.getByte(1) & 0xFF;
        int gsoSize = data.getShort(4) & 0xFFFF;
        int csumStart = data.getShort(6) & 0xFFFF;
        int csumOffset = data.getShort(8) & 0xFFFF;
        int length = copied - VNET_HDR_LEN;
        if (truncated && gsoType != Segmenter.GSO_NONE) {
            lost.incrementAndGet(); // cannot cut what did not fit
            return NEXT;
        }
        int vlan = vlanTag();
        if (vlan != -1 && length >= 12) {
            // the kernel took the outermost 802.1Q/802.1ad tag out of the data: put it back
            data.read(VNET_HDR_LEN, frame, 0, 12);
            frame[12] = (byte) (vlan >>> 24);
            frame[13] = (byte) (vlan >>> 16);
            frame[14] = (byte) (vlan >>> 8);
            frame[15] = (byte) vlan;
            data.read(VNET_HDR_LEN + 12, frame, 16, length - 12);
            length += 4;
            if (csumStart >= 12) {
                csumStart += 4;
            }
        } else {
            data.read(VNET_HDR_LEN, frame, 0, length);
        }
        offloads.frame(frame, length, flags, gsoType, gsoSize, csumStart, csumOffset);
        return NEXT;
    }

    /**
     * The VLAN tag the kernel stripped, as TPID and TCI in one int, from the PACKET_AUXDATA
     * control message; -1 when there is none.
     */
    private int vlanTag() {
        long controlLength = message.getLong(40);
        int at = 0;
        while (at + 16 <= controlLength) {
            long length = control.getLong(at);
            if (length < 16 || at + length > controlLength) {
                return -1;
            }
            int level = control.getInt(at + 8);
            int type = control.getInt(at + 12);
            if (level == Sys.SOL_PACKET && type == Sys.PACKET_AUXDATA && length >= 16 + 20) {
                // struct tpacket_auxdata: status 0, len 4, snaplen 8, mac 12, net 14, vlan_tci 16, vlan_tpid 18
                int status = control.getInt(at + 16);
                if ((status & Sys.TP_STATUS_VLAN_VALID) == 0) {
                    return -1;
                }
                int tci = control.getShort(at + 16 + 16) & 0xFFFF;
                int tpid = (status & Sys.TP_STATUS_VLAN_TPID_VALID) != 0 ? control.getShort(at + 16 + 18) & 0xFFFF : 0x8100;
                return (tpid << 16) | tci;
            }
            at += (int) ((length + 7) & ~7L);
        }
        return -1;
    }

    @Override
    public void send(Frame frame) throws DriverException {
        send(frame.buffer(), frame.offset(), frame.length());
    }

    private void send(byte[] bytes, int offset, int length) throws DriverException {
        if (length < 0 || length > MAX_SEND) {
            throw new DriverException("frame of " + length + " bytes is longer than " + MAX_SEND);
        }
        if (Thread.currentThread() instanceof ReceiveThread t && t.batch.active) {
            if (sendFd < 0) {
                throw new DriverException("interface '" + interfaceName + "' is closed");
            }
            t.batch.add(this, bytes, offset, length);
            return;
        }
        synchronized (sendLock) {
            if (sendFd < 0) {
                throw new DriverException("interface '" + interfaceName + "' is closed");
            }
            sendBuffer.write(0, bytes, offset, length);
            long n = LibC.send(sendFd, sendBuffer, length, 0);
            if (n < 0) {
                throw new DriverException("cannot send on '" + interfaceName + "': " + LibC.error(Native.getLastError()));
            }
        }
    }

    /**
     * Sends frames a receive thread queued for this port ({@link SendBatch}): {@code count} struct
     * mmsghdr at {@code messages}. A frame the kernel refuses is skipped and counted, the rest go.
     */
    void sendQueued(long messages, int count) {
        synchronized (sendLock) {
            int sent = 0;
            while (sent < count) {
                if (sendFd < 0) {
                    sendLost.addAndGet(count - sent);
                    return;
                }
                int n = LibC.sendmmsg(sendFd, messages + (long) sent * SendBatch.MMSGHDR_LEN, count - sent, 0);
                if (n > 0) {
                    sent += n;
                } else if (n < 0 && Native.getLastError() == LibC.EINTR) {
                    continue;
                } else {
                    sendLost.incrementAndGet();
                    sent++;
                }
            }
        }
    }

    String interfaceName() {
        return interfaceName;
    }

    boolean sendClosed() {
        return sendFd < 0;
    }

    @Override
    public void setLinkUp(boolean up) throws DriverException {
        markLink(up);
        try {
            LinkFlags.setUp(interfaceName, up);
        } catch (DriverException e) {
            markLink(true); // not down by our doing
            throw e;
        }
        markLink(up);
    }

    /** Notes that this handle takes the link down or brings it up (before and after doing so). */
    void markLink(boolean up) {
        if (up) {
            upAgainNanos = System.nanoTime();
            heldDown = false;
        } else {
            heldDown = true;
        }
    }

    /** Whether the link is down, or was until just now, because this handle took it down. */
    private boolean ownLinkDown() {
        return heldDown || System.nanoTime() - upAgainNanos < LINK_SETTLE_NANOS;
    }

    @Override
    public String receiverEnded() {
        return thread.isAlive() || closing ? null : "receive thread ended";
    }

    /**
     * Frames the kernel dropped for this socket (its buffer was full), plus those this driver
     * could not deliver: offload state it could not act on, GSO frames too long to read whole,
     * frames sent in a batch ({@link SendBatch}) that the kernel refused.
     */
    @Override
    public long kernelDrops() {
        synchronized (recvLock) {
            readStatistics();
            return kernelDrops + lost.get() + sendLost.get() + offloads.malformed() + offloads.unsupported();
        }
    }

    /** PACKET_STATISTICS resets on every read: add what it says. Caller holds {@link #recvLock}. */
    private void readStatistics() {
        if (recvFd < 0) {
            return;
        }
        statsLength.setInt(0, 8);
        if (LibC.getsockopt(recvFd, Sys.SOL_PACKET, Sys.PACKET_STATISTICS, stats, statsLength) == 0) {
            kernelDrops += stats.getInt(4) & 0xFFFFFFFFL; // struct tpacket_stats { tp_packets, tp_drops }
        }
    }

    /** The fanout group of this lane's receive socket. */
    int fanoutGroup() throws DriverException {
        synchronized (recvLock) {
            if (recvFd < 0) {
                throw new DriverException("interface '" + interfaceName + "' is closed");
            }
            return PacketDriver.fanoutGroup(recvFd, interfaceName);
        }
    }

    /** Frames whose partial checksum was completed, and GSO frames cut into segments. */
    long completed() {
        return offloads.completed();
    }

    long segmented() {
        return offloads.segmented();
    }

    private void closeReceiveSocket() {
        synchronized (recvLock) {
            if (recvFd >= 0) {
                readStatistics();
                ring.unmap();
                LibC.close(recvFd);
                recvFd = -1;
            }
        }
    }

    private void closeSendSocket() {
        synchronized (sendLock) {
            if (sendFd >= 0) {
                LibC.close(sendFd);
                sendFd = -1;
            }
        }
    }

    /** Has the kernel's announcements of this interface's link changes told to the listener. */
    void watchLink() {
        linkWatch = LinkEvents.shared().watch(found.ifindex(), listener::linkChanged);
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        AutoCloseable watch = linkWatch;
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.debug("'{}': link watch", interfaceName, e);
            }
        }
        if (Thread.currentThread() == thread) {
            return; // the receive loop closes both sockets when it returns
        }
        try {
            thread.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSendSocket();
        if (thread.isAlive()) {
            LOG.warn("receive thread {} did not stop within {} ms; its socket closes when it does", thread.getName(),
                    STOP_MILLIS);
        }
        LOG.debug("'{}' closed: {} checksums completed, {} GSO frames segmented, {} dropped", interfaceName,
                offloads.completed(), offloads.segmented(), kernelDrops());
    }

    /** A port's receive thread, with the batch its sends are queued in while it receives. */
    static final class ReceiveThread extends PinnedThread {
        final SendBatch batch = new SendBatch();

        ReceiveThread(Runnable run, String name, CpuSet cpus) {
            super(run, name, cpus, LibC::pin);
        }
    }
}
