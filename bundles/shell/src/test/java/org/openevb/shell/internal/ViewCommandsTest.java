package org.openevb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.shell.internal.ControlPlaneCommandsTest.line;
import static org.openevb.shell.internal.ControlPlaneCommandsTest.print;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.bridge.BridgeView;
import org.openevb.api.bridge.FdbEntry;
import org.openevb.api.bridge.FdbStats;
import org.openevb.api.bridge.PortRole;
import org.openevb.api.extension.CascadeView;
import org.openevb.api.extension.ControllingBridgeView;
import org.openevb.api.extension.ExtendedPortView;
import org.openevb.api.extension.ExtensionDropReason;
import org.openevb.api.extension.ExtensionStatus;
import org.openevb.api.extension.PortExtenderView;
import org.openevb.api.extension.ReplicationGroupView;
import org.openevb.api.extension.TagFormat;
import org.openevb.api.port.DropReason;
import org.openevb.api.port.PortCounters;
import org.openevb.api.port.PortState;
import org.openevb.api.port.PortView;
import org.openevb.api.view.Counters;

/**
 * The view records of ports, bridges, the FDB and port extension: each command's table and its
 * {@code --json} are two renderings of one record, with the same numbers and the JSON keys that
 * scripts and the integration tests read.
 */
class ViewCommandsTest {

    /** The port of the README's walk-through, after three frames nobody consumed. */
    static PortView readmePort(long rxFrames, long rxBytes) {
        return new PortView("uplink", "evb0", "packet", "interface", "configuration", "", PortState.UP, "", 1500,
                "16:42:81:20:14:6c", new PortCounters(rxFrames, rxBytes, 0, 0,
                        Counters.of(DropReason.class, Map.of(DropReason.RX_UNATTACHED, rxFrames)), 0), List.of(rxFrames));
    }

    static String readme() throws IOException {
        // the module's directory is bundles/shell
        return Files.readString(Path.of("../../README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void portListJsonIsTheReadmesExample() throws IOException {
        String json = Json.toJson(List.of(readmePort(3, 180)));
        assertTrue(readme().contains("# bin/evb port-list --json\n" + json + "\n```"),
                "the README's port-list --json is what the command prints now:\n" + json);
    }

    @Test
    void portListTableIsTheReadmesExample() throws IOException {
        String table = print(out -> PortListCommand.table(List.of(readmePort(0, 0))).print(out));
        assertTrue(readme().contains("# bin/evb port-list\n" + table + "```"),
                "the README's port-list table is what the command prints now:\n" + table);
    }

    @Test
    void portTableAndJsonShowTheSameNumbers() {
        PortView port = new PortView("vm1", "veth1", "packet", "interface", "configuration", "er0", PortState.DOWN,
                "interface veth1 is missing", -1, null, new PortCounters(11, 1100, 7, 700,
                        Counters.of(DropReason.class, Map.of(DropReason.TX_PORT_DOWN, 4L, DropReason.RX_OVERSIZE, 1L)),
                        2), List.of(11L));
        JsonObject j = JsonParser.parseString(Json.toJson(port)).getAsJsonObject();
        assertEquals("veth1", j.get("interface").getAsString());
        assertEquals("DOWN", j.get("state").getAsString());
        assertFalse(j.has("mac"), "no MAC: no key, as before");
        JsonObject c = j.getAsJsonObject("counters");
        assertEquals(5, c.get("drops").getAsLong());
        assertEquals(DropReason.values().length, c.getAsJsonObject("dropsByReason").size());
        assertEquals(4, c.getAsJsonObject("dropsByReason").get("tx-port-down").getAsLong());

        String row = line(print(out -> PortListCommand.table(List.of(port)).print(out)), "vm1");
        assertTrue(row.matches("vm1 +\\| veth1 +\\| packet +\\| interface +\\| er0 +\\| DOWN +\\| +- \\| +"
                + c.get("rxFrames") + " \\| +" + c.get("rxBytes") + " \\| +" + c.get("txFrames") + " \\| +"
                + c.get("txBytes") + " \\| +" + c.get("drops") + " \\| interface veth1 is missing *"), row);

        String shown = print(out -> PortShowCommand.print(out, port));
        assertTrue(shown.contains("RX          11 frames, 1100 bytes\n"), shown);
        assertTrue(shown.contains("Drops       5\n"), shown);
        assertTrue(line(shown, "tx-port-down").matches("  tx-port-down +4  send while the port is not up"), shown);
        assertTrue(shown.contains("MAC         -\n"), shown);
        assertTrue(shown.contains("Kernel drops 2\n"), shown);
    }

    static BridgeView relay() {
        return new BridgeView("er0", "auto", "vepa", BridgeStatus.FORWARDING, "", 3, 9,
                Counters.of(BridgeDropReason.class, Map.of(BridgeDropReason.NO_EGRESS, 7L, BridgeDropReason.MALFORMED, 2L)), 0,
                new FdbStats(2, 4096, 5, 1, 0, 3),
                List.of(new BridgePortView("up", PortRole.UPLINK, "UP", 1, "1", "1", false, "default", "granted", 120, 340, "", ""),
                        new BridgePortView("vm1", PortRole.VSI, "UP", 1, "1", "1", false, "default", "unknown", 200, 80, "web", "")));
    }

    @Test
    void bridgeTablesAndJsonShowTheSameNumbers() {
        BridgeView b = relay();
        JsonObject j = JsonParser.parseString(Json.toJson(b)).getAsJsonObject();
        // the keys the lab script and the README read
        assertEquals("auto", j.get("mode").getAsString());
        assertEquals("vepa", j.get("behaviour").getAsString());
        assertEquals("FORWARDING", j.get("status").getAsString());
        assertEquals(9, j.get("drops").getAsLong());
        assertEquals(7, j.getAsJsonObject("dropsByReason").get("no-egress").getAsLong());
        assertEquals(BridgeDropReason.values().length, j.getAsJsonObject("dropsByReason").size());
        assertEquals(2, j.getAsJsonObject("fdb").get("entries").getAsInt());
        assertEquals(1, j.getAsJsonObject("fdb").get("moves").getAsLong());
        JsonObject up = j.getAsJsonArray("ports").get(0).getAsJsonObject();
        assertEquals("uplink", up.get("role").getAsString());
        assertEquals("granted", up.get("peerReflectiveRelay").getAsString());
        assertFalse(up.get("reflectiveRelay").getAsBoolean());
        assertEquals("default", up.get("reflectiveRelaySource").getAsString());
        assertEquals(340, up.get("txFrames").getAsLong());

        String list = line(print(out -> BridgeListCommand.table(List.of(b)).print(out)), "er0");
        assertTrue(list.matches("er0 +\\| auto \\(vepa\\) \\| FORWARDING \\| up,vm1 \\| +2 \\| +9 \\| *"), list);

        String shown = print(out -> BridgeShowCommand.print(out, b));
        assertTrue(shown.startsWith("Bridge er0  mode auto (now vepa)  FORWARDING  (mode changes: 3)\n"), shown);
        assertTrue(line(shown, "up ").matches("up +\\| uplink \\| UP +\\| 1 +\\| 1 +\\| 1 +\\| off \\(default\\) +\\| granted +\\| 120 \\| 340"),
                shown);
        assertTrue(shown.contains("FDB    2 of 4096 entries; learned 5, moves 1, not learned (full) 0, aged 3\n"), shown);
        assertTrue(line(shown, "no-egress").matches("  no-egress +7  no port to send it to .*"), shown);
    }

    @Test
    void fdbTableAndJsonShowTheSameEntries() {
        List<FdbEntry> fdb = List.of(new FdbEntry(1, "02:00:00:00:00:0a", "vm1", false, 12),
                new FdbEntry(10, "02:00:00:00:00:0b", "up", true, 0));
        JsonArray j = JsonParser.parseString(Json.toJson(fdb)).getAsJsonArray();
        JsonObject learned = j.get(0).getAsJsonObject();
        assertEquals(List.of("vlan", "mac", "port", "static", "ageSeconds"), List.copyOf(learned.keySet()));
        assertEquals("02:00:00:00:00:0a", learned.get("mac").getAsString());
        assertTrue(j.get(1).getAsJsonObject().get("static").getAsBoolean());

        String table = print(out -> FdbShowCommand.table(fdb).print(out));
        assertTrue(line(table, "0a").matches(" +1 \\| 02:00:00:00:00:0a \\| vm1 +\\| learned \\| +12"), table);
        assertTrue(line(table, "0b").matches(" +10 \\| 02:00:00:00:00:0b \\| up +\\| static +\\| +-"), table);
    }

    @Test
    void extensionViewsKeepTheirKeys() {
        Counters<ExtensionDropReason> drops = Counters.of(ExtensionDropReason.class, Map.of(ExtensionDropReason.UNTAGGED, 2L));
        CascadeView cascade = new CascadeView("cb-c1", TagFormat.ETAG, "UP", 40, 50, drops);
        ExtendedPortView e101 = new ExtendedPortView("cb-c1.e101", "cb1", "cb-c1", TagFormat.ETAG, 101, "extended", "",
                "UP", 5, 500, 6, 600, 0);
        ReplicationGroupView group = new ReplicationGroupView("cb1", "cb-c1", TagFormat.ETAG, 0x1001,
                List.of("cb-c1.e101"), 12, 1);
        ControllingBridgeView cb = new ControllingBridgeView("cb1", ExtensionStatus.UP, "", List.of(cascade),
                List.of(e101), List.of(group));

        JsonObject j = JsonParser.parseString(Json.toJson(cb)).getAsJsonObject();
        assertEquals("UP", j.get("status").getAsString());
        JsonObject c = j.getAsJsonArray("cascades").get(0).getAsJsonObject();
        assertEquals("etag", c.get("format").getAsString());
        assertEquals(2, c.get("drops").getAsLong());
        assertEquals(ExtensionDropReason.values().length, c.getAsJsonObject("dropsByReason").size());
        JsonObject p = j.getAsJsonArray("extendedPorts").get(0).getAsJsonObject();
        assertEquals(101, p.get("id").getAsInt());
        assertEquals(5, p.get("rxFrames").getAsLong());
        JsonObject g = j.getAsJsonArray("groups").get(0).getAsJsonObject();
        assertEquals("0x1001", g.get("idHex").getAsString());
        assertEquals(12, g.get("frames").getAsLong());

        String shown = print(out -> CbShowCommand.print(out, cb));
        assertTrue(line(shown, "cb-c1 ").matches("cb-c1 +\\| etag +\\| UP +\\| +40 \\| +50 \\| +2"), shown);
        assertTrue(line(shown, "cb-c1.e101").matches("cb-c1.e101 \\| extended \\| 101 +\\| UP +\\| +5 \\| +500 \\| +6 \\| +600 \\| +0"),
                shown);
        assertTrue(line(shown, "0x1001").matches("0x1001 \\| cb-c1 +\\| cb-c1.e101 \\| +12 \\| +1"), shown);
        assertTrue(line(shown, "untagged").matches("  untagged +2  no E-Tag or VN-Tag where one is required"), shown);

        PortExtenderView pe = new PortExtenderView("pe1", ExtensionStatus.UP, "",
                new CascadeView("pu", TagFormat.VNTAG, "UP", 8, 9, Counters.zero(ExtensionDropReason.class)), List.of(),
                List.of());
        JsonObject pj = JsonParser.parseString(Json.toJson(pe)).getAsJsonObject();
        assertEquals(0, pj.getAsJsonObject("upstream").get("drops").getAsLong());
        assertEquals("vntag", pj.getAsJsonObject("upstream").get("format").getAsString());
        String text = print(out -> ExtenderShowCommand.print(out, pe));
        assertTrue(text.startsWith("Extender pe1  UP  upstream pu (vntag, UP)  up 9  down 8\n"), text);
    }
}
