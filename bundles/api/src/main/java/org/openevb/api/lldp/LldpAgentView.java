package org.openevb.api.lldp;

import java.util.List;

/**
 * An LLDP agent as the platform shows it (a table row, a JSON document): a snapshot.
 *
 * @param port the port it runs on
 * @param address its group address
 * @param adminStatus {@code rxtx}, {@code tx}, {@code rx} or {@code disabled}
 * @param txIntervalSeconds seconds between two LLDPDUs (outside fast transmission)
 * @param ttlSeconds the TTL it announces
 * @param neighbours the IDs of the neighbours heard and not aged out
 * @param counters its counters
 */
public record LldpAgentView(String port, LldpAddress address, String adminStatus, int txIntervalSeconds,
        int ttlSeconds, List<String> neighbours, LldpAgentCounters counters) {

    public LldpAgentView {
        neighbours = List.copyOf(neighbours);
    }

    /** A snapshot of {@code agent}. */
    public static LldpAgentView of(LldpAgent agent) {
        return new LldpAgentView(agent.port(), agent.address(), agent.adminStatus(), agent.txIntervalSeconds(),
                agent.ttlSeconds(), agent.neighbours().stream().map(LldpNeighbour::id).toList(), agent.counters());
    }
}
