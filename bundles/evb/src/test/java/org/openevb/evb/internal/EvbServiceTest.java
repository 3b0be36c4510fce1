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
    /** What the service told the bridges about their own ports' negotiated reflective relay, in order. */
    private final List<Object> negotiated = new ArrayList<>();
    private final BridgeRegistry bridges = (BridgeRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BridgeRegistry.class}, (proxy, method, args) -> {
                if (method.getName().equals("setPeerReflectiveRelay")) {
                    peerRelay.add(args[1] == null ? "none" : args[1]);
                }
                if (method.getName().equals("setNegotiatedReflectiveRelay")) {
                    negotiated.add(args[0] + "=" + (args[1] == null ? "none" : args[1]));
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
        new EvbConfigComponent(service, PortConfigs.of(EvbConfig.class, station), Map.of());
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

    private final List<EvbConfigComponent> configs = new ArrayList<>();

    private EvbServiceImpl service(String... keyValues) {
        EvbServiceImpl service = new EvbServiceImpl(bridges);
        Map<String, Object> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i].replace('.', '_'), keyValues[i + 1]);
        }
        configs.add(new EvbConfigComponent(service, PortConfigs.of(EvbConfig.class, config), Map.of()));
        service.addresses("up");
        return service;
    }

    @Test
    void theStationLosesTheGrantWhenThePeerAgesOut() {
        EvbServiceImpl service = service("ports", "up", "role", "station");
        EvbTlv asked = EvbNegotiation.local(settings("ports", "up", "role", "station"), null);
        LldpNeighbour peer = from(EvbNegotiation.local(settings("ports", "down", "role", "bridge"), asked).toTlv());
        service.received(agent, peer);
        service.received(agent, peer); // the same grant again changes nothing
        assertEquals(List.of(true), peerRelay);
        // the configuration's file read half-written: the last good settings stay, nothing is withdrawn
        configs.get(0).modified(PortConfigs.of(EvbConfig.class, Map.of("ports", "")),
                Map.of("felix.fileinstall.filename", "file:/opt/evb/etc/org.openevb.evb-up.cfg"));
        service.received(agent, peer);
        assertEquals(List.of(true), peerRelay);
        assertEquals("negotiated", service.ports().get(0).state());
        service.gone(agent, peer); // its TTL ran out in the LLDP agent
        assertEquals(List.of(true, "none"), peerRelay, "withdrawn: mode auto falls back to VEB");
        assertEquals("waiting", service.ports().get(0).state());
    }

    @Test
    void theBridgeGrantsTheStationAndUsesTheLargerTimersWithRol() {
        EvbServiceImpl service = service("ports", "up", "role", "bridge");
        // a station asking for reflective relay with longer RWD and RKA than the bridge's defaults
        EvbTlv station = EvbNegotiation.local(settings("ports", "x", "role", "station", "vdp.rwd", "22", "vdp.rka", "22"),
                null);
        service.received(agent, from(station.toTlv()));
        assertEquals(List.of("up=true"), negotiated, "reflective relay on, source negotiated");
        EvbPortStatus s = service.ports().get(0);
        assertEquals("negotiated", s.state());
        assertEquals(22, s.rwd());
        assertEquals(22, s.rka());
        assertEquals(true, s.local().rolRwd(), "the remote value is the one used (ROL)");
        assertEquals(true, s.local().rrctr());

        // the station stops asking: the bridge withdraws reflective relay
        EvbTlv notAsking = EvbNegotiation.local(settings("ports", "x", "role", "station", "reflective.relay", "false"),
                null);
        service.received(agent, from(notAsking.toTlv()));
        assertEquals(List.of("up=true", "up=false"), negotiated);
    }

    @Test
    void aLinkAggregationMemberSendsNoTlvGrantsNothingAndSaysWhy() {
        EvbServiceImpl service = service("ports", "up", "role", "bridge", "lag.members", "up");
        LldpNeighbour asking = from(EvbNegotiation.local(settings("ports", "x", "role", "station"), null).toTlv());
        service.received(agent, asking);
        assertEquals(List.of(), service.tlvs(agent), "LLDP goes on without the EVB TLV");
        assertEquals(List.of(), negotiated, "no reflective relay");
        EvbPortStatus s = service.ports().get(0);
        assertEquals("refused: link-aggregation member (lag.members)", s.state());
        assertEquals(0, s.remoteTlvs(), "the station's TLV is not taken");

        // the port leaves the aggregation: EVB runs and grants what the station asks
        configs.get(0).modified(PortConfigs.of(EvbConfig.class, Map.of("ports", "up", "role", "bridge")), Map.of());
        assertEquals(1, service.tlvs(agent).size());
        service.received(agent, asking);
        assertEquals(List.of("up=true"), negotiated);
        assertEquals("negotiated", service.ports().get(0).state());

        // declared a member again while granted: the grant is withdrawn at once, the TLV no longer sent
        configs.get(0).modified(PortConfigs.of(EvbConfig.class, Map.of("ports", "up", "role", "bridge", "lag_members",
                "up")), Map.of());
        assertEquals(List.of("up=true", "up=none"), negotiated);
        assertEquals(List.of(), service.tlvs(agent));
        service.received(agent, asking);
        assertEquals(List.of("up=true", "up=none"), negotiated, "and not granted again");
        assertEquals("refused: link-aggregation member (lag.members)", service.ports().get(0).state());
    }

    @Test
    void theStatusSaysWhetherVdpMayRun() {
        EvbServiceImpl service = service("ports", "up", "role", "bridge");
        assertEquals(true, service.ports().get(0).vdp());
        configs.get(0).modified(PortConfigs.of(EvbConfig.class, Map.of("ports", "up", "role", "bridge", "vdp", "off")),
                Map.of());
        assertEquals(false, service.ports().get(0).vdp(), "the VDP service reads this to leave the port alone");
    }
}
