package org.openevb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.shell.internal.ControlPlaneCommandsTest.line;
import static org.openevb.shell.internal.ControlPlaneCommandsTest.print;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.VsiCounter;
import org.openevb.api.bridge.VsiTraffic;
import org.openevb.api.vdp.EcpCounter;
import org.openevb.api.vdp.VdpCounter;
import org.openevb.api.vdp.VdpPortView;
import org.openevb.api.vdp.VsiView;
import org.openevb.api.view.Counters;

/** The VSI table, the ECP counters and the VDP commands' verdicts: tables and JSON of the same records. */
class VdpCommandsTest {

    static VsiView associated() {
        return new VsiView("uplink", "station", "web1", "uuid", "6a5a6ed5-4f1b-4e32-8c5e-0c1d2a3b4c5d", "192.0.2.1", 100, 1,
                "mac-vid", List.of("02:00:00:00:aa:01/10"), "associated", "", "associate", "success", false, false, 812,
                3, 0, "migrate-to", 5, "");
    }

    static VsiView refused() {
        return new VsiView("uplink", "station", "bad", "mac", "02:00:00:00:aa:09", "0", 999, 1, "vid", List.of("0"),
                "deassociated", "", "associate", "other failure", false, true, 5, 0, 1, "", 0, "");
    }

    @Test
    void vsiTableAndJsonShowTheSameRecord() {
        String table = print(out -> VsiListCommand.table(List.of(associated(), refused())).print(out));
        String web1 = line(table, "web1");
        for (String cell : List.of("uplink", "station", "uuid:6a5a6ed5-4f1b-4e32-8c5e-0c1d2a3b4c5d", "192.0.2.1", "100",
                "mac-vid 02:00:00:00:aa:01/10", "associated", "associate, migrate-to", "success", "812 ms", " 5 ")) {
            assertTrue(web1.contains(cell), cell + " in " + web1);
        }
        assertTrue(line(table, "bad").contains("other failure, hard"));
        JsonObject j = JsonParser.parseString(Json.toJson(associated())).getAsJsonObject();
        assertEquals("uuid", j.get("vsiidFormat").getAsString());
        assertEquals(100, j.get("typeId").getAsInt());
        assertEquals("02:00:00:00:aa:01/10", j.get("filter").getAsJsonArray().get(0).getAsString());
        assertEquals("associated", j.get("state").getAsString());
        assertEquals(812, j.get("keepAliveAgeMillis").getAsLong());
        assertEquals(3, j.get("succeeded").getAsLong());
        assertEquals("migrate-to", j.get("hints").getAsString());
        assertEquals(5, j.get("announced").getAsLong());
    }

    static VsiView atBridge() {
        return new VsiView("down1", "bridge", "", "uuid", "6a5a6ed5-4f1b-4e32-8c5e-0c1d2a3b4c5d", "192.0.2.1", 100, 1,
                "mac-vid", List.of("02:00:00:00:aa:01/10"), "associated", "", "associate", "accepted", false, false, 40,
                5, 0, "migrate-to", 0, "");
    }

    static VsiTraffic traffic() {
        return new VsiTraffic("br0", "down1", "uuid:6a5a6ed5-4f1b-4e32-8c5e-0c1d2a3b4c5d", "enforce",
                Counters.of(VsiCounter.class, Map.of(VsiCounter.FRAMES_IN, 7L, VsiCounter.BYTES_IN, 448L,
                        VsiCounter.FRAMES_OUT, 3L, VsiCounter.BYTES_OUT, 192L)),
                Counters.of(BridgeDropReason.class, Map.of(BridgeDropReason.VSI_UNASSOCIATED, 2L,
                        BridgeDropReason.VSI_POLICED, 9L)), "30000000 bit/s burst 375000 B", "web", "");
    }

    @Test
    void aBridgesVsiShowsItsDataPathCountersInTheListTheShowAndJson() {
        String table = print(out -> VsiListCommand.table(List.of(associated(), atBridge()), List.of(traffic())).print(out));
        assertTrue(line(table, "down1").contains("7/3"), table);
        assertTrue(line(table, "web1").endsWith("-"), "a station's VSI has no data path counters here: " + table);
        VsiShowCommand.VsiDocument d = new VsiShowCommand.VsiDocument(atBridge(),
                VsiListCommand.trafficOf(atBridge(), List.of(traffic())));
        String text = print(out -> VsiShowCommand.print(out, d));
        assertTrue(line(text, "frames-in").contains("7"), text);
        assertTrue(line(text, "bytes-out").contains("192"), text);
        assertTrue(line(text, "vsi-unassociated").contains("2"), text);
        assertTrue(line(text, "vsi-policed").contains("9"), text);
        assertTrue(text.contains("policy of its type: police 30000000 bit/s burst 375000 B, acl.in web"), text);
        assertTrue(line(table, "down1").endsWith("police 30000000 bit/s burst 375000 B, acl.in web"), table);
        assertTrue(VsiShowCommand.matches(atBridge(), "uuid:6a5a6ed5-4f1b-4e32-8c5e-0c1d2a3b4c5d"));
        assertTrue(VsiShowCommand.matches(atBridge(), "6A5A6ED5-4F1B-4E32-8C5E-0C1D2A3B4C5D"));
        JsonObject j = JsonParser.parseString(Json.toJson(d)).getAsJsonObject();
        assertEquals("associated", j.getAsJsonObject("vsi").get("state").getAsString());
        JsonObject t = j.getAsJsonObject("traffic");
        assertEquals(7, t.getAsJsonObject("counters").get("frames-in").getAsLong());
        assertEquals(448, t.getAsJsonObject("counters").get("bytes-in").getAsLong());
        assertEquals(2, t.getAsJsonObject("drops").get("vsi-unassociated").getAsLong());
        assertEquals(9, t.getAsJsonObject("drops").get("vsi-policed").getAsLong());
        assertEquals("web", t.get("aclIn").getAsString());
        assertEquals(BridgeDropReason.values().length, t.getAsJsonObject("drops").size(), "every reason, zero included");
        assertEquals("enforce", t.get("enforcement").getAsString());
    }

    @Test
    void ecpCountersPrintEveryCounterInTextAndJson() {
        VdpPortView p = new VdpPortView("uplink", "station", 3, 14, 163840, 20, 20, false, 0, 1,
                Counters.of(EcpCounter.class, Map.of(EcpCounter.SENT, 4L, EcpCounter.RETRANSMITTED, 1L)),
                Counters.of(VdpCounter.class, Map.of(VdpCounter.SUCCEEDED, 4L)));
        String text = print(out -> EcpShowCommand.print(out, List.of(p)));
        assertTrue(line(text, "ECP port uplink").contains("RTE 14 = 163840 us"));
        assertTrue(line(text, "  ECP ").contains("sent 4, retransmitted 1"));
        assertTrue(line(text, "  VDP ").contains("succeeded 4"));
        JsonObject j = JsonParser.parseString(Json.toJson(p)).getAsJsonObject();
        assertEquals(4, j.getAsJsonObject("ecp").get("sent").getAsLong());
        assertEquals(EcpCounter.values().length, j.getAsJsonObject("ecp").size(), "every counter, zero included");
        assertEquals(4, j.getAsJsonObject("vdp").get("succeeded").getAsLong());
    }

    @Test
    void aBridgePortThatStillHoldsAMigratedVsiSaysWhereItWent() {
        VsiView source = new VsiView("down1", "bridge", "", "mac", "02:00:00:00:aa:01", "0", 100, 1, "mac-vid",
                List.of("02:00:00:00:aa:01/10"), "associated", "", "associate", "accepted", false, false, 90, 4, 0, "",
                0, "down2");
        String table = print(out -> VsiListCommand.table(List.of(source)).print(out));
        assertTrue(line(table, "down1").contains("associated (migrated to down2)"), table);
        String shown = print(out -> VsiShowCommand.print(out, new VsiShowCommand.VsiDocument(source, null)));
        assertTrue(shown.contains("state associated (migrated to down2)"), shown);
        assertEquals("down2", JsonParser.parseString(Json.toJson(source)).getAsJsonObject().get("migratedTo").getAsString());
    }

    @Test
    void aStationVsiAttachedToAnEdgeRelayPortSaysWhich() {
        VsiView a = associated();
        VsiView attached = new VsiView(a.port(), a.role(), a.name(), a.vsiidFormat(), a.vsiid(), a.managerId(), a.typeId(),
                a.typeVersion(), a.filterFormat(), a.filter(), a.state(), a.pending(), a.lastCommand(), a.lastReason(),
                a.keep(), a.hard(), a.keepAliveAgeMillis(), a.succeeded(), a.failed(), a.hints(), a.announced(),
                a.migratedTo(), "vm1");
        String shown = print(out -> VsiShowCommand.print(out, new VsiShowCommand.VsiDocument(attached, null)));
        assertTrue(shown.contains("attached to edge relay port vm1"), shown);
        assertEquals("vm1", JsonParser.parseString(Json.toJson(attached)).getAsJsonObject().get("relayPort").getAsString());
        String plain = print(out -> VsiShowCommand.print(out, new VsiShowCommand.VsiDocument(a, null)));
        assertFalse(plain.contains("edge relay"), plain);
    }

    @Test
    void aCommandFailsUnlessTheBridgeSaidYes() {
        assertNull(VdpCommandAction.failure(associated(), "associate", "associated"));
        assertEquals("associate of VSI 'bad' failed: other failure, hard (state deassociated)",
                VdpCommandAction.failure(refused(), "associate", "associated"));
        VsiView pending = new VsiView("uplink", "station", "web1", "uuid", "x", "0", 1, 1, "vid", List.of("10"),
                "deassociated", "associate", "associate", "", false, false, -1, 0, 0, "", 0, "");
        assertEquals("associate of VSI 'web1': no answer yet (still pending)",
                VdpCommandAction.failure(pending, "associate", "associated"));
    }
}
