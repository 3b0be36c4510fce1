package org.openevb.driver.xdp.internal;

import com.sun.jna.Platform;
import org.openevb.linux.LibC;

/**
 * The kernel's constants of XDP sockets and BPF (linux/if_xdp.h, linux/bpf.h, linux/if_link.h)
 * and the bpf system call's number, x86-64 or aarch64 only; the calls themselves are
 * {@link LibC}'s.
 */
final class Sys {

    static final int AF_XDP = 44;
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
    static final int BPF_MAP_LOOKUP_ELEM = 1;
    static final int BPF_MAP_UPDATE_ELEM = 2;
    static final int BPF_MAP_DELETE_ELEM = 3;
    static final int BPF_MAP_GET_NEXT_KEY = 4;
    static final int BPF_PROG_LOAD = 5;
    /** For hash maps since Linux 5.14 (before: ENOTSUPP, or EINVAL where the command is unknown). */
    static final int BPF_MAP_LOOKUP_AND_DELETE_ELEM = 21;
    /** Since Linux 5.6. */
    static final int BPF_MAP_LOOKUP_BATCH = 24;
    static final int BPF_LINK_CREATE = 28;
    static final int BPF_MAP_TYPE_HASH = 1;
    static final int BPF_MAP_TYPE_XSKMAP = 17;
    // BPF_MAP_UPDATE_ELEM flags
    static final long BPF_NOEXIST = 1;
    static final long BPF_EXIST = 2;
    static final int BPF_PROG_TYPE_XDP = 6;
    static final int BPF_XDP = 37;
    static final int BPF_FUNC_MAP_LOOKUP_ELEM = 1;
    static final int BPF_FUNC_REDIRECT = 23;
    static final int BPF_FUNC_REDIRECT_MAP = 51;
    /** Since Linux 5.18; unlike subtracting the frame's two pointers it needs no CAP_PERFMON. */
    static final int BPF_FUNC_XDP_GET_BUFF_LEN = 188;
    /** sizeof(union bpf_attr) in the headers this was written against; the kernel zero-fills a shorter one. */
    static final int BPF_ATTR_SIZE = 144;
    static final int XDP_PASS = 2;
    /** BPF_LD|BPF_DW|BPF_IMM with this source register: the immediate is a map's file descriptor. */
    static final int BPF_PSEUDO_MAP_FD = 1;
    static final int XDP_FLAGS_SKB_MODE = 1 << 1;
    static final int XDP_FLAGS_DRV_MODE = 1 << 2;

    // errno values LibC does not name
    static final int ENOENT = 2;
    static final int E2BIG = 7;
    /** The kernel's own "not supported" (not a userspace errno: strerror knows no text for it). */
    static final int ENOTSUPP = 524;

    // promiscuous mode, held by a packet socket that receives nothing
    static final int SOL_PACKET = 263;
    static final int PACKET_ADD_MEMBERSHIP = 1;
    static final int PACKET_MR_PROMISC = 1;

    /** The bpf system call's number on this architecture. */
    static final long NR_BPF;

    private static final Throwable UNAVAILABLE;

    static {
        Throwable failure = LibC.unavailable();
        long nr = -1;
        if (failure == null) {
            if (Platform.isIntel()) {
                nr = 321;
            } else if (Platform.isARM()) {
                nr = 280;
            } else {
                failure = new UnsupportedOperationException("the xdp driver knows the bpf system call on x86-64 and aarch64 only");
            }
        }
        NR_BPF = nr;
        UNAVAILABLE = failure;
    }

    private Sys() {
    }

    /** Why this driver's calls cannot be made here (libc, or the bpf system call unknown), or null when they can. */
    static Throwable unavailable() {
        return UNAVAILABLE;
    }
}
