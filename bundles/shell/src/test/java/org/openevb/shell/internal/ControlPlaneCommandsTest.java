package org.openevb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openevb.api.lldp.LldpAgentView;

/** The output of lldp-neighbours, lldp-agents, evb-show and schannel-show, text and JSON. */
class ControlPlaneCommandsTest {

    static String print(Consumer<PrintStream> printer) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8);
        printer.accept(out);
        return b.toString(StandardCharsets.UTF_8);
    }

    static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + containing + "' in:\n" + text));
    }

    @Test
    void neighbourTable() {
        String text = print(out -> LldpNeighboursCommand.printTable(out, LldpNeighboursCommand.views(Examples.agents())));
        String cdcp = line(text, "nearest-nontpmr-bridge");
        assertTrue(cdcp.contains("uplink"), cdcp);
        assertTrue(cdcp.contains("0c:42:a1:7e:10:00"), cdcp);
        assertTrue(cdcp.contains("swp1"), cdcp);
        assertTrue(cdcp.contains("tor-1"), cdcp);
        assertTrue(cdcp.contains("102"), cdcp); // 101.25 s, rounded up
        assertTrue(cdcp.contains("cdcp: B scomp chncap 167: 1:1 2:100 3:101"), cdcp);
        assertTrue(line(text, "uplink-ch2").contains("evb: bridge rrcap R3 RTE14 RWD20 RKA20"));
        assertTrue(line(text, "nearest-bridge ").contains("pre-std: supported rr caps rte,ecp,vdp vsis 3295"));
        assertFalse(text.contains("uplink-ch3"), "an agent without neighbours has no row");
    }

    @Test
    void verboseNeighboursDecodeEveryTlv() {
        String text = print(out -> LldpNeighboursCommand.printVerbose(out, LldpNeighboursCommand.views(Examples.agents())));
        assertTrue(text.contains("Port uplink  nearest-bridge  neighbour 0c:42:a1:7e:10:00/swp1  from 0c:42:a1:7e:10:00"
                + "  TTL 120 s, expires in 98 s"), text);
        assertTrue(line(text, "Chassis ID (1)").endsWith("mac 0c:42:a1:7e:10:00"));
        assertTrue(line(text, "Port ID (2)").endsWith("interface name swp1"));
        assertTrue(line(text, "TTL (3)").endsWith("120 s"));
        assertTrue(line(text, "System name (5)").endsWith("tor-1"));
        assertTrue(line(text, "System capabilities (7)").endsWith("system bridge,router, enabled bridge,router"));
        assertTrue(line(text, "Management address (8)").endsWith("192.0.2.1, interface ifIndex 3"));
        assertTrue(line(text, "00-12-0f/4 maximum frame size").endsWith("size  1518 octets"));
        // values line up after the longest label (29 characters) and two spaces
        assertEquals(2 + 29 + 2, line(text, "TTL (3)").indexOf("120 s"), line(text, "TTL (3)"));
        assertTrue(line(text, "00-1b-3f/0 pre-standard EVB").endsWith("vsis 0, rte 15"));
        assertTrue(line(text, "00-80-c2/14 CDCP").endsWith("B scomp chncap 167: 1:1 2:100 3:101"));
        assertTrue(line(text, "00-80-c2/13 EVB").endsWith("bridge rrcap R3 RTE14 RWD20 RKA20"));
        assertTrue(text.contains("mode bridge (1), R 3, RTE 14 (163.84 ms), RWD 20 (10.49 s), RKA 20 (10.49 s)"), text);
    }

    @Test
    void unknownAndMalformedTlvsShowTheirBytes() {
        assertEquals("hex 01 02 03", LldpTlvText.describe(Examples.org8021(0x42, "010203")).lines().get(0));
        assertEquals("00-80-c2/66", LldpTlvText.describe(Examples.org8021(0x42, "010203")).label());
        assertEquals("hex 2a", LldpTlvText.describe(Examples.tlv("1201 2a")).lines().get(0));
        assertEquals("Reserved type 9 (9)", LldpTlvText.describe(Examples.tlv("1201 2a")).label());
        String ttl = LldpTlvText.describe(Examples.tlv("0601 00")).lines().get(0);
        assertTrue(ttl.startsWith("malformed (TTL TLV length must be 2, got 1), hex 00"), ttl);
    }

    @Test
    void neighbourJson() {
        JsonArray all = JsonParser.parseString(Json.toJson(LldpNeighboursCommand.views(Examples.agents()))).getAsJsonArray();
        assertEquals(3, all.size());
        JsonObject cdcp = all.get(1).getAsJsonObject();
        assertEquals("nearest-nontpmr-bridge", cdcp.get("address").getAsString());
        assertEquals("0c:42:a1:7e:10:00/swp1", cdcp.get("id").getAsString());
        assertEquals(101_250, cdcp.get("expiresInMillis").getAsLong());
        assertEquals(167, cdcp.getAsJsonObject("cdcp").get("chnCap").getAsInt());
        assertEquals(101, cdcp.getAsJsonObject("cdcp").getAsJsonArray("pairs").get(2).getAsJsonObject().get("svid").getAsInt());
        assertFalse(cdcp.has("evb"), "absent TLVs are left out");
        JsonObject evb = all.get(2).getAsJsonObject().getAsJsonObject("evb");
        assertEquals(0, evb.get("rrstat").getAsInt());
        assertEquals("not enabled", evb.get("rrstatText").getAsString());
        assertEquals(163_840, evb.get("rteMicros").getAsLong());
        JsonArray tlvs = all.get(0).getAsJsonObject().getAsJsonArray("tlvs");
        assertEquals("0207040c42a17e1000", tlvs.get(0).getAsJsonObject().get("raw").getAsString());
        assertEquals("tor-1", tlvs.get(3).getAsJsonObject().get("text").getAsString());
        JsonObject pre = tlvs.get(7).getAsJsonObject();
        assertEquals("00-1b-3f", pre.get("oui").getAsString());
        assertEquals("fe0d001b3f00" + Examples.PRE_STANDARD_INFO, pre.get("raw").getAsString());
        assertTrue(pre.get("text").getAsString().startsWith("supported rr caps"), pre.toString());
        assertEquals(3295, all.get(0).getAsJsonObject().getAsJsonObject("preStandardEvb").get("supportedVsis").getAsInt());
        assertEquals("maximum frame size", tlvs.get(6).getAsJsonObject().get("orgName").getAsString());
        assertEquals("1518 octets", tlvs.get(6).getAsJsonObject().get("text").getAsString());
    }

    @Test
    void agentTable() {
        String text = print(out -> LldpAgentsCommand.print(out, Examples.agents().stream().map(LldpAgentView::of).toList()));
        String row = line(text, "nearest-bridge ");
        assertTrue(row.matches(".*uplink .*nearest-bridge .*rxtx .*30 .*120 .*1 .*412 .*0 .*409 .*0 .*0 .*0.*"), row);
        assertTrue(line(text, "uplink-ch3").matches(".*nearest-customer-bridge .*rxtx .* 0 .*397 .*"));
        JsonObject j = JsonParser.parseString(Json.toJson(LldpAgentView.of(Examples.agents().get(2))))
                .getAsJsonObject();
        assertEquals("0c:42:a1:7e:10:00/swp1.100", j.getAsJsonArray("neighbours").get(0).getAsString());
        assertEquals(1, j.getAsJsonObject("counters").get("ageouts").getAsInt());
        assertEquals(2, j.getAsJsonObject("counters").get("inserts").getAsInt());
        assertEquals("nearest-customer-bridge", j.get("address").getAsString());
    }

    @Test
    void evbShow() throws Exception {
        String text = print(out -> {
            try {
                EvbShowCommand.print(out, Examples.evbPorts());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(text.contains("EVB port uplink-ch2  role station  state negotiated  peer 0c:42:a1:7e:10:00/swp1.100"), text);
        assertTrue(text.contains("  Reflective relay  not requested (RRREQ off)"), text);
        assertTrue(text.contains("  Reflective relay  not granted"), text);
        assertTrue(text.contains("  Local TLV         station rrcap rrstat=not-enabled R3 RTE14 RWD20(rol) RKA20(rol)"), text);
        assertTrue(text.contains("  Remote TLV        bridge rrcap R3 RTE14 RWD20 RKA20"), text);
        assertTrue(text.contains("  In use            R 3, RTE 14 = 163.84 ms, RWD 20 = 10.49 s, RKA 20 = 10.49 s"), text);
        assertTrue(text.contains("  Counters          EVB TLVs received 395, malformed 0, reflective relay changes 1"), text);
        assertTrue(text.contains("EVB port uplink-ch3  role station  state waiting  peer none"), text);
        assertTrue(text.contains("  Local TLV         station rrreq rrstat=unknown R3 RTE8 RWD8 RKA8"), text);
        assertTrue(text.contains("  Remote TLV        none"), text);
        assertEquals("no EVB ports configured\n", print(out -> EvbShowCommand.print(out, java.util.List.of())));

        JsonObject j = JsonParser.parseString(Json.toJson(Examples.evbPorts().get(0))).getAsJsonObject();
        assertEquals("negotiated", j.get("state").getAsString());
        assertEquals(10_485_760, j.get("rwdMicros").getAsLong());
        assertTrue(j.getAsJsonObject("local").get("rolRwd").getAsBoolean());
        assertEquals("bridge", j.getAsJsonObject("remote").get("evbModeText").getAsString());
        assertFalse(j.has("remotePreStandard"));
    }

    @Test
    void evbShowNamesTheBridgesDecision() throws Exception {
        var p = Examples.evbPorts().get(0);
        var bridgeOn = new org.openevb.api.evb.EvbPortStatus("swp1", "bridge", "negotiated", p.remote(), p.local(), null,
                "", true, 3, 14, 20, 20, false, 1, 0, 1);
        assertEquals("on (RRCTR)", EvbShowCommand.reflectiveRelay(bridgeOn));
        var stationOn = new org.openevb.api.evb.EvbPortStatus("uplink", "station", "negotiated", p.local(), p.remote(),
                null, "", true, 3, 14, 20, 20, false, 1, 0, 1);
        assertEquals("granted by the bridge (RRSTAT enabled)", EvbShowCommand.reflectiveRelay(stationOn));
        var bridgeNoCap = new org.openevb.api.evb.EvbPortStatus("swp1", "bridge", "negotiated",
                Examples.evb("00 04 6e 54 14"), p.local(), null, "", false, 3, 14, 20, 20, false, 1, 0, 0);
        assertEquals("off (not offered: RRCAP off)", EvbShowCommand.reflectiveRelay(bridgeNoCap));
    }

    @Test
    void evbShowSaysWhyEvbIsRefusedAndWhereVdpIsOff() {
        var refused = new org.openevb.api.evb.EvbPortStatus("swp1", "bridge", "refused: link-aggregation member (lag.members)",
                null, null, null, "", false, 3, 14, 20, 20, false, 0, 0, 0);
        var noVdp = new org.openevb.api.evb.EvbPortStatus("swp2", "bridge", "negotiated", null, null, null, "", false, 3, 14,
                20, 20, false, 1, 0, 0, false);
        String text = print(out -> EvbShowCommand.print(out, java.util.List.of(refused, noVdp)));
        assertTrue(text.contains("EVB port swp1  role bridge  state refused: link-aggregation member (lag.members)  peer none"),
                text);
        assertTrue(line(text, "ECP and VDP").equals("  ECP and VDP       not run on this port (vdp = false)"), text);
        assertEquals(1, text.split("ECP and VDP", -1).length - 1, "said of swp2 only: " + text);
        JsonObject j = JsonParser.parseString(Json.toJson(noVdp)).getAsJsonObject();
        assertFalse(j.get("vdp").getAsBoolean());
    }

    @Test
    void schannelShow() throws Exception {
        var components = Examples.components();
        String text = print(out -> SChannelShowCommand.print(out, components));
        assertTrue(text.startsWith("S-VLAN component uplink  role station  CDCP on  status ok\n"), text);
        assertTrue(text.contains("  Local CDCP   S scomp chncap 4: 1:1 2:0 3:0\n"), text);
        assertTrue(text.contains("  Remote CDCP  B scomp chncap 167: 1:1 2:100 3:101\n"), text);
        assertTrue(line(text, "uplink-ch2").matches(".*2 .*100 .*uplink-ch2 .*up .*8841 .*9120 .*0.*"));
        assertTrue(line(text, "unknown-svid").matches("  unknown-svid +2  an S-VID that is not a channel that is up"));

        JsonObject j = JsonParser.parseString(Json.toJson(components.get(0))).getAsJsonObject();
        assertEquals(2, j.get("drops").getAsLong());
        assertEquals(2, j.getAsJsonObject("dropsByReason").get("unknown-svid").getAsLong());
        assertEquals("S", j.getAsJsonObject("local").get("roleText").getAsString());
        assertEquals(100, j.getAsJsonArray("channels").get(1).getAsJsonObject().get("svid").getAsInt());
    }
}
