package org.openevb.driver.pcap.internal;

import org.openevb.api.driver.CpuSet;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.LinuxDrivers;
import org.openevb.api.driver.LinuxHandle;
import org.openevb.api.driver.PinnedThread;
import org.openevb.codec.Frame;
import org.openevb.linux.LibC;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open interface: a receive thread running {@code pcap_loop} with a raw-bytes listener, and
 * sends through {@code pcap_sendpacket}.
 *
 * <p>Stopping follows the only order that cannot deadlock: {@code breakLoop()}, join the receive
 * thread (bounded), then {@code close()} — closing while the thread is inside native capture code
 * waits forever on a lock the capture holds.
 */
final class PcapPort implements LinuxHandle {

    private static final Logger LOG = LoggerFactory.getLogger(PcapPort.class);
    static final long STOP_MILLIS = 2000;
    private static final int MAX_SEND = 65536;

    private final String interfaceName;
    private final LinuxDrivers.Found found;
    private final PcapHandle handle;
    private final DriverListener listener;
    private final PinnedThread thread;
    /**
     * Per sending thread, send buffers of 64, 128, ... {@value #MAX_SEND} bytes, each made on first
     * use. pcap_sendpacket has no offset argument, and JNA copies a whole array to native memory
     * and back for each call whatever length is sent: a frame goes out of the smallest buffer that
     * holds it, so a call copies at most twice the frame, not 64 KiB.
     */
    private final ThreadLocal<byte[][]> sendBuffers = ThreadLocal.withInitial(() -> new byte[SIZES][]);
    private static final int SMALLEST = 64;
    private static final int SIZES = Integer.numberOfTrailingZeros(MAX_SEND / SMALLEST) + 1;
    private volatile boolean closing;
    private volatile boolean closed;
    private volatile long kernelDrops;

    PcapPort(String interfaceName, LinuxDrivers.Found found, PcapHandle handle, DriverListener listener,
            String threadName, CpuSet rxCpus) {
        this.interfaceName = interfaceName;
        this.found = found;
        this.handle = handle;
        this.listener = listener;
        this.thread = new PinnedThread(this::receiveLoop, threadName, rxCpus, LibC::pin);
    }

    /** Starts capturing; throws when the receive thread cannot run on its CPUs (it then never captures). */
    void start() throws DriverException {
        thread.startPinned();
    }

    @Override
    public LinuxDrivers.Found found() {
        return found;
    }

    private void receiveLoop() {
        RawPacketListener deliver = packet -> {
            try {
                listener.received(packet, 0, packet.length);
            } catch (Throwable e) {
                // the port counts its own failures; nothing may unwind through native code
                LOG.debug("receive listener failed on {}", interfaceName, e);
            }
        };
        String why = null;
        try {
            handle.loop(-1, deliver);
            why = "capture ended";
        } catch (InterruptedException e) {
            // breakLoop(): a normal stop when closing
            if (!closing) {
                why = "capture interrupted";
            }
        } catch (PcapNativeException e) {
            why = "capture failed: " + e.getMessage();
        } catch (NotOpenException e) {
            why = "capture handle closed";
        } catch (RuntimeException e) {
            why = "capture failed: " + e;
        }
        if (closing) {
            if (Thread.currentThread() == thread && !closed) {
                // close() was called from a listener on this thread: finish it now the loop is over
                closed = true;
                PcapDriver.closeQuietly(handle);
            }
            return;
        }
        String gone = health();
        listener.stopped(gone != null ? gone : why);
    }

    @Override
    public void send(Frame frame) throws DriverException {
        byte[] bytes = frame.buffer();
        int offset = frame.offset();
        int length = frame.length();
        if (closed) {
            throw new DriverException("interface '" + interfaceName + "' is closed");
        }
        byte[] data = bytes;
        if (offset != 0 || bytes.length > 2 * Math.max(length, SMALLEST)) {
            if (length > MAX_SEND) {
                throw new DriverException("frame of " + length + " bytes is longer than " + MAX_SEND);
            }
            data = sendBuffer(length);
            System.arraycopy(bytes, offset, data, 0, length);
        }
        try {
            handle.sendPacket(data, length);
        } catch (PcapNativeException e) {
            throw new DriverException(e.getMessage(), e);
        } catch (NotOpenException e) {
            throw new DriverException("interface '" + interfaceName + "' is closed", e);
        }
    }

    /** This thread's smallest send buffer of at least {@code length} bytes (at most {@value #MAX_SEND}). */
    private byte[] sendBuffer(int length) {
        int slot = sizeSlot(length);
        byte[][] buffers = sendBuffers.get();
        byte[] b = buffers[slot];
        if (b == null) {
            b = new byte[slotSize(slot)];
            buffers[slot] = b;
        }
        return b;
    }

    /** The slot of the smallest buffer of 64 x 2^slot bytes that holds {@code length} (1..{@value #MAX_SEND}) bytes. */
    static int sizeSlot(int length) {
        return length <= SMALLEST ? 0 : 32 - Integer.numberOfLeadingZeros((length - 1) / SMALLEST);
    }

    /** The size of the buffer in {@code slot}. */
    static int slotSize(int slot) {
        return SMALLEST << slot;
    }

    @Override
    public String receiverEnded() {
        return thread.isAlive() || closing ? null : "capture thread ended";
    }

    @Override
    public long kernelDrops() {
        if (!closed) {
            try {
                PcapStat stat = handle.getStats();
                kernelDrops = stat.getNumPacketsDropped() + stat.getNumPacketsDroppedByIf();
            } catch (PcapNativeException | NotOpenException | RuntimeException e) {
                // keep the last value
            }
        }
        return kernelDrops;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        PcapDriver.breakQuietly(handle);
        if (Thread.currentThread() == thread) {
            return; // the receive loop closes the handle when it returns
        }
        try {
            thread.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // closing now could deadlock on the lock the capture holds: leave the handle to the GC
            LOG.warn("receive thread {} did not stop within {} ms; handle left open", thread.getName(), STOP_MILLIS);
            return;
        }
        kernelDrops();
        closed = true;
        PcapDriver.closeQuietly(handle);
    }
}
