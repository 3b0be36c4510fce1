package org.openevb.api.lldp;

import java.util.Locale;
import java.util.Optional;
import org.openevb.api.view.Keyed;

/** The group addresses an LLDP agent sends to; each scope has its own agent on a port. */
public enum LldpAddress implements Keyed {
    /** 01-80-C2-00-00-0E: ordinary LLDP, never forwarded by any bridge. */
    NEAREST_BRIDGE(0x0180C200000EL, "nearest-bridge"),
    /** 01-80-C2-00-00-00: passes S-VLAN components, so it runs end to end over an S-channel (EVB TLV). */
    NEAREST_CUSTOMER_BRIDGE(0x0180C2000000L, "nearest-customer-bridge"),
    /** 01-80-C2-00-00-03: stops at the first S-VLAN component (CDCP, once per physical link). */
    NEAREST_NON_TPMR_BRIDGE(0x0180C2000003L, "nearest-nontpmr-bridge");

    private final long mac;
    private final String key;

    LldpAddress(long mac, String key) {
        this.mac = mac;
        this.key = key;
    }

    public long mac() {
        return mac;
    }

    /** The name used in configuration, tables and JSON, e.g. {@code nearest-customer-bridge}. */
    @Override
    public String key() {
        return key;
    }

    /** The address with this MAC, if it is one of these. */
    public static Optional<LldpAddress> of(long mac) {
        for (LldpAddress a : values()) {
            if (a.mac == mac) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Parses a key, also the short forms {@code nb}, {@code ncb}, {@code nntpmr}. */
    public static Optional<LldpAddress> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "nb":
                return Optional.of(NEAREST_BRIDGE);
            case "ncb":
                return Optional.of(NEAREST_CUSTOMER_BRIDGE);
            case "nntpmr":
                return Optional.of(NEAREST_NON_TPMR_BRIDGE);
            default:
                for (LldpAddress a : values()) {
                    if (a.key.equals(t)) {
                        return Optional.of(a);
                    }
                }
                return Optional.empty();
        }
    }
}
