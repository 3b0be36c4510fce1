package org.openevb.driver.packet.internal;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.openevb.linux.LibC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's announcements of link changes (RTM_NEWLINK and RTM_DELLINK on a NETLINK_ROUTE
 * socket in the RTNLGRP_LINK group), handed to the ports that watch an interface, so that a port
 * sees its carrier go within milliseconds instead of at its once-a-second check (a packet socket
 * hears of an administrative down only). One socket and one daemon thread for all the ports of
 * the process, while any port watches; without them (the socket refused) ports keep their check.
 */
final class LinkEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LinkEvents.class);
    private static final LinkEvents SHARED = new LinkEvents();

    static final int AF_NETLINK = 16;
    static final int NETLINK_ROUTE = 0;
    /** RTMGRP_LINK: the multicast group of link messages. */
    static final int RTMGRP_LINK = 1;
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    /** struct nlmsghdr: length, type, flags, sequence, port ID. */
    static final int NLMSG_HEADER = 16;
    /** struct ifinfomsg: family, pad, type, index, flags, change; the index at offset 4. */
    static final int IFINFO_LENGTH = 16;
    private static final int ENOBUFS = 105;
    private static final int POLL_MILLIS = 500;
    private static final int BUFFER = 32 * 1024;

    /** Callbacks per interface index; guarded by this. */
    private final Map<Integer, List<Runnable>> watchers = new HashMap<>();
    private Thread thread;

    private LinkEvents() {
    }

    static LinkEvents shared() {
        return SHARED;
    }

    /**
     * Calls {@code changed} (on this class's thread, which it must not hold up) whenever the kernel
     * announces a change of interface {@code ifindex}, until the returned handle is closed.
     */
    synchronized AutoCloseable watch(int ifindex, Runnable changed) {
        watchers.computeIfAbsent(ifindex, i -> new ArrayList<>()).add(changed);
        if (thread == null) {
            int fd = open();
            if (fd >= 0) {
                Thread t = new Thread(() -> listen(fd), "evb-link-events");
                t.setDaemon(true);
                thread = t;
                t.start();
            }
        }
        return () -> unwatch(ifindex, changed);
    }

    private synchronized void unwatch(int ifindex, Runnable changed) {
        List<Runnable> list = watchers.get(ifindex);
        if (list != null && list.remove(changed) && list.isEmpty()) {
            watchers.remove(ifindex);
        }
    }

    /** A socket subscribed to link messages, or -1 (logged) when the kernel refused. */
    private static int open() {
        int fd = LibC.socket(AF_NETLINK, LibC.SOCK_RAW, NETLINK_ROUTE);
        if (fd < 0) {
            LOG.warn("no link announcements from the kernel (ports see their carrier once a second): netlink socket: {}",
                    LibC.error(Native.getLastError()));
            return -1;
        }
        Memory address = new Memory(12); // struct sockaddr_nl: family, pad, port ID 0 (the kernel picks), groups
        address.clear();
        address.setShort(0, (short) AF_NETLINK);
        address.setInt(8, RTMGRP_LINK);
        if (LibC.bind(fd, address, 12) != 0) {
            LOG.warn("no link announcements from the kernel (ports see their carrier once a second): bind: {}",
                    LibC.error(Native.getLastError()));
            LibC.close(fd);
            return -1;
        }
        return fd;
    }

    /** The thread: waits for messages, and ends (closing the socket) once no port watches. */
    private void listen(int fd) {
        Memory pollFd = new Memory(8); // struct pollfd
        Memory buffer = new Memory(BUFFER);
        try {
            while (true) {
                synchronized (this) {
                    if (watchers.isEmpty()) {
                        thread = null;
                        return;
                    }
                }
                pollFd.setInt(0, fd);
                pollFd.setShort(4, LibC.POLLIN);
                pollFd.setShort(6, (short) 0);
                if (LibC.poll(pollFd, 1, POLL_MILLIS) <= 0) {
                    continue; // timeout (or EINTR): look again whether anyone still watches
                }
                long n = LibC.read(fd, buffer, BUFFER);
                if (n < 0) {
                    int errno = Native.getLastError();
                    if (errno == ENOBUFS) {
                        announce(-1); // announcements were lost: every port looks
                    } else if (errno != LibC.EINTR && errno != LibC.EAGAIN) {
                        LOG.warn("link announcements stopped (ports see their carrier once a second): {}", LibC.error(errno));
                        synchronized (this) {
                            thread = null;
                        }
                        return;
                    }
                    continue;
                }
                links(buffer.getByteBuffer(0, n).order(ByteOrder.nativeOrder()), (int) n, this::announce);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("link announcements failed (ports see their carrier once a second)", e);
            synchronized (this) {
                thread = null;
            }
        } finally {
            LibC.close(fd);
        }
    }

    /** Runs the callbacks of interface {@code ifindex}, or of all when -1; one that throws does not stop the others. */
    private void announce(int ifindex) {
        List<Runnable> callbacks = new ArrayList<>();
        synchronized (this) {
            if (ifindex < 0) {
                watchers.values().forEach(callbacks::addAll);
            } else if (watchers.containsKey(ifindex)) {
                callbacks.addAll(watchers.get(ifindex));
            }
        }
        for (Runnable r : callbacks) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("a port's link callback failed", e);
            }
        }
    }

    /**
     * Calls {@code changed} with the interface index of each RTM_NEWLINK and RTM_DELLINK message in
     * the first {@code length} bytes of {@code b} (netlink messages, in the byte order of
     * {@code b}); stops at the first message that does not fit.
     */
    static void links(ByteBuffer b, int length, IntConsumer changed) {
        int pos = 0;
        int end = Math.min(length, b.limit());
        while (end - pos >= NLMSG_HEADER) {
            int size = b.getInt(pos);
            if (size < NLMSG_HEADER || size > end - pos) {
                return;
            }
            int type = b.getShort(pos + 4) & 0xFFFF;
            if ((type == RTM_NEWLINK || type == RTM_DELLINK) && size >= NLMSG_HEADER + IFINFO_LENGTH) {
                changed.accept(b.getInt(pos + NLMSG_HEADER + 4));
            }
            pos += (size + 3) & ~3; // NLMSG_ALIGN
        }
    }
}
