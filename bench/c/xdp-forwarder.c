/*
 * xdp-forwarder: an AF_XDP (XDP socket) forwarder for bench/veth-bench, to measure what a data
 * path on XDP sockets costs per frame beside the packet-socket forwarders.
 *
 * Every frame arriving on IN is redirected by an XDP program into an XDP socket, whose receive
 * ring this process reads; each received descriptor goes unchanged onto the transmit ring of a
 * second XDP socket on OUT, which shares the first one's UMEM (the frame is not copied in user
 * space), and one sendto(..., MSG_DONTWAIT) per batch makes the kernel send them. Frames the
 * kernel has sent come back on OUT's completion ring and go to IN's fill ring for the next
 * frames. When nothing has arrived it sleeps in poll() on IN's socket. One direction only, until
 * SIGINT or SIGTERM; on exit it prints one line: frames forwarded, frames the kernel refused to
 * send, and what the kernel dropped on IN (XDP_STATISTICS).
 *
 * No library: the BPF program (six instructions), the XSKMAP, the attachment (a bpf_link, which
 * the kernel detaches when this process ends, however it ends) and the rings are made with the
 * bpf(2), socket(2), setsockopt(2) and mmap(2) calls a Java driver would make through JNA.
 * Copy mode (XDP_COPY): veths have no zero-copy, so the kernel copies each frame into the UMEM
 * on receive and into a new skb on send, handed to the device's transmit (veth_xmit) directly,
 * past the queueing discipline and the packet taps (tcpdump on IN or OUT sees none of it).
 *
 *   cc -O2 -o xdp-forwarder xdp-forwarder.c
 *   xdp-forwarder [--native|--generic] IN OUT        (as root)
 *
 * --native (the default) attaches the program in the driver (XDP_FLAGS_DRV_MODE: veth receives
 * the peer's frames in its NAPI poll, and the program runs there before any skb is built);
 * --generic attaches it in the generic receive path (XDP_FLAGS_SKB_MODE, after the skb).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/bpf.h>
#include <linux/if_link.h>
#include <linux/if_xdp.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef AF_XDP
#define AF_XDP 44
#endif
#ifndef SOL_XDP
#define SOL_XDP 283
#endif
#ifndef XDP_MAX_TX_SKB_BUDGET
#define XDP_MAX_TX_SKB_BUDGET 9 /* newer kernels: frames one copy-mode send may send (else 32) */
#endif

#define FRAME_SIZE 2048u
#define FRAMES 4096u   /* 8 MiB of UMEM; all of them fit in the fill ring, so it never overflows */
#define FILL_SIZE 4096u
#define COMP_SIZE 4096u
#define RX_SIZE 2048u
#define TX_SIZE 2048u
#define BATCH 64u

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
    (void) sig;
    stopping = 1;
}

static void die(const char *what)
{
    fprintf(stderr, "xdp-forwarder: %s: %s\n", what, strerror(errno));
    exit(1);
}

static long bpf(int cmd, union bpf_attr *attr)
{
    return syscall(__NR_bpf, cmd, attr, sizeof *attr);
}

/* One ring shared with the kernel: producer and consumer indexes (free-running) and entries. */
struct ring {
    uint32_t *producer;
    uint32_t *consumer;
    void *entries;
    uint32_t mask;
    uint32_t *flags;
};

static void map_ring(struct ring *r, int fd, const struct xdp_ring_offset *off, uint32_t size,
                     size_t entry, off_t pgoff, const char *what)
{
    size_t len = off->desc + size * entry;
    char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, pgoff);
    if (m == MAP_FAILED) {
        die(what);
    }
    r->producer = (uint32_t *) (m + off->producer);
    r->consumer = (uint32_t *) (m + off->consumer);
    r->flags = (uint32_t *) (m + off->flags);
    r->entries = m + off->desc;
    r->mask = size - 1;
}

static void set_ring(int fd, int opt, uint32_t size, const char *what)
{
    if (setsockopt(fd, SOL_XDP, opt, &size, sizeof size) != 0) {
        die(what);
    }
}

static uint32_t load_acquire(uint32_t *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void store_release(uint32_t *p, uint32_t v)
{
    __atomic_store_n(p, v, __ATOMIC_RELEASE);
}

/*
 * The XDP program, in BPF instructions:
 *   r2 = ctx->rx_queue_index                 the XSKMAP's key: the socket bound to this queue
 *   r1 = the XSKMAP (a 64-bit load of its file descriptor, which the verifier turns into the map)
 *   r3 = XDP_PASS                            if no socket is at that key: to the stack
 *   call bpf_redirect_map(r1, r2, r3)
 *   exit                                     with what bpf_redirect_map returned (XDP_REDIRECT)
 */
static int load_program(int map_fd)
{
    struct bpf_insn insns[] = {
        { .code = BPF_LDX | BPF_W | BPF_MEM, .dst_reg = BPF_REG_2, .src_reg = BPF_REG_1,
          .off = offsetof(struct xdp_md, rx_queue_index) },
        { .code = BPF_LD | BPF_DW | BPF_IMM, .dst_reg = BPF_REG_1, .src_reg = BPF_PSEUDO_MAP_FD,
          .imm = map_fd },
        { 0 }, /* the upper 32 bits of the 64-bit immediate */
        { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_3, .imm = XDP_PASS },
        { .code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_redirect_map },
        { .code = BPF_JMP | BPF_EXIT },
    };
    static char log[4096];
    union bpf_attr a;
    memset(&a, 0, sizeof a);
    a.prog_type = BPF_PROG_TYPE_XDP;
    a.expected_attach_type = BPF_XDP;
    a.insns = (uintptr_t) insns;
    a.insn_cnt = sizeof insns / sizeof insns[0];
    /* bpf_redirect_map is not restricted to GPL programs: the license string is only declared */
    a.license = (uintptr_t) "unspecified";
    a.log_buf = (uintptr_t) log;
    a.log_size = sizeof log;
    a.log_level = 1;
    strncpy(a.prog_name, "evb_xsk_redir", sizeof a.prog_name - 1);
    int fd = (int) bpf(BPF_PROG_LOAD, &a);
    if (fd < 0) {
        fprintf(stderr, "xdp-forwarder: BPF_PROG_LOAD: %s\n%s\n", strerror(errno), log);
        exit(1);
    }
    return fd;
}

int main(int argc, char **argv)
{
    uint32_t mode = XDP_FLAGS_DRV_MODE;
    int arg = 1;
    if (argc == 4 && strcmp(argv[1], "--native") == 0) {
        arg = 2;
    } else if (argc == 4 && strcmp(argv[1], "--generic") == 0) {
        mode = XDP_FLAGS_SKB_MODE;
        arg = 2;
    } else if (argc != 3) {
        fprintf(stderr, "usage: xdp-forwarder [--native|--generic] IN OUT\n");
        return 2;
    }
    const char *in_name = argv[arg], *out_name = argv[arg + 1];
    unsigned in_index = if_nametoindex(in_name), out_index = if_nametoindex(out_name);
    if (in_index == 0) {
        die(in_name);
    }
    if (out_index == 0) {
        die(out_name);
    }

    /* the XSKMAP: key = receive queue of IN, value = the XDP socket (veths have one queue) */
    union bpf_attr a;
    memset(&a, 0, sizeof a);
    a.map_type = BPF_MAP_TYPE_XSKMAP;
    a.key_size = 4;
    a.value_size = 4;
    a.max_entries = 1;
    strncpy(a.map_name, "evb_xsks", sizeof a.map_name - 1);
    int map_fd = (int) bpf(BPF_MAP_CREATE, &a);
    if (map_fd < 0) {
        die("BPF_MAP_CREATE (XSKMAP)");
    }
    int prog_fd = load_program(map_fd);

    /* the UMEM, registered on IN's socket and shared with OUT's */
    void *umem = mmap(NULL, (size_t) FRAMES * FRAME_SIZE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (umem == MAP_FAILED) {
        die("UMEM mmap");
    }
    int rx_fd = socket(AF_XDP, SOCK_RAW, 0), tx_fd = socket(AF_XDP, SOCK_RAW, 0);
    if (rx_fd < 0 || tx_fd < 0) {
        die("socket(AF_XDP)");
    }
    struct xdp_umem_reg reg = {
        .addr = (uintptr_t) umem, .len = (uint64_t) FRAMES * FRAME_SIZE, .chunk_size = FRAME_SIZE,
    };
    if (setsockopt(rx_fd, SOL_XDP, XDP_UMEM_REG, &reg, sizeof reg) != 0) {
        die("XDP_UMEM_REG");
    }
    /* each socket bound to its own device needs its own fill and completion rings */
    set_ring(rx_fd, XDP_UMEM_FILL_RING, FILL_SIZE, "XDP_UMEM_FILL_RING (in)");
    set_ring(rx_fd, XDP_UMEM_COMPLETION_RING, COMP_SIZE, "XDP_UMEM_COMPLETION_RING (in)");
    set_ring(rx_fd, XDP_RX_RING, RX_SIZE, "XDP_RX_RING");
    set_ring(tx_fd, XDP_UMEM_FILL_RING, FILL_SIZE, "XDP_UMEM_FILL_RING (out)");
    set_ring(tx_fd, XDP_UMEM_COMPLETION_RING, COMP_SIZE, "XDP_UMEM_COMPLETION_RING (out)");
    set_ring(tx_fd, XDP_TX_RING, TX_SIZE, "XDP_TX_RING");

    struct xdp_mmap_offsets off;
    socklen_t olen = sizeof off;
    if (getsockopt(rx_fd, SOL_XDP, XDP_MMAP_OFFSETS, &off, &olen) != 0) {
        die("XDP_MMAP_OFFSETS (in)");
    }
    struct ring fill, rx, comp, tx;
    map_ring(&fill, rx_fd, &off.fr, FILL_SIZE, sizeof(uint64_t), XDP_UMEM_PGOFF_FILL_RING, "fill ring mmap");
    map_ring(&rx, rx_fd, &off.rx, RX_SIZE, sizeof(struct xdp_desc), XDP_PGOFF_RX_RING, "RX ring mmap");
    olen = sizeof off;
    if (getsockopt(tx_fd, SOL_XDP, XDP_MMAP_OFFSETS, &off, &olen) != 0) {
        die("XDP_MMAP_OFFSETS (out)");
    }
    map_ring(&comp, tx_fd, &off.cr, COMP_SIZE, sizeof(uint64_t), XDP_UMEM_PGOFF_COMPLETION_RING,
             "completion ring mmap");
    map_ring(&tx, tx_fd, &off.tx, TX_SIZE, sizeof(struct xdp_desc), XDP_PGOFF_TX_RING, "TX ring mmap");

    struct sockaddr_xdp sx = { .sxdp_family = AF_XDP, .sxdp_ifindex = in_index, .sxdp_queue_id = 0,
                               .sxdp_flags = XDP_COPY };
    if (bind(rx_fd, (struct sockaddr *) &sx, sizeof sx) != 0) {
        die("bind (in, copy mode)");
    }
    struct sockaddr_xdp st = { .sxdp_family = AF_XDP, .sxdp_ifindex = out_index, .sxdp_queue_id = 0,
                               .sxdp_flags = XDP_SHARED_UMEM, .sxdp_shared_umem_fd = rx_fd };
    if (bind(tx_fd, (struct sockaddr *) &st, sizeof st) != 0) {
        die("bind (out, shared UMEM)");
    }
    /* one send per batch: let it send the whole batch (kernels without it: 32, the rest on the next) */
    uint32_t budget = BATCH;
    int budget_set = setsockopt(tx_fd, SOL_XDP, XDP_MAX_TX_SKB_BUDGET, &budget, sizeof budget) == 0;

    /* every frame to IN's fill ring; IN's socket into the map; then the program on IN */
    uint64_t *fe = fill.entries;
    for (uint32_t i = 0; i < FRAMES; i++) {
        fe[i & fill.mask] = (uint64_t) i * FRAME_SIZE;
    }
    uint32_t fill_prod = FRAMES;
    store_release(fill.producer, fill_prod);
    uint32_t key = 0, value = (uint32_t) rx_fd;
    memset(&a, 0, sizeof a);
    a.map_fd = map_fd;
    a.key = (uintptr_t) &key;
    a.value = (uintptr_t) &value;
    if (bpf(BPF_MAP_UPDATE_ELEM, &a) != 0) {
        die("BPF_MAP_UPDATE_ELEM (XSKMAP)");
    }
    memset(&a, 0, sizeof a);
    a.link_create.prog_fd = prog_fd;
    a.link_create.target_ifindex = in_index;
    a.link_create.attach_type = BPF_XDP;
    a.link_create.flags = mode;
    int link_fd = (int) bpf(BPF_LINK_CREATE, &a);
    if (link_fd < 0) {
        die(mode == XDP_FLAGS_DRV_MODE ? "BPF_LINK_CREATE (XDP, native)" : "BPF_LINK_CREATE (XDP, generic)");
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll returns EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    fprintf(stderr, "xdp-forwarder: %s -> %s, XDP %s, copy mode, up to %u frames per send%s\n", in_name,
            out_name, mode == XDP_FLAGS_DRV_MODE ? "native" : "generic", budget_set ? BATCH : 32,
            budget_set ? "" : " (no XDP_MAX_TX_SKB_BUDGET)");

    unsigned long long forwarded = 0, refused = 0, kicks = 0, polls = 0;
    uint32_t rx_cons = load_acquire(rx.consumer), tx_prod = load_acquire(tx.producer);
    uint32_t comp_cons = load_acquire(comp.consumer);
    struct xdp_desc *rd = rx.entries, *td = tx.entries;
    uint64_t *ce = comp.entries;
    struct pollfd pfd = { .fd = rx_fd, .events = POLLIN };
    while (!stopping) {
        /* frames the kernel has sent: back to IN's fill ring */
        uint32_t done = load_acquire(comp.producer) - comp_cons;
        if (done > 0) {
            for (uint32_t i = 0; i < done; i++) {
                fe[(fill_prod + i) & fill.mask] = ce[(comp_cons + i) & comp.mask];
            }
            comp_cons += done;
            fill_prod += done;
            store_release(comp.consumer, comp_cons);
            store_release(fill.producer, fill_prod);
        }
        uint32_t got = load_acquire(rx.producer) - rx_cons;
        uint32_t room = TX_SIZE - (tx_prod - load_acquire(tx.consumer));
        if (got == 0) {
            if (tx_prod != load_acquire(tx.consumer)) {
                sendto(tx_fd, NULL, 0, MSG_DONTWAIT, NULL, 0); /* what is still queued */
                kicks++;
                continue;
            }
            polls++;
            poll(&pfd, 1, 100);
            continue;
        }
        uint32_t n = got < room ? got : room;
        if (n > BATCH) {
            n = BATCH;
        }
        for (uint32_t i = 0; i < n; i++) {
            struct xdp_desc *d = &rd[(rx_cons + i) & rx.mask];
            td[(tx_prod + i) & tx.mask] = (struct xdp_desc) { .addr = d->addr, .len = d->len };
        }
        rx_cons += n;
        tx_prod += n;
        store_release(tx.producer, tx_prod);
        store_release(rx.consumer, rx_cons);
        forwarded += n;
        /* copy mode sends in this call */
        if (sendto(tx_fd, NULL, 0, MSG_DONTWAIT, NULL, 0) < 0 && errno != EAGAIN && errno != EBUSY &&
            errno != ENOBUFS && errno != EINTR) {
            die("sendto (kick)");
        }
        kicks++;
    }

    struct xdp_statistics in_st = { 0 }, out_st = { 0 };
    socklen_t slen = sizeof in_st;
    getsockopt(rx_fd, SOL_XDP, XDP_STATISTICS, &in_st, &slen);
    slen = sizeof out_st;
    getsockopt(tx_fd, SOL_XDP, XDP_STATISTICS, &out_st, &slen);
    refused = out_st.tx_invalid_descs;
    /* dropped by the kernel on IN: receive ring full (this process behind), or no frame to copy
     * into (rx_dropped, which counts the fill ring found empty among its reasons) */
    unsigned long long drops = in_st.rx_ring_full + in_st.rx_dropped;
    printf("forwarded %llu refused %llu kernel_drops %llu (rx ring full %llu, rx dropped %llu of which "
           "fill ring empty %llu) sends %llu polls %llu\n",
           forwarded, refused, drops, (unsigned long long) in_st.rx_ring_full,
           (unsigned long long) in_st.rx_dropped, (unsigned long long) in_st.rx_fill_ring_empty_descs,
           kicks, polls);
    close(link_fd); /* detaches the program (so would the process's end) */
    return 0;
}
