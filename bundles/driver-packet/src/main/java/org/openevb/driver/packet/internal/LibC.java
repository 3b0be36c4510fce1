package org.openevb.driver.packet.internal;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls of the packet driver, bound by JNA direct mapping (no reflection per call). Linux
 * on a 64-bit, LP64 ABI only: {@code long} stands for {@code ssize_t}, {@code size_t} and
 * {@code nfds_t}. After a call that failed, {@link Native#getLastError()} is its errno.
 */
final class LibC {

    static final int AF_PACKET = 17;
    static final int SOCK_RAW = 3;
    static final int ETH_P_ALL = 3;

    static final int SOL_SOCKET = 1;
    static final int SO_RCVBUF = 8;
    static final int SO_RCVBUFFORCE = 33;

    static final int SOL_PACKET = 263;
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_RX_RING = 5;
    static final int PACKET_STATISTICS = 6;
    static final int PACKET_COPY_THRESH = 7;
    static final int PACKET_AUXDATA = 8;
    static final int PACKET_VERSION = 10;
    static final int PACKET_VNET_HDR = 15;
    static final int PACKET_IGNORE_OUTGOING = 23;
    static final int PACKET_FANOUT = 18;
    /** Fanout by the frame's flow hash: a flow stays on one socket. */
    static final int PACKET_FANOUT_HASH = 0;
    /** Fanout flag: the kernel picks a group ID no other group in the namespace has. */
    static final int PACKET_FANOUT_FLAG_UNIQUEID = 0x2000;
    /** Fanout flag: IP fragments are reassembled before hashing, so they stay with their flow. */
    static final int PACKET_FANOUT_FLAG_DEFRAG = 0x8000;
    static final int PACKET_MR_PROMISC = 1;
    static final int PACKET_OUTGOING = 4;

    /** enum tpacket_versions: TPACKET_V1, TPACKET_V2, TPACKET_V3. */
    static final int TPACKET_V2 = 1;
    static final int TP_STATUS_KERNEL = 0;
    static final int TP_STATUS_USER = 1;
    /** The frame did not fit its ring slot and is queued whole on the socket, for recvmsg. */
    static final int TP_STATUS_COPY = 2;
    static final int TP_STATUS_VLAN_VALID = 0x10;
    static final int TP_STATUS_VLAN_TPID_VALID = 0x40;

    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;

    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;

    static final int PROT_READ = 0x1;
    static final int PROT_WRITE = 0x2;
    static final int MAP_SHARED = 0x1;
    static final long MAP_FAILED = -1;

    static final int EINTR = 4;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int ENETDOWN = 100;

    private static final Throwable UNAVAILABLE;

    static {
        Throwable failure = null;
        try {
            if (!Platform.isLinux()) {
                throw new UnsupportedOperationException("packet sockets are Linux only, this is " + System.getProperty("os.name"));
            }
            if (Native.POINTER_SIZE != 8 || Native.LONG_SIZE != 8) {
                throw new UnsupportedOperationException("the packet driver needs a 64-bit (LP64) platform");
            }
            Native.register(LibC.class, Platform.C_LIBRARY_NAME);
        } catch (Throwable e) {
            failure = e;
        }
        UNAVAILABLE = failure;
    }

    private LibC() {
    }

    /** Why libc cannot be used here, or null when it can. */
    static Throwable unavailable() {
        return UNAVAILABLE;
    }

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, Pointer address, int addressLength);

    static native int setsockopt(int fd, int level, int name, Pointer value, int length);

    static native int getsockopt(int fd, int level, int name, Pointer value, Pointer length);

    static native int poll(Pointer fds, long count, int timeoutMillis);

    static native long recvmsg(int fd, Pointer message, int flags);

    static native long send(int fd, Pointer buffer, long length, int flags);

    /** Sends {@code count} struct mmsghdr at {@code messages}; how many went, or -1 if the first failed. */
    static native int sendmmsg(int fd, long messages, int count, int flags);

    static native int close(int fd);

    static final int O_RDWR = 2;
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    /** ioctl requests of the tap driver: create a tap on /dev/net/tun, read and set interface flags. */
    static final long TUNSETIFF = 0x400454caL;
    static final long SIOCGIFFLAGS = 0x8913;
    static final long SIOCSIFFLAGS = 0x8914;
    static final short IFF_UP = 0x1;
    static final short IFF_TAP = 0x0002;
    static final short IFF_NO_PI = 0x1000;
    /** struct ifreq: the name (16 bytes), then a union whose first member here is the flags. */
    static final int IFREQ_SIZE = 40;

    static native int open(String path, int flags);

    static native long read(int fd, Pointer buffer, long length);

    static native long write(int fd, Pointer buffer, long length);

    /** ioctl(2) with a pointer argument (the only kind this driver passes). */
    static native int ioctl(int fd, long request, Pointer argument);

    /** pid 0: the calling thread. */
    static native int sched_setaffinity(int pid, long maskBytes, long[] mask);

    /** Moves the calling thread to {@code cpus}: null when it did, else the reason. */
    static String pin(org.openevb.api.driver.CpuSet cpus) {
        long[] mask = cpus.mask();
        return sched_setaffinity(0, mask.length * 8L, mask) == 0 ? null : error(Native.getLastError());
    }

    /** The address of the mapping, or {@link #MAP_FAILED}. */
    static native long mmap(long address, long length, int protection, int flags, int fd, long offset);

    static native int munmap(long address, long length);

    static native String strerror(int errno);

    /** The text of an errno, e.g. "Network is down (errno 100)". */
    static String error(int errno) {
        String text;
        try {
            text = strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            text = null;
        }
        return (text == null ? "error" : text) + " (errno " + errno + ")";
    }
}
