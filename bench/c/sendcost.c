/*
 * sendcost: what the kernel alone costs to send one frame from a packet socket or an XDP socket
 * into a veth, the floor under any forwarder that sends through them (bench/send-floor runs it).
 *
 * Sends N 60-byte IPv4/UDP frames out of IFACE, addressed to a MAC the peer does not have (so the
 * peer's stack drops each at its first look, as bench/veth-bench's sink does), in five ways, one
 * after the other, ROUNDS times over:
 *
 *   sendmmsg         64 frames per call, as the packet driver sends a receive thread's burst
 *   sendmmsg+bypass  the same on a socket with PACKET_QDISC_BYPASS
 *   txring           a TPACKET_V2 transmit ring (PACKET_TX_RING, 256 slots of 2 KiB): 64 frames
 *                    written into slots, then one send(fd, NULL, 0, MSG_DONTWAIT)
 *   txring+bypass    the same with PACKET_QDISC_BYPASS
 *   xsk              an XDP socket (AF_XDP, copy mode, the only mode veths have) with a UMEM of
 *                    4096 frames of 2 KiB and a transmit ring of 2048: 64 descriptors on the
 *                    ring, then one sendto(fd, NULL, 0, MSG_DONTWAIT); sent frames come back on
 *                    the completion ring (what bench/c/xdp-forwarder.c's send costs)
 *
 * and prints, per round, the CPU time of the process (user + system, getrusage) per frame sent.
 * The peer's receive work runs in the sender's system call (the veth hands the frame over in the
 * sender's softirq), so it is counted, as it is for every device of bench/veth-bench. A ring slot
 * still the kernel's when its turn comes is counted as "full" and skipped.
 *
 *   cc -O2 -o sendcost sendcost.c
 *   sendcost IFACE N ROUNDS        (as root)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/if_packet.h>
#include <linux/if_xdp.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <stdint.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 64
#define SLOT 2048
#define SLOTS 256
#define DATA 32 /* TPACKET2_HDRLEN - sizeof(struct sockaddr_ll): where the kernel reads a slot's frame */

#ifndef AF_XDP
#define AF_XDP 44
#endif
#ifndef SOL_XDP
#define SOL_XDP 283
#endif
#ifndef XDP_MAX_TX_SKB_BUDGET
#define XDP_MAX_TX_SKB_BUDGET 9 /* newer kernels: frames one copy-mode send may send (else 32) */
#endif
#define XSK_FRAMES 4096u
#define XSK_FRAME 2048u
#define XSK_TX 2048u

static unsigned char frame[60];

static double cpu_seconds(void)
{
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6 + r.ru_stime.tv_sec + r.ru_stime.tv_usec / 1e6;
}

static int open_socket(int ifindex, int bypass)
{
    int fd = socket(AF_PACKET, SOCK_RAW, 0);
    if (fd < 0) {
        perror("socket");
        exit(1);
    }
    int one = 1;
    if (bypass && setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one) != 0) {
        perror("PACKET_QDISC_BYPASS");
        exit(1);
    }
    struct sockaddr_ll a = { .sll_family = AF_PACKET, .sll_ifindex = ifindex };
    if (bind(fd, (struct sockaddr *) &a, sizeof a) != 0) {
        perror("bind");
        exit(1);
    }
    return fd;
}

static double with_sendmmsg(int ifindex, int bypass, long n)
{
    int fd = open_socket(ifindex, bypass);
    struct mmsghdr m[BATCH];
    struct iovec v[BATCH];
    memset(m, 0, sizeof m);
    for (int i = 0; i < BATCH; i++) {
        v[i].iov_base = frame;
        v[i].iov_len = sizeof frame;
        m[i].msg_hdr.msg_iov = &v[i];
        m[i].msg_hdr.msg_iovlen = 1;
    }
    double t = cpu_seconds();
    for (long sent = 0; sent < n;) {
        int k = sendmmsg(fd, m, BATCH, 0);
        sent += k > 0 ? k : 1; /* a refused frame counts as sent: it cost its share */
    }
    t = cpu_seconds() - t;
    close(fd);
    return t / n * 1e6;
}

static double with_tx_ring(int ifindex, int bypass, long n, long *full)
{
    int fd = open_socket(ifindex, bypass);
    int v2 = TPACKET_V2, one = 1;
    struct tpacket_req req = {
        .tp_block_size = 65536, .tp_block_nr = SLOTS * SLOT / 65536, .tp_frame_size = SLOT, .tp_frame_nr = SLOTS
    };
    if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &v2, sizeof v2) != 0
            || setsockopt(fd, SOL_PACKET, PACKET_LOSS, &one, sizeof one) != 0
            || setsockopt(fd, SOL_PACKET, PACKET_TX_RING, &req, sizeof req) != 0) {
        perror("PACKET_TX_RING");
        exit(1);
    }
    unsigned char *ring = mmap(NULL, SLOTS * SLOT, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (ring == MAP_FAILED) {
        perror("mmap");
        exit(1);
    }
    int head = 0;
    *full = 0;
    double t = cpu_seconds();
    for (long sent = 0; sent < n; sent += BATCH) {
        for (int i = 0; i < BATCH; i++) {
            struct tpacket2_hdr *h = (struct tpacket2_hdr *) (ring + head * SLOT);
            if (__atomic_load_n(&h->tp_status, __ATOMIC_ACQUIRE)
                    & (TP_STATUS_SEND_REQUEST | TP_STATUS_SENDING | TP_STATUS_WRONG_FORMAT)) {
                (*full)++;
                continue;
            }
            memcpy((unsigned char *) h + DATA, frame, sizeof frame);
            h->tp_len = sizeof frame;
            __atomic_store_n(&h->tp_status, TP_STATUS_SEND_REQUEST, __ATOMIC_RELEASE);
            head = (head + 1) % SLOTS;
        }
        send(fd, NULL, 0, MSG_DONTWAIT);
    }
    t = cpu_seconds() - t;
    munmap(ring, SLOTS * SLOT);
    close(fd);
    return t / n * 1e6;
}

/* maps one ring at *len (the ring's entries; set to the whole mapping's length) */
static char *xsk_ring(int fd, const struct xdp_ring_offset *o, size_t *len, off_t pgoff, uint32_t **prod,
                      uint32_t **cons)
{
    *len += o->desc;
    char *m = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, pgoff);
    if (m == MAP_FAILED) {
        perror("XDP ring mmap");
        exit(1);
    }
    *prod = (uint32_t *) (m + o->producer);
    *cons = (uint32_t *) (m + o->consumer);
    return m;
}

static double with_xsk(int ifindex, long n)
{
    size_t size = (size_t) XSK_FRAMES * XSK_FRAME;
    unsigned char *umem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    int fd = socket(AF_XDP, SOCK_RAW, 0);
    if (umem == MAP_FAILED || fd < 0) {
        perror("AF_XDP socket or UMEM");
        exit(1);
    }
    for (uint32_t i = 0; i < XSK_FRAMES; i++) {
        memcpy(umem + (size_t) i * XSK_FRAME, frame, sizeof frame);
    }
    struct xdp_umem_reg reg = { .addr = (uintptr_t) umem, .len = size, .chunk_size = XSK_FRAME };
    uint32_t fill = XSK_FRAMES, comp = XSK_FRAMES, tx = XSK_TX, budget = BATCH;
    if (setsockopt(fd, SOL_XDP, XDP_UMEM_REG, &reg, sizeof reg) != 0
            || setsockopt(fd, SOL_XDP, XDP_UMEM_FILL_RING, &fill, sizeof fill) != 0
            || setsockopt(fd, SOL_XDP, XDP_UMEM_COMPLETION_RING, &comp, sizeof comp) != 0
            || setsockopt(fd, SOL_XDP, XDP_TX_RING, &tx, sizeof tx) != 0) {
        perror("AF_XDP setsockopt");
        exit(1);
    }
    struct xdp_mmap_offsets off;
    socklen_t ol = sizeof off;
    if (getsockopt(fd, SOL_XDP, XDP_MMAP_OFFSETS, &off, &ol) != 0) {
        perror("XDP_MMAP_OFFSETS");
        exit(1);
    }
    uint32_t *tp, *tc, *cp, *cc;
    size_t tlen = XSK_TX * sizeof(struct xdp_desc), clen = XSK_FRAMES * sizeof(uint64_t);
    char *tm = xsk_ring(fd, &off.tx, &tlen, XDP_PGOFF_TX_RING, &tp, &tc);
    char *cm = xsk_ring(fd, &off.cr, &clen, XDP_UMEM_PGOFF_COMPLETION_RING, &cp, &cc);
    struct xdp_desc *td = (struct xdp_desc *) (tm + off.tx.desc);
    uint64_t *ce = (uint64_t *) (cm + off.cr.desc);
    struct sockaddr_xdp a = { .sxdp_family = AF_XDP, .sxdp_ifindex = ifindex, .sxdp_flags = XDP_COPY };
    if (bind(fd, (struct sockaddr *) &a, sizeof a) != 0) {
        perror("AF_XDP bind (copy mode)");
        exit(1);
    }
    setsockopt(fd, SOL_XDP, XDP_MAX_TX_SKB_BUDGET, &budget, sizeof budget); /* kernels without it: 32 */
    /* free frames: a stack of UMEM addresses, refilled from the completion ring */
    static uint64_t free_frames[XSK_FRAMES];
    uint32_t nfree = XSK_FRAMES, prod = *tp, ccons = *cc;
    for (uint32_t i = 0; i < XSK_FRAMES; i++) {
        free_frames[i] = (uint64_t) i * XSK_FRAME;
    }
    double t = cpu_seconds();
    for (long sent = 0; sent < n;) {
        uint32_t done = __atomic_load_n(cp, __ATOMIC_ACQUIRE) - ccons;
        for (uint32_t i = 0; i < done; i++) {
            free_frames[nfree++] = ce[(ccons + i) & (XSK_FRAMES - 1)];
        }
        ccons += done;
        __atomic_store_n(cc, ccons, __ATOMIC_RELEASE);
        uint32_t room = XSK_TX - (prod - __atomic_load_n(tc, __ATOMIC_ACQUIRE));
        uint32_t k = BATCH < room ? BATCH : room;
        k = k < nfree ? k : nfree;
        for (uint32_t i = 0; i < k; i++) {
            td[(prod + i) & (XSK_TX - 1)] = (struct xdp_desc) { .addr = free_frames[--nfree], .len = sizeof frame };
        }
        prod += k;
        __atomic_store_n(tp, prod, __ATOMIC_RELEASE);
        sent += k;
        if (sendto(fd, NULL, 0, MSG_DONTWAIT, NULL, 0) < 0 && errno != EAGAIN && errno != EBUSY && errno != ENOBUFS) {
            perror("AF_XDP sendto");
            exit(1);
        }
    }
    t = cpu_seconds() - t;
    munmap(tm, tlen); /* the mappings hold the socket: unmapped, close releases the queue */
    munmap(cm, clen);
    close(fd);
    munmap(umem, size);
    return t / n * 1e6;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: sendcost IFACE N ROUNDS\n");
        return 2;
    }
    int ifindex = (int) if_nametoindex(argv[1]);
    long n = atol(argv[2]);
    int rounds = atoi(argv[3]);
    if (ifindex == 0 || n <= 0 || rounds <= 0) {
        fprintf(stderr, "sendcost: no interface '%s', or N or ROUNDS not positive\n", argv[1]);
        return 2;
    }
    static const unsigned char head[] = {
        0x02, 0, 0, 0, 0, 0x99, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00,               /* Ethernet */
        0x45, 0, 0, 46, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,       /* IPv4 */
        0x30, 0x39, 0x30, 0x39, 0, 26, 0, 0                                      /* UDP */
    };
    memcpy(frame, head, sizeof head);
    printf("round  sendmmsg  sendmmsg+bypass  txring  txring+bypass     xsk  (CPU us per frame; ring slots found full)\n");
    for (int r = 1; r <= rounds; r++) {
        long full1, full2;
        double a = with_sendmmsg(ifindex, 0, n);
        double b = with_sendmmsg(ifindex, 1, n);
        double c = with_tx_ring(ifindex, 0, n, &full1);
        double d = with_tx_ring(ifindex, 1, n, &full2);
        double e = with_xsk(ifindex, n);
        printf("%5d  %8.3f  %15.3f  %6.3f  %13.3f  %6.3f  (%ld, %ld)\n", r, a, b, c, d, e, full1, full2);
        fflush(stdout);
    }
    return 0;
}
