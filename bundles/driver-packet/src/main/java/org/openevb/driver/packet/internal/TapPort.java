package org.openevb.driver.packet.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.DriverOptions;
import org.openevb.api.driver.LinuxDrivers;
import org.openevb.api.driver.LinuxHandle;
import org.openevb.api.driver.PinnedThread;
import org.openevb.codec.Frame;
import org.openevb.linux.LibC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open tap: a receive thread reads one frame per read(2) and hands it to the port; sends are
 * one write(2) each, from any thread (each sending thread has its own native buffer).
 */
final class TapPort implements LinuxHandle {

    private static final Logger LOG = LoggerFactory.getLogger(TapPort.class);
    private static final int MAX_FRAME = 65536;
    private static final int POLL_MILLIS = 100;
    private static final long STOP_MILLIS = 2000;

    private final String interfaceName;
    private final LinuxDrivers.Found found;
    private final int fd;
    private final DriverListener listener;
    private final PinnedThread thread;
    private final Memory rx = new Memory(MAX_FRAME);
    private final Memory pollFd = new Memory(8);
    private final ThreadLocal<Memory> tx = ThreadLocal.withInitial(() -> new Memory(MAX_FRAME));
    private volatile boolean closing;
    /** Sends hold it shared, closing the descriptor exclusively: no write reaches a closed (reused) descriptor. */
    private final ReentrantReadWriteLock fdLock = new ReentrantReadWriteLock();
    private boolean closed; // guarded by fdLock

    TapPort(String interfaceName, LinuxDrivers.Found found, int fd, DriverOptions options, DriverListener listener) {
        this.interfaceName = interfaceName;
        this.found = found;
        this.fd = fd;
        this.listener = listener;
        this.thread = new PinnedThread(this::receiveLoop, options.threadName(), options.rxCpus(), LibC::pin);
    }

    void start() throws DriverException {
        try {
            thread.startPinned();
        } catch (DriverException e) {
            closing = true;
            closeFd();
            throw e;
        }
    }

    private void receiveLoop() {
        String why = null;
        try {
            pollFd.setInt(0, fd);
            while (!closing) {
                pollFd.setShort(4, LibC.POLLIN);
                pollFd.setShort(6, (short) 0);
                int ready = LibC.poll(pollFd, 1, POLL_MILLIS);
                if (ready < 0) {
                    int errno = Native.getLastError();
                    if (errno == LibC.EINTR) {
                        continue;
                    }
                    why = "poll failed: " + LibC.error(errno);
                    break;
                }
                if (ready == 0) {
                    continue;
                }
                long n = LibC.read(fd, rx, MAX_FRAME);
                if (n < 0) {
                    int errno = Native.getLastError();
                    if (errno == LibC.EINTR || errno == LibC.EAGAIN) {
                        continue;
                    }
                    why = "read failed: " + LibC.error(errno);
                    break;
                }
                Frame f = listener.rxFrame();
                f.clear();
                int length = (int) Math.min(n, f.capacity());
                rx.read(0, f.buffer(), f.offset(), length);
                f.setLength(length);
                try {
                    listener.received(f);
                } catch (RuntimeException e) {
                    LOG.debug("receive listener failed on {}", interfaceName, e);
                }
            }
        } catch (Throwable e) {
            why = "receive failed: " + e;
        } finally {
            closeFd();
        }
        if (!closing && why != null) {
            try {
                listener.stopped(why);
            } catch (RuntimeException e) {
                LOG.debug("stop listener failed on {}", interfaceName, e);
            }
        }
    }

    @Override
    public void send(Frame frame) throws DriverException {
        int length = frame.length();
        if (length > MAX_FRAME) {
            throw new DriverException("frame of " + length + " bytes is longer than a tap takes");
        }
        Memory m = tx.get();
        m.write(0, frame.buffer(), frame.offset(), length);
        long n;
        fdLock.readLock().lock();
        try {
            if (closed) {
                throw new DriverException("tap '" + interfaceName + "' is closed");
            }
            n = LibC.write(fd, m, length);
        } finally {
            fdLock.readLock().unlock();
        }
        if (n != length) {
            throw new DriverException("write to tap '" + interfaceName + "' failed: "
                    + (n < 0 ? LibC.error(Native.getLastError()) : "short write " + n));
        }
    }

    @Override
    public LinuxDrivers.Found found() {
        return found;
    }

    /** A tap's carrier is this port holding it open: nothing the kernel could tell the port. */
    @Override
    public boolean hasCarrier() {
        return true;
    }

    /** Closing removes the tap: then its going is the port's own doing. The receive loop reports its own end. */
    @Override
    public String health() {
        return closing ? null : found.gone();
    }

    @Override
    public long kernelDrops() {
        return 0;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(STOP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closing the descriptor removes the tap (it is not persistent). */
    private void closeFd() {
        fdLock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                LibC.close(fd);
            }
        } finally {
            fdLock.writeLock().unlock();
        }
    }
}
