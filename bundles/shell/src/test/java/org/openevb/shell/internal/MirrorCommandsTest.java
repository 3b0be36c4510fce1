package org.openevb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.shell.internal.ControlPlaneCommandsTest.line;
import static org.openevb.shell.internal.ControlPlaneCommandsTest.print;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.mirror.MirrorCounter;
import org.openevb.api.mirror.MirrorView;
import org.openevb.api.view.Counters;

/** The mirror commands: the table, the details and the JSON show the same numbers. */
class MirrorCommandsTest {

    private static MirrorView span() {
        return new MirrorView("span1", "active", "", List.of("vm*"), List.of("up"), List.of("10", "20-29"), "mon0", "",
                List.of("up (out)", "vm1 (in)"), 3, 1024, Counters.of(MirrorCounter.class,
                        Map.of(MirrorCounter.MIRRORED, 1200L, MirrorCounter.MIRRORED_BYTES, 76800L, MirrorCounter.QUEUE_FULL, 7L)));
    }

    @Test
    void theListShowsStateSourcesAndCounts() {
        String table = print(out -> MirrorListCommand.print(out, List.of(span())));
        String row = line(table, "span1");
        for (String cell : new String[] {"active", "up (out), vm1 (in)", "mon0", "1200", "7", "3/1024"}) {
            assertTrue(row.contains(cell), cell + " in " + row);
        }
        assertTrue(print(out -> MirrorListCommand.print(out, List.of())).contains("No mirrors"));
    }

    @Test
    void theDetailsAndTheJsonCarryEveryCounter() {
        String text = print(out -> MirrorShowCommand.print(out, span()));
        assertTrue(line(text, "  VLANs").contains("10, 20-29"));
        assertTrue(line(text, "  queue-full").contains("7"));
        assertEquals(MirrorCounter.values().length, text.lines().filter(l -> l.matches("  [a-z-]+ +\\d+  .*")).count());
        JsonObject j = JsonParser.parseString(Json.toJson(span())).getAsJsonObject();
        assertEquals(1200, j.getAsJsonObject("counters").get("mirrored").getAsLong());
        assertEquals(MirrorCounter.values().length, j.getAsJsonObject("counters").size(), "every counter, zero included");
        assertEquals("mon0", j.get("destination").getAsString());
    }

    @Test
    void rateShowPrintsThePolicerEachShapedClassAndThePolicedVsis() {
        org.openevb.api.port.RateLimits r = new org.openevb.api.port.RateLimits("vm2", "100000000 bit/s burst 1250000 B", 42,
                50_000_000, List.of(new org.openevb.api.port.RateLimits.TrafficClass("voice", "5", 30_000_000, 900, 200, 0, 3),
                        new org.openevb.api.port.RateLimits.TrafficClass("bulk", "0", 10_000_000, 300, 0, 77, 64)));
        org.openevb.api.bridge.VsiTraffic policed = new org.openevb.api.bridge.VsiTraffic("br0", "down1", "mac:02:00:00:00:aa:01",
                "enforce", org.openevb.api.view.Counters.of(org.openevb.api.bridge.VsiCounter.class, java.util.Map.of()),
                org.openevb.api.view.Counters.of(org.openevb.api.bridge.BridgeDropReason.class,
                        java.util.Map.of(org.openevb.api.bridge.BridgeDropReason.VSI_POLICED, 1234L)),
                "30000000 bit/s burst 375000 B", "web", "");
        org.openevb.api.bridge.VsiTraffic unpoliced = new org.openevb.api.bridge.VsiTraffic("br0", "down1", "mac:02:00:00:00:aa:02",
                "enforce", org.openevb.api.view.Counters.of(org.openevb.api.bridge.VsiCounter.class, java.util.Map.of()),
                org.openevb.api.view.Counters.of(org.openevb.api.bridge.BridgeDropReason.class, java.util.Map.of()));
        List<RateShowCommand.PortRates> rates = RateShowCommand.rates(List.of(r), List.of(policed, unpoliced));
        assertEquals(List.of("down1", "vm2"), rates.stream().map(RateShowCommand.PortRates::port).toList(),
                "a port whose VSIs only are policed is listed too");
        String text = print(out -> RateShowCommand.print(out, rates));
        assertTrue(line(text, "  Police  100000000").contains("42 frames dropped"), text);
        String vsi = line(text, "  VSI");
        assertTrue(vsi.contains("mac:02:00:00:00:aa:01 (bridge br0): police 30000000 bit/s burst 375000 B, 1234 frames dropped"), vsi);
        assertFalse(text.contains("aa:02"), "a VSI without a policer is not listed");
        String bulk = line(text, "bulk");
        for (String cell : new String[] {"10000000", "300", "77", "64"}) {
            assertTrue(bulk.contains(cell), cell + " in " + bulk);
        }
        com.google.gson.JsonArray j = JsonParser.parseString(Json.toJson(rates)).getAsJsonArray();
        assertEquals(1234, j.get(0).getAsJsonObject().getAsJsonArray("vsis").get(0).getAsJsonObject().get("policed").getAsLong());
        assertEquals(77, j.get(1).getAsJsonObject().getAsJsonArray("classes").get(1).getAsJsonObject().get("queueFull").getAsLong());
        assertEquals(50_000_000L, j.get(1).getAsJsonObject().get("shapeBitsPerSecond").getAsLong());
        assertTrue(print(out -> RateShowCommand.print(out, List.of())).contains("No port is policed or shaped"));
    }
}
