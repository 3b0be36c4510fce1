package org.openevb.schannel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.ChannelPair;
import org.openevb.port.internal.PortConfigs;

class CdcpTest {

    static SChannelSettings settings(String... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i].replace('.', '_'), keyValues[i + 1]);
        }
        return SChannelSettings.from(PortConfigs.of(SChannelConfig.class, m));
    }

    @Test
    void stationAsksBridgeAssignsBothAgree() {
        SChannelSettings station = settings("port", "up", "role", "station", "channels", "2,3,4");
        SChannelSettings bridge = settings("port", "down", "role", "bridge", "svid.pool", "100-199");
        Map<Integer, Integer> allocation = new HashMap<>();

        Cdcp.Outcome s1 = Cdcp.station(station, null);
        assertEquals(List.of(new ChannelPair(1, 1), new ChannelPair(2, 0), new ChannelPair(3, 0), new ChannelPair(4, 0)),
                s1.local().pairs());
        assertEquals(Map.of(1, 1), s1.up());
        assertEquals(3, s1.pending().size());

        Cdcp.Outcome b1 = Cdcp.bridge(bridge, s1.local(), allocation);
        assertEquals(CdcpTlv.ROLE_BRIDGE, b1.local().role());
        assertEquals(List.of(new ChannelPair(1, 1), new ChannelPair(2, 100), new ChannelPair(3, 101),
                new ChannelPair(4, 102)), b1.local().pairs());
        assertEquals(Map.of(1, 1), b1.up(), "not up until the station echoes the S-VIDs");

        Cdcp.Outcome s2 = Cdcp.station(station, b1.local());
        assertEquals(Map.of(1, 1, 2, 100, 3, 101, 4, 102), s2.up());
        Cdcp.Outcome b2 = Cdcp.bridge(bridge, s2.local(), allocation);
        assertEquals(Map.of(1, 1, 2, 100, 3, 101, 4, 102), b2.up());
        assertTrue(b2.problems().isEmpty());
    }

    @Test
    void aChannelTheStationDropsIsReleasedAndItsSvidReused() {
        SChannelSettings bridge = settings("port", "down", "role", "bridge", "svid.pool", "100-101");
        Map<Integer, Integer> allocation = new HashMap<>();
        Cdcp.bridge(bridge, stationTlv(8, 2, 3), allocation);
        assertEquals(Map.of(2, 100, 3, 101), allocation);
        Cdcp.bridge(bridge, stationTlv(8, 3), allocation);
        assertEquals(Map.of(3, 101), allocation);
        Cdcp.bridge(bridge, stationTlv(8, 3, 5), allocation);
        assertEquals(Map.of(3, 101, 5, 100), allocation, "an assignment stays; the freed S-VID goes to the new SCID");
    }

    @Test
    void poolExhaustionAndCapacityAreReported() {
        SChannelSettings bridge = settings("port", "down", "role", "bridge", "svid.pool", "100-101");
        Map<Integer, Integer> allocation = new HashMap<>();
        Cdcp.Outcome o = Cdcp.bridge(bridge, stationTlv(8, 2, 3, 4), allocation);
        assertEquals(List.of("S-VID pool 100-101 exhausted: SCID 4 not assigned"), o.problems());
        allocation.clear();
        o = Cdcp.bridge(bridge, stationTlv(2, 2, 3), allocation);
        assertEquals(List.of("channel capacity 2 reached: SCID 3 not assigned"), o.problems());
    }

    @Test
    void conflictsAreReported() {
        SChannelSettings bridge = settings("port", "down", "role", "bridge");
        Map<Integer, Integer> allocation = new HashMap<>();
        CdcpTlv twice = new CdcpTlv(CdcpTlv.ROLE_STATION, true, 8,
                List.of(new ChannelPair(1, 1), new ChannelPair(2, 0), new ChannelPair(2, 0), new ChannelPair(0, 0)));
        List<String> problems = Cdcp.bridge(bridge, twice, allocation).problems();
        assertTrue(problems.contains("the station lists SCID 2 twice"), problems.toString());
        assertTrue(problems.contains("the station asked for SCID 0, which is reserved"), problems.toString());

        CdcpTlv otherBridge = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 8, List.of(new ChannelPair(1, 1)));
        assertEquals(List.of("the peer is also a bridge (CDCP role B); no channels assigned"),
                Cdcp.bridge(bridge, otherBridge, allocation).problems());

        SChannelSettings station = settings("port", "up", "role", "station", "channels", "2,3");
        CdcpTlv clash = new CdcpTlv(CdcpTlv.ROLE_BRIDGE, true, 8,
                List.of(new ChannelPair(1, 1), new ChannelPair(2, 50), new ChannelPair(3, 50)));
        Cdcp.Outcome o = Cdcp.station(station, clash);
        assertEquals(List.of("the bridge assigned S-VID 50 to SCIDs 2 and 3"), o.problems());
        assertEquals(Map.of(1, 1), o.up(), "an S-VID given twice serves neither channel");
    }

    @Test
    void theDefaultChannelIsAlwaysUpAndFixedChannelsNeedNoPeer() {
        SChannelSettings fixed = settings("port", "up", "role", "station", "cdcp", "false", "channels", "2:10,3:20");
        Cdcp.Outcome o = Cdcp.fixed(fixed);
        assertNull(o.local());
        assertEquals(Map.of(1, 1, 2, 10, 3, 20), o.up());
    }

    @Test
    void badConfigurationNamesTheKey() {
        assertEquals(List.of("channels: '3:10' is not a free S-VID (10 is already used by another channel)"),
                settings("port", "p", "cdcp", "false", "channels", "2:10,3:10").errors());
        assertEquals(List.of("channels: '200' is not an SCID in 1..167"), settings("port", "p", "channels", "200").errors());
        assertEquals(List.of("svid.pool: '5-2' is not a range LOW-HIGH within 2..4094"),
                settings("port", "p", "role", "bridge", "svid.pool", "5-2").errors());
        assertEquals(List.of("channels: 'x' is not an SCID"), settings("port", "p", "channels", "x").errors());
        assertEquals(List.of("channel.capacity: '2' is not at least the 3 channels configured"),
                settings("port", "p", "channels", "2, 3", "channel.capacity", "2").errors());
    }

    @Test
    void aBadValueOfEachKindIsNamedWithItsKeyAndWhatTheKeyTakes() {
        assertEquals(List.of("channel.capacity: '0' is not a whole number in 1..167"),
                settings("port", "p", "role", "bridge", "channel.capacity", "0").errors());
        assertEquals(List.of("channel.capacity: 'lots' is not a whole number in 1..167"),
                settings("port", "p", "role", "bridge", "channel.capacity", "lots").errors());
        assertEquals(List.of("cdcp: 'maybe' is not true or false"),
                settings("port", "p", "role", "bridge", "cdcp", "maybe").errors());
        assertEquals(List.of("role: 'switch' is not one of station, bridge"), settings("port", "p", "role", "switch").errors());
    }

    private static CdcpTlv stationTlv(int capacity, int... scids) {
        List<ChannelPair> pairs = new java.util.ArrayList<>();
        pairs.add(new ChannelPair(1, 1));
        for (int s : scids) {
            pairs.add(new ChannelPair(s, 0));
        }
        return new CdcpTlv(CdcpTlv.ROLE_STATION, true, capacity, pairs);
    }

    @Test
    void qinqRefusesCdcpAndTakesFixedPairsOnly() {
        SChannelSettings qinq = settings("port", "p", "role", "bridge", "qinq", "true", "channels", "2:10");
        assertTrue(qinq.valid(), qinq.errors().toString());
        assertEquals(false, qinq.cdcp(), "CDCP does not run although 'cdcp' is true by default");
        assertEquals("CDCP refused: QinQ is configured on the port (qinq)", Cdcp.refusal(qinq));
        assertEquals(Map.of(1, 1, 2, 10), Cdcp.fixed(qinq).up());
        assertNull(Cdcp.refusal(settings("port", "p", "role", "bridge")));
        assertEquals(List.of("channels: '2' is not SCID:SVID with SVID 2..4094"),
                settings("port", "p", "role", "bridge", "qinq", "yes", "channels", "2").errors());
        assertEquals(List.of("qinq: 'maybe' is not true or false"), settings("port", "p", "qinq", "maybe").errors());
    }

    @Test
    void manualChannelsAreAccessPortsWhenSaidSoAndCdcpChannelsTrunks() {
        assertTrue(Cdcp.access(settings("port", "p", "role", "bridge", "cdcp", "false", "channels", "2:10",
                "manual.channels", "access")));
        assertTrue(Cdcp.access(settings("port", "p", "role", "bridge", "qinq", "true", "channels", "2:10",
                "manual.channels", "access")), "QinQ makes the channels manual ones");
        assertEquals(false, Cdcp.access(settings("port", "p", "role", "bridge", "manual.channels", "access")),
                "channels CDCP creates are trunks");
        assertEquals(false, Cdcp.access(settings("port", "p", "role", "bridge", "cdcp", "false", "channels", "2:10")),
                "trunks by default");
        assertEquals(List.of("manual.channels: 'hybrid' is not one of trunk, access"),
                settings("port", "p", "manual.channels", "hybrid").errors());
    }
}
