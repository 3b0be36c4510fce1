package org.openevb.linux;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.openevb.api.driver.CpuSet;

/**
 * The libc calls of the Linux drivers, bound by JNA direct mapping (no reflection per call). Linux
 * on a 64-bit, LP64 ABI only: {@code long} stands for {@code ssize_t}, {@code size_t},
 * {@code off_t} and {@code nfds_t}. After a call that failed, {@link Native#getLastError()} is its
 * errno. Call {@link #unavailable()} before the first call: on another platform nothing is bound.
 */
public final class LibC {

    public static final int AF_INET = 2;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;

    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVBUFFORCE = 33;

    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;

    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;

    public static final int O_RDWR = 2;

    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int MAP_SHARED = 0x1;
    public static final int MAP_PRIVATE = 0x2;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_POPULATE = 0x8000;
    public static final long MAP_FAILED = -1;

    public static final int EINTR = 4;
    public static final int ENXIO = 6;
    public static final int EAGAIN = 11;
    public static final int EBUSY = 16;
    public static final int ENODEV = 19;
    public static final int EINVAL = 22;
    public static final int EOPNOTSUPP = 95;
    public static final int ENETDOWN = 100;
    public static final int ENOBUFS = 105;

    private static final Throwable UNAVAILABLE;

    static {
        Throwable failure = null;
        try {
            if (!Platform.isLinux()) {
                throw new UnsupportedOperationException("the Linux drivers are Linux only, this is " + System.getProperty("os.name"));
            }
            if (Native.POINTER_SIZE != 8 || Native.LONG_SIZE != 8) {
                throw new UnsupportedOperationException("the Linux drivers need a 64-bit (LP64) platform");
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
    public static Throwable unavailable() {
        return UNAVAILABLE;
    }

    public static native int socket(int domain, int type, int protocol);

    public static native int bind(int fd, Pointer address, int addressLength);

    public static native int setsockopt(int fd, int level, int name, Pointer value, int length);

    public static native int getsockopt(int fd, int level, int name, Pointer value, Pointer length);

    public static native int poll(Pointer fds, long count, int timeoutMillis);

    public static native long recvmsg(int fd, Pointer message, int flags);

    public static native long send(int fd, Pointer buffer, long length, int flags);

    public static native long sendto(int fd, Pointer buffer, long length, int flags, Pointer address, int addressLength);

    /** Sends {@code count} struct mmsghdr at {@code messages}; how many went, or -1 if the first failed. */
    public static native int sendmmsg(int fd, long messages, int count, int flags);

    public static native int close(int fd);

    public static native int open(String path, int flags);

    public static native long read(int fd, Pointer buffer, long length);

    public static native long write(int fd, Pointer buffer, long length);

    /** ioctl(2) with a pointer argument (the only kind the drivers pass). */
    public static native int ioctl(int fd, long request, Pointer argument);

    /** The address of the mapping, or {@link #MAP_FAILED}. */
    public static native long mmap(long address, long length, int protection, int flags, int fd, long offset);

    public static native int munmap(long address, long length);

    /**
     * syscall(2) with three arguments, for a system call glibc has no wrapper for (bpf(2)): glibc's
     * syscall is a register shuffle written in assembly, so calling it with a fixed argument list
     * is safe.
     */
    public static native long syscall(long number, long arg1, Pointer arg2, long arg3);

    /** pid 0: the calling thread. */
    public static native int sched_setaffinity(int pid, long maskBytes, long[] mask);

    public static native String strerror(int errno);

    /** Moves the calling thread to {@code cpus}: null when it did, else the reason. */
    public static String pin(CpuSet cpus) {
        if (UNAVAILABLE != null) {
            return UNAVAILABLE.getMessage(); // nothing is bound on this platform
        }
        long[] mask = cpus.mask();
        return sched_setaffinity(0, mask.length * 8L, mask) == 0 ? null : error(Native.getLastError());
    }

    /** The text of an errno, e.g. "Network is down (errno 100)". */
    public static String error(int errno) {
        String text;
        try {
            text = strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            text = null;
        }
        return (text == null ? "error" : text) + " (errno " + errno + ")";
    }

    /** Closes a descriptor if it is one (>= 0). */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            close(fd);
        }
    }
}
