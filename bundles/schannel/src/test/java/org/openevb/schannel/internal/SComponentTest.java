package org.openevb.schannel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openevb.api.lldp.LldpAddress;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpNeighbour;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
import org.openevb.api.schannel.SChannelDropReason;
import org.openevb.codec.Frame;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.port.internal.PortConfigs;
import org.openevb.port.internal.PortRegistryImpl;

/** The S-VLAN component around CDCP: what it does with what the LLDP agent hands it. */
class SComponentTest {

    @Test
    void aMalformedCdcpTlvIsCountedAndChangesNothing() {
        PortRegistryImpl directory = new PortRegistryImpl();
        SChannelRegistry registry = new SChannelRegistry(directory);
        SComponent component = new SComponent(registry, port -> () -> { },
                PortConfigs.of(SChannelConfig.class, Map.of("port", "up", "role", "station")));
        LldpAgent agent = (LldpAgent) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {LldpAgent.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "port" -> "up";
                    case "address" -> LldpAddress.NEAREST_NON_TPMR_BRIDGE;
                    default -> null;
                });
        LldpTlv good = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 4, 0, 0, List.of(new ChannelPair(1, 1))).toTlv();
        LldpTlv cut = new LldpTlv(good.type(), Arrays.copyOf(good.value(), good.value().length - 1));
        var before = component.status();
        for (int i = 0; i < 3; i++) {
            component.received(agent, new LldpNeighbour("02:00:00:00:00:99", "swp1", 120, 120_000, "switch",
                    0x020000000099L, Lldpdu.of(cut)));
        }
        var after = component.status();
        assertEquals(3L, after.dropsByReason().get(SChannelDropReason.MALFORMED_CDCP));
        assertEquals(before.remote(), after.remote(), "the peer's last good TLV (none yet) is kept");
        assertEquals(before.channels(), after.channels());
    }

    /** A carrier port (what the S-VLAN component claims): UP, records nothing. */
    private static Port carrier(String name) {
        return (Port) Proxy.newProxyInstance(SComponentTest.class.getClassLoader(), new Class<?>[] {Port.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> name;
                    case "state" -> PortState.UP;
                    case "macAddress" -> 0x020000000001L;
                    case "mtu" -> 1600;
                    case "claim" -> true;
                    case "kind" -> "interface";
                    default -> null;
                });
    }

    @Test
    void theStationsChannelsComeUpWithTheBridgesAssignmentAndGoWithIt() {
        PortRegistryImpl directory = new PortRegistryImpl();
        SChannelRegistry registry = new SChannelRegistry(directory);
        Map<String, Port> published = new TreeMap<>();
        SComponent station = new SComponent(registry, port -> {
            published.put(port.name(), port);
            return () -> published.remove(port.name());
        }, PortConfigs.of(SChannelConfig.class, Map.of("port", "up", "role", "station", "channels", "2,3")));
        directory.addPublished(carrier("up"));
        assertEquals(List.of("up-ch1", "up-ch2", "up-ch3"), List.copyOf(published.keySet()),
                "the default channel and the two asked for, published while they wait");
        assertEquals(PortState.DOWN, published.get("up-ch2").state());
        assertEquals("waiting for CDCP from the peer", published.get("up-ch2").reason());

        LldpAgent agent = agent();
        // the bridge assigns S-VID 100 to SCID 2 only (its pool ran out)
        LldpTlv assigning = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 4, 0, 0,
                List.of(new ChannelPair(1, 1), new ChannelPair(2, 100))).toTlv();
        station.received(agent, neighbour(assigning));
        assertEquals(PortState.UP, published.get("up-ch2").state());
        assertEquals(PortState.DOWN, published.get("up-ch3").state());
        assertEquals("waiting for the peer to agree on the S-VID", published.get("up-ch3").reason());

        // the bridge stops sending CDCP: the channels wait again
        station.received(agent, neighbour());
        assertEquals(PortState.DOWN, published.get("up-ch2").state());
        station.deactivate();
        assertEquals(List.of(), List.copyOf(published.keySet()), "every channel port withdrawn");
    }

    private static LldpAgent agent() {
        return (LldpAgent) Proxy.newProxyInstance(SComponentTest.class.getClassLoader(),
                new Class<?>[] {LldpAgent.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "port" -> "up";
                    case "address" -> LldpAddress.NEAREST_NON_TPMR_BRIDGE;
                    default -> null;
                });
    }

    private static LldpNeighbour neighbour(LldpTlv... tlvs) {
        return new LldpNeighbour("02:00:00:00:00:99", "swp1", 120, 120_000, "switch", 0x020000000099L, Lldpdu.of(tlvs));
    }

    @Test
    void onlyWholeSTaggedFramesOfAChannelThatIsUpReachIt() {
        PortRegistryImpl directory = new PortRegistryImpl();
        SChannelRegistry registry = new SChannelRegistry(directory);
        Map<String, Port> published = new TreeMap<>();
        SComponent station = new SComponent(registry, port -> {
            published.put(port.name(), port);
            return () -> published.remove(port.name());
        }, PortConfigs.of(SChannelConfig.class, Map.of("port", "up", "role", "station", "cdcp", "false",
                "channels", "2:10")));
        Port carrier = carrier("up");
        directory.addPublished(carrier);
        List<String> delivered = new ArrayList<>();
        published.get("up-ch2").claim("test", (port, f) -> delivered.add(HexFormat.of().formatHex(f.toByteArray())));
        String macs = "ffffffffffff" + "020000000001";
        for (String frame : new String[] {
            macs + "88a8000a" + "08004500",              // channel 2: delivered, S-tag removed
            macs + "0800",                               // shorter than any S-tagged frame
            macs + "0800" + "00".repeat(46),             // untagged
            macs + "8100000a" + "0800" + "00".repeat(42), // C-tag only
            macs + "88a8000b" + "0800",                  // S-VID 11: no channel
            macs + "88a8000a" + "88a8000a" + "0800",     // a second S-tag inside
            macs + "88a8000a" + "9100000a" + "0800",     // a legacy Q-in-Q tag inside
            macs + "88a8000a" + "08",                    // S-tag cut short
            macs + "89268000000a" + "08",                // VN-Tag cut short
            macs + "893f0000000a0000" + "08"}) {         // E-Tag cut short
            byte[] b = HexFormat.of().parseHex(frame);
            Frame f = new Frame(1600);
            f.copyFrom(b, 0, b.length);
            station.receive(carrier, f);
        }
        assertEquals(List.of(macs + "08004500"), delivered);
        var drops = station.status().dropsByReason();
        assertEquals(2L, drops.get(SChannelDropReason.UNTAGGED));
        assertEquals(1L, drops.get(SChannelDropReason.UNKNOWN_SVID));
        assertEquals(2L, drops.get(SChannelDropReason.STACKED_S_TAG));
        assertEquals(4L, drops.get(SChannelDropReason.MALFORMED), "a runt, and a tag of any kind cut short: never taken as untagged");
        station.deactivate();
    }

    @Test
    void aHalfWrittenFileKeepsTheChannelsUp() {
        PortRegistryImpl directory = new PortRegistryImpl();
        SChannelRegistry registry = new SChannelRegistry(directory);
        Map<String, Port> published = new TreeMap<>();
        SComponent station = new SComponent(registry, port -> {
            published.put(port.name(), port);
            return () -> published.remove(port.name());
        }, PortConfigs.of(SChannelConfig.class, Map.of("port", "up", "role", "station", "cdcp", "false",
                "channels", "2:10")));
        directory.addPublished(carrier("up"));
        assertEquals(PortState.UP, published.get("up-ch2").state());
        station.modified(PortConfigs.of(SChannelConfig.class, Map.of()),
                Map.of("felix.fileinstall.filename", "file:/opt/evb/etc/org.openevb.schannel-up.cfg"));
        assertEquals(PortState.UP, published.get("up-ch2").state(), "still up");
        assertEquals("file /opt/evb/etc/org.openevb.schannel-up.cfg is invalid (port: missing): running the last good "
                + "configuration", station.status().status());
        station.modified(PortConfigs.of(SChannelConfig.class, Map.of("port", "up", "role", "station", "cdcp", "false",
                "channels", "2:10,3:20")), Map.of());
        assertEquals("ok", station.status().status());
        assertEquals(PortState.UP, published.get("up-ch3").state());
        station.deactivate();
    }

    @Test
    void aBridgePortWithQinqRefusesCdcpAndKeepsItsFixedChannels() {
        PortRegistryImpl directory = new PortRegistryImpl();
        SChannelRegistry registry = new SChannelRegistry(directory);
        Map<String, Port> published = new TreeMap<>();
        SComponent bridge = new SComponent(registry, port -> {
            published.put(port.name(), port);
            return () -> published.remove(port.name());
        }, PortConfigs.of(SChannelConfig.class, Map.of("port", "up", "role", "bridge", "qinq", "true",
                "channels", "2:10")));
        directory.addPublished(carrier("up"));
        assertEquals(java.util.Set.of(), bridge.addresses("up"), "no LLDP agent started for CDCP");
        // a station asks for SCIDs 2 and 3: not answered, nothing created
        LldpTlv asking = new CdcpTlv(CdcpTlv.ROLE_STATION, true, 8, 0, 0,
                List.of(new ChannelPair(1, 1), new ChannelPair(2, 0), new ChannelPair(3, 0))).toTlv();
        bridge.received(agent(), neighbour(asking));
        assertEquals(List.of(), bridge.tlvs(agent()), "no CDCP TLV sent");
        var status = bridge.status();
        assertEquals(null, status.remote(), "the station's TLV is not taken");
        assertEquals("CDCP refused: QinQ is configured on the port (qinq)", status.status());
        assertEquals(List.of("up-ch1", "up-ch2"), List.copyOf(published.keySet()), "the fixed channel only");
        assertEquals(PortState.UP, published.get("up-ch2").state());

        // QinQ removed: CDCP runs and answers the station
        bridge.modified(PortConfigs.of(SChannelConfig.class, Map.of("port", "up", "role", "bridge", "svid.pool", "100-199")),
                Map.of());
        assertEquals(java.util.Set.of(LldpAddress.NEAREST_NON_TPMR_BRIDGE), bridge.addresses("up"));
        bridge.received(agent(), neighbour(asking));
        assertEquals(1, bridge.tlvs(agent()).size());
        assertEquals("ok", bridge.status().status());
        bridge.deactivate();
    }

    @Test
    void manualChannelsAsAccessPortsCarryNoCTaggedFrameEitherWay() {
        PortRegistryImpl directory = new PortRegistryImpl();
        SChannelRegistry registry = new SChannelRegistry(directory);
        Map<String, Port> published = new TreeMap<>();
        SComponent bridge = new SComponent(registry, port -> {
            published.put(port.name(), port);
            return () -> published.remove(port.name());
        }, PortConfigs.of(SChannelConfig.class, Map.of("port", "up", "role", "bridge", "qinq", "true",
                "channels", "2:10", "manual_channels", "access")));
        List<String> sent = new ArrayList<>();
        Port carrier = (Port) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Port.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "up";
                    case "state" -> PortState.UP;
                    case "macAddress" -> 0x020000000001L;
                    case "mtu" -> 1600;
                    case "claim" -> true;
                    case "kind" -> "interface";
                    case "send" -> sent.add(HexFormat.of().formatHex(((Frame) args[0]).toByteArray()));
                    default -> null;
                });
        directory.addPublished(carrier);
        Port ch2 = published.get("up-ch2");
        List<String> delivered = new ArrayList<>();
        ch2.claim("test", (port, f) -> delivered.add(HexFormat.of().formatHex(f.toByteArray())));
        String macs = "ffffffffffff" + "020000000001";
        for (String frame : new String[] {macs + "88a8000a" + "0800" + "4500", macs + "88a8000a" + "81000064" + "0800"}) {
            byte[] b = HexFormat.of().parseHex(frame);
            Frame f = new Frame(1600);
            f.copyFrom(b, 0, b.length);
            bridge.receive(carrier, f);
        }
        assertEquals(List.of(macs + "08004500"), delivered, "the untagged frame only");
        for (String frame : new String[] {macs + "0800" + "4500", macs + "81000064" + "0800"}) {
            byte[] b = HexFormat.of().parseHex(frame);
            Frame f = new Frame(64, 1600);
            f.copyFrom(b, 0, b.length);
            ch2.send(f);
        }
        assertEquals(List.of(macs + "88a8000a" + "08004500"), sent, "sent S-tagged, the C-tagged frame refused");
        assertEquals(2L, bridge.status().dropsByReason().get(SChannelDropReason.C_TAGGED_ON_ACCESS), "one each way");

        // trunks (the default): C-tagged frames pass
        bridge.modified(PortConfigs.of(SChannelConfig.class, Map.of("port", "up", "role", "bridge", "qinq", "true",
                "channels", "2:10")), Map.of());
        byte[] b = HexFormat.of().parseHex(macs + "88a8000a" + "81000064" + "0800");
        Frame f = new Frame(1600);
        f.copyFrom(b, 0, b.length);
        bridge.receive(carrier, f);
        assertEquals(macs + "810000640800", delivered.get(delivered.size() - 1));
        bridge.deactivate();
    }
}
