package org.openevb.api.bridge;

import java.util.Locale;
import org.openevb.api.view.Keyed;

/** What a port is to its bridge. */
public enum PortRole implements Keyed {
    /** A port of an 802.1Q bridge (bridge side), possibly with reflective relay. */
    BRIDGE,
    /** The uplink of an edge relay (station side), towards the adjacent bridge. */
    UPLINK,
    /** A VM-facing port of an edge relay (station side). */
    VSI;

    /** The name in configuration, tables and JSON: {@code bridge}, {@code uplink} or {@code vsi}. */
    @Override
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
