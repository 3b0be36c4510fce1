package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortRegistry;
import org.openevb.codec.lldp.LldpTlv;

/** Frames and directories for the tests. */
final class Peers {
    static final long PEER_MAC = 0x02AA_0000_0001L;
    static final long OUR_MAC = 0x0200_0000_00F0L;

    private Peers() {
    }

    static PortRegistry directory(Port port) {
        return directory(List.of(port));
    }

    /** A registry of these ports, by name. */
    static PortRegistry directory(List<Port> all) {
        return new PortRegistry() {
            @Override
            public List<Port> ports() {
                return all;
            }

            @Override
            public Optional<Port> port(String name) {
                return all.stream().filter(p -> p.name().equals(name)).findFirst();
            }

            @Override
            public Following follow(org.openevb.api.port.PortListener listener) {
                return () -> { };
            }
        };
    }

    /** An LLDPDU of the peer, to {@code group}. */
    static byte[] peerLldpdu(long group, int ttl, LldpTlv... extra) {
        return KitFrames.lldpdu(group, PEER_MAC, "swp7", ttl, new ArrayList<>(List.of(extra)));
    }
}
