package org.openevb.evb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.port.internal.PortConfigs;

class EvbNegotiationTest {

    static EvbSettings settings(String... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i].replace('.', '_'), keyValues[i + 1]);
        }
        return EvbSettings.from(PortConfigs.of(EvbConfig.class, m));
    }

    static EvbTlv tlv(String hex) throws Exception {
        byte[] b = HexFormat.of().parseHex(hex);
        return EvbTlv.decodeInfo(b, 0, b.length);
    }

    @Test
    void stationAloneSaysUnknownAndAsks() {
        EvbSettings station = settings("ports", "up", "role", "station");
        EvbTlv local = EvbNegotiation.local(station, null);
        assertEquals(EvbTlv.STATION, local.evbMode());
        assertTrue(local.rrreq());
        assertEquals(EvbTlv.RRSTAT_UNKNOWN, local.rrstat());
        assertEquals(3, local.r());
        assertEquals(14, local.rte());
        assertFalse(EvbNegotiation.reflectiveRelay(station, local));
    }

    @Test
    void bridgeGrantsWhatTheStationAsksAndTheStationReportsIt() throws Exception {
        EvbSettings bridge = settings("ports", "down", "role", "bridge");
        EvbSettings station = settings("ports", "up", "role", "station", "ecp.rte", "8", "vdp.rwd", "22");
        EvbTlv s1 = EvbNegotiation.local(station, null);
        EvbTlv b1 = EvbNegotiation.local(bridge, s1);
        assertTrue(b1.rrcap());
        assertTrue(b1.rrctr(), "RRCTR = RRCAP and RRREQ");
        assertTrue(b1.rrreq(), "the bridge echoes the station's status byte");
        assertEquals(14, b1.rte(), "max of both");
        assertEquals(22, b1.rwd());
        assertTrue(b1.rolRwd(), "the remote value is the one used");
        assertTrue(EvbNegotiation.reflectiveRelay(bridge, b1));

        EvbTlv s2 = EvbNegotiation.local(station, b1);
        assertEquals(EvbTlv.RRSTAT_YES, s2.rrstat());
        assertTrue(s2.rrctr() && s2.rrcap(), "the station echoes the bridge's status byte");
        assertTrue(EvbNegotiation.reflectiveRelay(station, s2));
    }

    @Test
    void bridgeThatCannotReflectRefuses() {
        EvbSettings bridge = settings("ports", "down", "role", "bridge", "reflective.relay", "false");
        EvbSettings station = settings("ports", "up", "role", "station");
        EvbTlv b = EvbNegotiation.local(bridge, EvbNegotiation.local(station, null));
        assertFalse(b.rrctr());
        EvbTlv s = EvbNegotiation.local(station, b);
        assertEquals(EvbTlv.RRSTAT_NO, s.rrstat());
        assertFalse(EvbNegotiation.reflectiveRelay(station, s));
    }

    @Test
    void lldpadBridgeVector() throws Exception {
        // lldpad as bridge: RRCAP, R=3, RTE=14, mode bridge, RWD=20, RKA=20
        EvbTlv lldpadBridge = tlv("02006e5414");
        EvbSettings station = settings("ports", "up", "role", "station", "ecp.rte", "8", "vdp.rwd", "8", "vdp.rka", "8");
        assertNull(EvbNegotiation.usable(station, lldpadBridge));
        EvbTlv s = EvbNegotiation.local(station, lldpadBridge);
        assertEquals(EvbTlv.RRSTAT_NO, s.rrstat(), "RRCAP without RRCTR: not granted yet");
        assertEquals(14, s.rte());
        assertEquals(20, s.rwd());
        assertEquals(20, s.rka());
        // and once lldpad turned it on (RRCTR)
        EvbTlv granted = tlv("03006e5414");
        assertEquals(EvbTlv.RRSTAT_YES, EvbNegotiation.local(station, granted).rrstat());
    }

    @Test
    void sameRoleIsNotNegotiated() throws Exception {
        EvbSettings station = settings("ports", "up", "role", "station");
        assertEquals("the peer is also a station", EvbNegotiation.usable(station, tlv("0305688808")));
    }

    @Test
    void badConfigurationNamesTheKey() {
        assertEquals(List.of("ports: missing"), settings("role", "bridge").errors());
    }

    @Test
    void aBadValueOfEachKindIsNamedWithItsKeyAndWhatTheKeyTakes() {
        assertEquals(List.of("ecp.retries: '9' is not a whole number in 0..7"),
                settings("ports", "p", "ecp.retries", "9").errors());
        assertEquals(List.of("vdp.rka: 'soon' is not a whole number in 0..31"),
                settings("ports", "p", "vdp.rka", "soon").errors());
        assertEquals(List.of("reflective.relay: 'maybe' is not true or false"),
                settings("ports", "p", "reflective.relay", "maybe").errors());
        assertEquals(List.of("role: 'switch' is not one of station, bridge"), settings("ports", "p", "role", "switch").errors());
    }

    @Test
    void aDeclaredLinkAggregationMemberIsRefusedAndNoOtherPort() {
        EvbSettings s = settings("ports", "sw*", "role", "bridge", "lag.members", "sw1, sw-lag*");
        assertEquals("refused: link-aggregation member (lag.members)", EvbNegotiation.refusal(s, "sw1"));
        assertEquals("refused: link-aggregation member (lag.members)", EvbNegotiation.refusal(s, "sw-lag2"));
        assertNull(EvbNegotiation.refusal(s, "sw2"));
        assertNull(EvbNegotiation.refusal(s, "sw10"), "a glob without '*' matches the whole name only");
        assertNull(EvbNegotiation.refusal(settings("ports", "sw*", "role", "bridge"), "sw1"), "none declared by default");
    }

    @Test
    void vdpIsOnByDefaultAndOffWhenSaidSoAndABadValueIsNamed() {
        assertTrue(settings("ports", "up").vdp());
        EvbSettings off = settings("ports", "up", "vdp", "false");
        assertTrue(off.valid());
        assertFalse(off.vdp());
        assertEquals(List.of("vdp: 'maybe' is not true or false"), settings("ports", "up", "vdp", "maybe").errors());
    }
}
