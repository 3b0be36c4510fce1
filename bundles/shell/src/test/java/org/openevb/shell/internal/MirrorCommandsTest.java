package org.openevb.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        return new MirrorView("span1", "active", "", List.of("vm*"), List.of("up"), List.of("10", "20-29"), "mon0",
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
}
