/*
 * relay: the simplest libpcap VEPA edge relay, the latency reference point of bench/veth-bench.
 *
 * Every frame arriving on a downlink (direction in, immediate mode) goes out of UPLINK unchanged;
 * every frame arriving on UPLINK goes out of the downlink its destination MAC was last seen on as
 * a source, or out of every downlink if that MAC was not seen (broadcast, multicast, unknown).
 * One thread waits in poll() on all the ports and handles one frame per port and round, until
 * SIGINT or SIGTERM. On exit it prints one line: frames relayed and frames the send refused.
 *
 *   cc -O2 -o relay relay.c -lpcap
 *   relay UPLINK DOWNLINK...
 */
#include <errno.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PORTS 8
#define MACS 64

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
    (void) sig;
    stopping = 1;
}

static pcap_t *open_port(const char *name)
{
    char error[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_create(name, error);
    if (p == NULL) {
        fprintf(stderr, "relay: %s: %s\n", name, error);
        exit(1);
    }
    pcap_set_snaplen(p, 65535);
    pcap_set_promisc(p, 1);
    pcap_set_immediate_mode(p, 1);
    pcap_set_buffer_size(p, 4 << 20);
    if (pcap_activate(p) < 0 || pcap_setdirection(p, PCAP_D_IN) != 0 || pcap_setnonblock(p, 1, error) != 0) {
        fprintf(stderr, "relay: %s: %s\n", name, pcap_geterr(p));
        exit(1);
    }
    return p;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc - 1 > MAX_PORTS) {
        fprintf(stderr, "usage: relay UPLINK DOWNLINK...\n");
        return 2;
    }
    int ports = argc - 1;
    pcap_t *p[MAX_PORTS];
    struct pollfd fds[MAX_PORTS];
    for (int i = 0; i < ports; i++) {
        p[i] = open_port(argv[i + 1]);
        fds[i].fd = pcap_get_selectable_fd(p[i]);
        fds[i].events = POLLIN;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll returns EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    unsigned char mac[MACS][6];
    int macPort[MACS], macs = 0, next = 0;
    unsigned long long relayed = 0, refused = 0;
    while (!stopping) {
        int busy = 0;
        for (int i = 0; i < ports; i++) {
            struct pcap_pkthdr *h;
            const u_char *b;
            if (pcap_next_ex(p[i], &h, &b) != 1) {
                continue;
            }
            busy = 1;
            int caplen = (int) h->caplen, sent = 1;
            if (caplen < 14) {
                continue;
            }
            if (i > 0) {
                int m = 0;
                while (m < macs && memcmp(mac[m], b + 6, 6) != 0) {
                    m++;
                }
                if (m == macs) {
                    m = macs < MACS ? macs++ : next++ % MACS;
                    memcpy(mac[m], b + 6, 6);
                }
                macPort[m] = i;
                sent = pcap_inject(p[0], b, caplen) == caplen;
            } else {
                int to = 0;
                for (int m = 0; m < macs && !(b[0] & 1); m++) {
                    if (memcmp(mac[m], b, 6) == 0) {
                        to = macPort[m];
                        break;
                    }
                }
                for (int j = 1; j < ports; j++) {
                    if (to == 0 || to == j) {
                        sent &= pcap_inject(p[j], b, caplen) == caplen;
                    }
                }
            }
            relayed++;
            refused += !sent;
        }
        if (!busy && poll(fds, ports, 100) < 0 && errno != EINTR) {
            perror("relay: poll");
            return 1;
        }
    }
    printf("relayed %llu refused %llu\n", relayed, refused);
    for (int i = 0; i < ports; i++) {
        pcap_close(p[i]);
    }
    return 0;
}
