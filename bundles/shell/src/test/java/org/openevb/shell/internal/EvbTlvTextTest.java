package org.openevb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.Lldpdu;
import org.openevb.codec.lldp.PreStandardEvbTlv;

class EvbTlvTextTest {

    @Test
    void bridgeEvbTlv() throws Exception {
        EvbTlv t = Examples.evb(Examples.EVB_BRIDGE_INFO);
        assertEquals("bridge rrcap R3 RTE14 RWD20 RKA20", EvbTlvText.evb(t));
        assertEquals(List.of(
                "bridge status: bgid no, rrcap yes, rrctr no",
                "station status: sgid no, rrreq no, rrstat not enabled (0)",
                "mode bridge (1), R 3, RTE 14 (163.84 ms), RWD 20 (10.49 s), RKA 20 (10.49 s)"),
                EvbTlvText.evbDetails(t));
    }

    @Test
    void stationEvbTlv() throws Exception {
        EvbTlv t = Examples.evb(Examples.EVB_STATION_INFO);
        assertEquals("station rrcap,rrctr,rrreq rrstat=enabled R3 RTE8 RWD8 RKA8", EvbTlvText.evb(t));
        assertEquals("station status: sgid no, rrreq yes, rrstat enabled (1)", EvbTlvText.evbDetails(t).get(1));
        assertEquals("mode station (2), R 3, RTE 8 (2.56 ms), RWD 8 (2.56 ms), RKA 8 (2.56 ms)",
                EvbTlvText.evbDetails(t).get(2));
    }

    @Test
    void remoteValuesAndReservedBitsAreMarked() throws Exception {
        // ROL on RWD and RKA, RRSTAT unknown, BGID and SGID, reserved bits set in octets 0, 1 and 4
        EvbTlv t = Examples.evb("0f 2f 6e b4 f4");
        assertEquals("station bgid,rrcap,rrctr,sgid,rrreq rrstat=unknown R3 RTE14 RWD20(rol) RKA20(rol)",
                EvbTlvText.evb(t));
        List<String> d = EvbTlvText.evbDetails(t);
        assertTrue(d.get(0).endsWith("reserved bits 1"), d.get(0));
        assertTrue(d.get(1).endsWith("rrstat unknown (3), reserved bits 2"), d.get(1));
        assertTrue(d.get(2).endsWith("RWD 20 (10.49 s) remote, RKA 20 (10.49 s) remote, reserved bits 3"), d.get(2));
    }

    @Test
    void bridgeShowsRrstatOnlyWhenTheStationReportedOne() throws Exception {
        assertEquals("bridge rrcap,rrctr,rrreq rrstat=enabled R3 RTE14 RWD20 RKA20",
                EvbTlvText.evb(Examples.evb("03 05 6e 54 14")));
        assertEquals("not supported rrstat=not-enabled R0 RTE0 RWD0 RKA0",
                EvbTlvText.evb(Examples.evb("00 00 00 00 00")));
        assertEquals("reserved(3) rrstat=reserved R0 RTE0 RWD0 RKA0", EvbTlvText.evb(Examples.evb("00 02 00 c0 00")));
    }

    @Test
    void evbJsonHasEveryField() throws Exception {
        Map<String, Object> m = EvbTlvText.evbJson(Examples.evb(Examples.EVB_STATION_INFO));
        assertEquals(2, m.get("evbMode"));
        assertEquals("station", m.get("evbModeText"));
        assertEquals(true, m.get("rrcap"));
        assertEquals(true, m.get("rrctr"));
        assertEquals(false, m.get("bgid"));
        assertEquals(false, m.get("sgid"));
        assertEquals(true, m.get("rrreq"));
        assertEquals(1, m.get("rrstat"));
        assertEquals("enabled", m.get("rrstatText"));
        assertEquals(3, m.get("r"));
        assertEquals(8, m.get("rte"));
        assertEquals(2560L, m.get("rteMicros"));
        assertEquals(false, m.get("rolRwd"));
        assertEquals(8, m.get("rwd"));
        assertEquals(false, m.get("rolRka"));
        assertEquals(8, m.get("rka"));
        assertEquals(0, m.get("bridgeReserved"));
        assertEquals(0, m.get("stationReserved"));
        assertEquals(0, m.get("rkaReserved"));
        assertEquals(Examples.EVB_STATION_INFO, m.get("info"));
        assertEquals("not enabled", EvbTlvText.evbJson(Examples.evb(Examples.EVB_BRIDGE_INFO)).get("rrstatText"));
        assertEquals("unknown", EvbTlvText.rrstat(EvbTlv.RRSTAT_UNKNOWN));
    }

    @Test
    void durations() {
        assertEquals("10 µs", EvbTlvText.duration(0));
        assertEquals("640 µs", EvbTlvText.duration(6));
        assertEquals("1.28 ms", EvbTlvText.duration(7));
        assertEquals("163.84 ms", EvbTlvText.duration(14));
        assertEquals("655.36 ms", EvbTlvText.duration(16));
        assertEquals("1.31 s", EvbTlvText.duration(17));
        assertEquals("10.49 s", EvbTlvText.duration(20));
        assertEquals("21474.84 s", EvbTlvText.duration(31));
        assertEquals(163_840L, EvbTlvText.micros(14));
        assertEquals("14 (163.84 ms)", EvbTlvText.exponent(14));
    }

    @Test
    void stationCdcpTlv() throws Exception {
        CdcpTlv t = Examples.cdcp(Examples.CDCP_STATION_INFO);
        assertEquals("S scomp chncap 4: 1:1 2:0 3:0", EvbTlvText.cdcp(t));
        Map<String, Object> m = EvbTlvText.cdcpJson(t);
        assertEquals(1, m.get("role"));
        assertEquals("S", m.get("roleText"));
        assertEquals(true, m.get("sComp"));
        assertEquals(4, m.get("chnCap"));
        assertEquals(List.of(Map.of("scid", 1, "svid", 1), Map.of("scid", 2, "svid", 0), Map.of("scid", 3, "svid", 0)),
                m.get("pairs"));
        assertEquals(0, m.get("reserved1"));
        assertEquals(0, m.get("reserved2"));
        assertEquals(Examples.CDCP_STATION_INFO, m.get("info"));
    }

    @Test
    void bridgeCdcpTlv() throws Exception {
        CdcpTlv t = Examples.cdcp(Examples.CDCP_BRIDGE_INFO);
        assertEquals("B scomp chncap 167: 1:1 2:100 3:101", EvbTlvText.cdcp(t));
        assertEquals("B scomp chncap 167: 1:1 2:100 (+1 more)", EvbTlvText.cdcp(t, 2));
        assertEquals("B", EvbTlvText.cdcpJson(t).get("roleText"));
        assertEquals("B chncap 0, no channels", EvbTlvText.cdcp(Examples.cdcp("00000000")));
    }

    @Test
    void preStandardEvbTlv() throws Exception {
        byte[] b = Examples.hex(Examples.PRE_STANDARD_INFO);
        PreStandardEvbTlv t = PreStandardEvbTlv.decodeInfo(b, 0, b.length);
        assertEquals("supported rr caps rte,ecp,vdp vsis 3295, configured rr caps rte,ecp,vdp vsis 0, rte 15",
                EvbTlvText.preStandard(t));
        Map<String, Object> m = EvbTlvText.preStandardJson(t);
        assertEquals(0x40, m.get("supportedMode"));
        assertEquals("rr", m.get("supportedModeText"));
        assertEquals(7, m.get("supportedCapabilities"));
        assertEquals("rte,ecp,vdp", m.get("supportedCapabilitiesText"));
        assertEquals("rr", m.get("configuredModeText"));
        assertEquals("rte,ecp,vdp", m.get("configuredCapabilitiesText"));
        assertEquals(3295, m.get("supportedVsis"));
        assertEquals(0, m.get("configuredVsis"));
        assertEquals(15, m.get("rte"));
        assertEquals(327_680L, m.get("rteMicros"));
        assertEquals("std,rr", EvbTlvText.modeBits(0xC0));
        assertEquals("none", EvbTlvText.modeBits(0));
        assertEquals("std,0x21", EvbTlvText.modeBits(0xA1));
        assertEquals("ecp,0x08", EvbTlvText.capabilityBits(0x0A));
    }

    @Test
    void summaryOfAnLldpdu() {
        assertEquals("cdcp: B scomp chncap 167: 1:1 2:100 3:101", EvbTlvText.summary(Examples.neighbour(Examples.cdcpLldpdu())));
        assertEquals("evb: bridge rrcap R3 RTE14 RWD20 RKA20", EvbTlvText.summary(Examples.neighbour(Examples.evbLldpdu())));
        assertEquals("pre-std: supported rr caps rte,ecp,vdp vsis 3295, configured rr caps rte,ecp,vdp vsis 0, rte 15",
                EvbTlvText.summary(Examples.neighbour(Examples.nearestBridgeLldpdu())));
        assertEquals("", EvbTlvText.summary(Examples.neighbour(Lldpdu.of(Examples.tlv("0602 0078")))));
    }

    @Test
    void malformedTlvsAreNamedNotThrown() {
        // an EVB TLV with 4 octets of information, a CDCP TLV with 5
        Lldpdu d = Lldpdu.of(Examples.org8021(EvbTlv.SUBTYPE, "02006e54"), Examples.org8021(CdcpTlv.SUBTYPE, "0800000001"));
        assertEquals("evb: malformed; cdcp: malformed", EvbTlvText.summary(Examples.neighbour(d)));
        JsonObject m = JsonParser.parseString(Json.toJson(Examples.neighbour(d))).getAsJsonObject();
        assertFalse(m.has("evb"));
        assertTrue(m.get("evbError").getAsString().contains("5 octets"), m.get("evbError").getAsString());
        assertTrue(m.has("cdcpError"));
        assertFalse(m.has("preStandardEvb"));
        assertFalse(m.has("preStandardEvbError"));
    }
}
