/*
 * sendcost: what the kernel alone costs to send one frame from a packet socket into a veth, the
 * floor under any forwarder that sends through packet sockets (bench/send-floor runs it).
 *
 * Sends N 60-byte IPv4/UDP frames out of IFACE, addressed to a MAC the peer does not have (so the
 * peer's stack drops each at its first look, as bench/veth-bench's sink does), in four ways, one
 * after the other, ROUNDS times over:
 *
 *   sendmmsg         64 frames per call, as the packet driver sends a receive thread's burst
 *   sendmmsg+bypass  the same on a socket with PACKET_QDISC_BYPASS
 *   txring           a TPACKET_V2 transmit ring (PACKET_TX_RING, 256 slots of 2 KiB): 64 frames
 *                    written into slots, then one send(fd, NULL, 0, MSG_DONTWAIT)
 *   txring+bypass    the same with PACKET_QDISC_BYPASS
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
#include <linux/if_packet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 64
#define SLOT 2048
#define SLOTS 256
#define DATA 32 /* TPACKET2_HDRLEN - sizeof(struct sockaddr_ll): where the kernel reads a slot's frame */

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
    printf("round  sendmmsg  sendmmsg+bypass  txring  txring+bypass  (CPU us per frame; ring slots found full)\n");
    for (int r = 1; r <= rounds; r++) {
        long full1, full2;
        double a = with_sendmmsg(ifindex, 0, n);
        double b = with_sendmmsg(ifindex, 1, n);
        double c = with_tx_ring(ifindex, 0, n, &full1);
        double d = with_tx_ring(ifindex, 1, n, &full2);
        printf("%5d  %8.3f  %15.3f  %6.3f  %13.3f  (%ld, %ld)\n", r, a, b, c, d, full1, full2);
        fflush(stdout);
    }
    return 0;
}
