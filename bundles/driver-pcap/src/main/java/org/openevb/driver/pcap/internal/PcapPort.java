package org.openevb.driver.pcap.internal;

import org.openevb.api.driver.CpuSet;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverHandle;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.LinuxInterface;
import org.openevb.api.driver.PinnedThread;
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
final class PcapPort implements DriverHandle {

    private static final Logger LOG = LoggerFactory.getLogger(PcapPort.class);
    static final long STOP_MILLIS = 2000;
    private static final int MAX_SEND = 65536;

    private final String interfaceName;
    private final int ifindex;
    private final LinuxInterface sys;
    private final PcapHandle handle;
    private final DriverListener listener;
    private final PinnedThread thread;
    /** pcap_sendpacket has no offset argument: frames that do not start at index 0 are copied here. */
    private final ThreadLocal<byte[]> sendBuffer = ThreadLocal.withInitial(() -> new byte[MAX_SEND]);
    private volatile boolean closing;
    private volatile boolean closed;
    private volatile long kernelDrops;

    PcapPort(String interfaceName, int ifindex, LinuxInterface sys, PcapHandle handle, DriverListener listener,
            String threadName, CpuSet rxCpus) {
        this.interfaceName = interfaceName;
        this.ifindex = ifindex;
        this.sys = sys;
        this.handle = handle;
        this.listener = listener;
        this.thread = new PinnedThread(this::receiveLoop, threadName, rxCpus, Affinity::pin);
    }

    /** Starts capturing; throws when the receive thread cannot run on its CPUs (it then never captures). */
    void start() throws DriverException {
        thread.startPinned();
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
    public void send(byte[] bytes, int offset, int length) throws DriverException {
        if (closed) {
            throw new DriverException("interface '" + interfaceName + "' is closed");
        }
        byte[] data = bytes;
        if (offset != 0) {
            if (length > MAX_SEND) {
                throw new DriverException("frame of " + length + " bytes is longer than " + MAX_SEND);
            }
            data = sendBuffer.get();
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

    @Override
    public int mtu() {
        return sys.mtu();
    }

    @Override
    public long macAddress() {
        return sys.mac();
    }

    @Override
    public String health() {
        String gone = sys.gone(ifindex);
        if (gone != null) {
            return gone;
        }
        if (!thread.isAlive() && !closing) {
            return "capture thread ended";
        }
        return null;
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
