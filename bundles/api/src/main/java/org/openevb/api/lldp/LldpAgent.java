package org.openevb.api.lldp;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** One LLDP agent: one port, one group address. */
@ProviderType
public interface LldpAgent {

    /** The name of the port it runs on. */
    String port();

    LldpAddress address();

    /** {@code rxtx}, {@code tx}, {@code rx} or {@code disabled}. */
    String adminStatus();

    /** Seconds between two LLDPDUs (outside fast transmission). */
    int txIntervalSeconds();

    /** The TTL this agent announces. */
    int ttlSeconds();

    /** The neighbours heard and not aged out, by ID. */
    List<LldpNeighbour> neighbours();

    LldpAgentCounters counters();
}
