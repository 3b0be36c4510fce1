/*
 * forwarder: the simplest libpcap forwarder, the reference point of bench/veth-bench.
 *
 * Reads every frame arriving on IN (immediate mode, direction in) with pcap_next_ex and sends it
 * unchanged out of OUT with pcap_inject, one direction only, until SIGINT or SIGTERM. On exit it
 * prints one line: frames forwarded, frames the send refused, and what libpcap says the kernel
 * dropped on IN.
 *
 *   cc -O2 -o forwarder forwarder.c -lpcap
 *   forwarder IN OUT
 */
#include <pcap/pcap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pcap_t *in;
static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
    (void) sig;
    stopping = 1;
    if (in != NULL) {
        pcap_breakloop(in); /* wakes a pcap_next_ex waiting in poll */
    }
}

static pcap_t *open_port(const char *name, int capture)
{
    char error[PCAP_ERRBUF_SIZE] = "";
    pcap_t *p = pcap_create(name, error);
    if (p == NULL) {
        fprintf(stderr, "forwarder: %s: %s\n", name, error);
        exit(1);
    }
    pcap_set_snaplen(p, 65535);
    pcap_set_promisc(p, capture);
    pcap_set_immediate_mode(p, 1);
    pcap_set_timeout(p, 100);
    if (capture) {
        pcap_set_buffer_size(p, 4 << 20);
    }
    int status = pcap_activate(p);
    if (status < 0) {
        fprintf(stderr, "forwarder: %s: %s\n", name, pcap_geterr(p));
        exit(1);
    }
    if (capture && pcap_setdirection(p, PCAP_D_IN) != 0) {
        fprintf(stderr, "forwarder: %s: direction in: %s\n", name, pcap_geterr(p));
        exit(1);
    }
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: forwarder IN OUT\n");
        return 2;
    }
    in = open_port(argv[1], 1);
    pcap_t *out = open_port(argv[2], 0);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll returns EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    unsigned long long forwarded = 0, refused = 0;
    struct pcap_pkthdr *header;
    const u_char *bytes;
    while (!stopping) {
        int r = pcap_next_ex(in, &header, &bytes);
        if (r == 1) {
            if (pcap_inject(out, bytes, header->caplen) == (int) header->caplen) {
                forwarded++;
            } else {
                refused++;
            }
        } else if (r == 0) {
            continue; /* read timeout, nothing arrived */
        } else if (r == PCAP_ERROR_BREAK) {
            break;
        } else {
            fprintf(stderr, "forwarder: %s: %s\n", argv[1], pcap_geterr(in));
            return 1;
        }
    }
    struct pcap_stat st = { 0 };
    pcap_stats(in, &st);
    printf("forwarded %llu refused %llu kernel_drops %u\n", forwarded, refused, st.ps_drop);
    pcap_close(out);
    pcap_close(in);
    return 0;
}
