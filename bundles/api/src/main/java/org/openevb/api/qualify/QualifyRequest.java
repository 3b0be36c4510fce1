package org.openevb.api.qualify;

import java.util.List;

/**
 * What to qualify, and how.
 *
 * @param port          the port cabled to the peer
 * @param probes        probe ids to run, in order (empty: every probe)
 * @param pcap          the file the session's frames are written to
 * @param listenSeconds how long listening probes (P1) listen, 1..600
 * @param allowFlood    whether probes may send what a bridge floods (P3's unknown unicast, broadcast, multicast)
 */
public record QualifyRequest(String port, List<String> probes, String pcap, int listenSeconds, boolean allowFlood) {

    public QualifyRequest {
        probes = List.copyOf(probes);
    }
}
