package org.openevb.evb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openevb.evb.internal.EvbNegotiationTest.settings;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.evb.EvbPortStatus;
import org.openevb.api.lldp.LldpAddress;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpNeighbour;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.port.internal.PortConfigs;

/** The EVB service around the negotiation: what it does with what the LLDP agent hands it. */
class EvbServiceTest {

    /** What the service told the bridges about the adjacent bridge's reflective relay, in order. */
    private final List<Object> peerRelay = new ArrayList<>();
    private final BridgeRegistry bridges = (BridgeRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BridgeRegistry.class}, (proxy, method, args) -> {
                if (method.getName().equals("setPeerReflectiveRelay")) {
                    peerRelay.add(args[1] == null ? "none" : args[1]);
                }
                return null;
            });
    private final LldpAgent agent = (LldpAgent) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {LldpAgent.class}, (proxy, method, args) -> switch (method.getName()) {
                case "port" -> "up";
                case "address" -> LldpAddress.NEAREST_CUSTOMER_BRIDGE;
                default -> null;
            });

    private static LldpNeighbour from(LldpTlv... tlvs) {
        return new LldpNeighbour("02:00:00:00:00:99", "swp1", 120, 120_000, "switch", 0x020000000099L, Lldpdu.of(tlvs));
    }

    @Test
    void aMalformedEvbTlvFromThePeerIsCountedAndTheLastGoodOneStaysInUse() {
        EvbServiceImpl service = new EvbServiceImpl(bridges);
        Map<String, Object> station = new HashMap<>(Map.of("ports", "up", "role", "station"));
        new EvbConfigComponent(service, PortConfigs.of(EvbConfig.class, station));
        service.addresses("up"); // the LLDP service asks: the port's exchange starts
        EvbTlv asked = EvbNegotiation.local(settings("ports", "up", "role", "station"), null);
        LldpTlv grant = EvbNegotiation.local(settings("ports", "down", "role", "bridge"), asked).toTlv();

        service.received(agent, from(grant));
        assertEquals(List.of(true), peerRelay, "granted");
        LldpTlv cut = new LldpTlv(grant.type(), Arrays.copyOf(grant.value(), grant.value().length - 1));
        for (int i = 0; i < 5; i++) {
            service.received(agent, from(cut));
        }
        EvbPortStatus status = service.ports().get(0);
        assertEquals(List.of(true), peerRelay, "not withdrawn and granted again: a bad TLV is not a withdrawn one");
        assertEquals("negotiated", status.state());
        assertEquals(5, status.malformedTlvs());
        assertEquals(1, status.remoteTlvs());

        service.received(agent, from());
        assertEquals(List.of(true, "none"), peerRelay, "a TLV really withdrawn still counts as withdrawn");
    }
}
