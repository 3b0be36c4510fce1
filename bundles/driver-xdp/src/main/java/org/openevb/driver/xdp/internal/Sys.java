package org.openevb.driver.xdp.internal;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.openevb.api.driver.CpuSet;

/**
 * The libc calls of the XDP driver, bound by JNA direct mapping (no reflection per call). Linux on
 * x86-64 or aarch64 (LP64) only: {@code long} stands for {@code ssize_t}, {@code size_t},
 * {@code off_t} and {@code nfds_t}. After a call that failed, {@link Native#getLastError()} is its
 * errno. Constants from linux/if_xdp.h, linux/bpf.h and linux/if_link.h.
 */
final class Sys {

    static final int AF_XDP = 44;
    static final int SOCK_RAW = 3;
    static final int SOL_XDP = 283;

    // setsockopt/getsockopt(SOL_XDP)
    static final int XDP_MMAP_OFFSETS = 1;
    static final int XDP_RX_RING = 2;
    static final int XDP_TX_RING = 3;
    static final int XDP_UMEM_REG = 4;
    static final int XDP_UMEM_FILL_RING = 5;
    static final int XDP_UMEM_COMPLETION_RING = 6;
    static final int XDP_STATISTICS = 7;
    /** Frames one copy-mode send may send (newer kernels; else 32 per call). */
    static final int XDP_MAX_TX_SKB_BUDGET = 9;

    /** sockaddr_xdp flags: copy mode (veths have no zero-copy). */
    static final short XDP_COPY = 1 << 1;

    /** mmap offsets of the four rings (XDP_PGOFF_RX_RING is 0). */
    static final long XDP_PGOFF_RX_RING = 0;
    static final long XDP_PGOFF_TX_RING = 0x80000000L;
    static final long XDP_UMEM_PGOFF_FILL_RING = 0x100000000L;
    static final long XDP_UMEM_PGOFF_COMPLETION_RING = 0x180000000L;

    // bpf(2)
    static final int BPF_MAP_CREATE = 0;
    static final int BPF_MAP_UPDATE_ELEM = 2;
    static final int BPF_PROG_LOAD = 5;
    static final int BPF_LINK_CREATE = 28;
    static final int BPF_MAP_TYPE_XSKMAP = 17;
    static final int BPF_PROG_TYPE_XDP = 6;
    static final int BPF_XDP = 37;
    static final int BPF_FUNC_REDIRECT_MAP = 51;
    /** sizeof(union bpf_attr) in the headers this was written against; the kernel zero-fills a shorter one. */
    static final int BPF_ATTR_SIZE = 144;
    static final int XDP_PASS = 2;
    static final int XDP_FLAGS_SKB_MODE = 1 << 1;
    static final int XDP_FLAGS_DRV_MODE = 1 << 2;

    // promiscuous mode, held by a packet socket that receives nothing
    static final int AF_PACKET = 17;
    static final int SOL_PACKET = 263;
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_MR_PROMISC = 1;

    static final int MSG_DONTWAIT = 0x40;
    static final short POLLIN = 0x1;

    static final int PROT_READ = 0x1;
    static final int PROT_WRITE = 0x2;
    static final int MAP_SHARED = 0x1;
    static final int MAP_PRIVATE = 0x2;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_POPULATE = 0x8000;
    static final long MAP_FAILED = -1;

    static final int EINTR = 4;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int ENETDOWN = 100;
    static final int ENOBUFS = 105;
    static final int EOPNOTSUPP = 95;

    /** The bpf system call's number on this architecture. */
    static final long NR_BPF;

    private static final Throwable UNAVAILABLE;

    static {
        Throwable failure = null;
        long nr = -1;
        try {
            if (!Platform.isLinux()) {
                throw new UnsupportedOperationException("XDP sockets are Linux only, this is " + System.getProperty("os.name"));
            }
            if (Native.POINTER_SIZE != 8 || Native.LONG_SIZE != 8) {
                throw new UnsupportedOperationException("the xdp driver needs a 64-bit (LP64) platform");
            }
            if (Platform.isIntel()) {
                nr = 321;
            } else if (Platform.isARM()) {
                nr = 280;
            } else {
                throw new UnsupportedOperationException("the xdp driver knows the bpf system call on x86-64 and aarch64 only");
            }
            Native.register(Sys.class, Platform.C_LIBRARY_NAME);
        } catch (Throwable e) {
            failure = e;
        }
        NR_BPF = nr;
        UNAVAILABLE = failure;
    }

    private Sys() {
    }

    /** Why libc cannot be used here, or null when it can. */
    static Throwable unavailable() {
        return UNAVAILABLE;
    }

    /**
     * syscall(2) with three arguments, for bpf(2): glibc's syscall is a register shuffle written
     * in assembly, so calling it with a fixed argument list is safe.
     */
    static native long syscall(long number, long cmd, Pointer attr, long size);

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, Pointer address, int addressLength);

    static native int setsockopt(int fd, int level, int name, Pointer value, int length);

    static native int getsockopt(int fd, int level, int name, Pointer value, Pointer length);

    static native int poll(Pointer fds, long count, int timeoutMillis);

    static native long sendto(int fd, Pointer buffer, long length, int flags, Pointer address, int addressLength);

    static native int close(int fd);

    /** The address of the mapping, or {@link #MAP_FAILED}. */
    static native long mmap(long address, long length, int protection, int flags, int fd, long offset);

    static native int munmap(long address, long length);

    /** pid 0: the calling thread. */
    static native int sched_setaffinity(int pid, long maskBytes, long[] mask);

    static native String strerror(int errno);

    /** Moves the calling thread to {@code cpus}: null when it did, else the reason. */
    static String pin(CpuSet cpus) {
        long[] mask = cpus.mask();
        return sched_setaffinity(0, mask.length * 8L, mask) == 0 ? null : error(Native.getLastError());
    }

    /** The text of an errno, e.g. "Device or resource busy (errno 16)". */
    static String error(int errno) {
        String text;
        try {
            text = strerror(errno);
        } catch (RuntimeException | LinkageError e) {
            text = null;
        }
        return (text == null ? "error" : text) + " (errno " + errno + ")";
    }

    /** Closes a descriptor if it is one (>= 0). */
    static void closeQuietly(int fd) {
        if (fd >= 0) {
            close(fd);
        }
    }
}
