package org.openevb.api.bridge;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** All bridges of this platform, and the forwarding modes present. */
@ProviderType
public interface BridgeRegistry {

    /** Every configured bridge, sorted by name. */
    List<Bridge> bridges();

    Optional<Bridge> bridge(String name);

    /** Names of the forwarding modes whose bundles are present now, sorted. */
    List<String> modes();

    /**
     * Reflective relay for a port as the EVB TLV exchange decided it (the bridge role: RRCTR).
     * Kept by port name, so it applies to whatever bridge has the port, also after that bridge is
     * reconfigured; an admin setting in the bridge's configuration overrides it.
     *
     * @param on whether the port reflects, or null when nothing is negotiated (any more)
     */
    void setNegotiatedReflectiveRelay(String port, Boolean on);

    /**
     * Whether the adjacent bridge reflects frames this station sends on the port (the station
     * role: RRSTAT), as the EVB TLV exchange reported it; an edge relay in mode {@code auto} runs
     * VEPA only while its uplink's is true.
     *
     * @param granted true or false as the bridge said, or null when unknown (no EVB TLV from it)
     */
    void setPeerReflectiveRelay(String port, Boolean granted);
}
