package org.openevb.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lookups of a port's VSI table: MAC/VID, VID-only filters, MAC owners, the VSIs' VIDs. */
class VsiTableTest {

    private static VsiTable.Slot vsi(String id, VsiTable.Match... filter) {
        return new VsiTable.Slot(id, List.of(filter));
    }

    @Test
    void macVidEntriesMatchTheirPairOnly() {
        VsiTable t = new VsiTable(true, List.of(vsi("a", new VsiTable.Match(0x020000000001L, 10),
                new VsiTable.Match(0x020000000001L, 11)), vsi("b", new VsiTable.Match(0x020000000002L, 10))));
        assertEquals(0, t.match(0x020000000001L, 10));
        assertEquals(0, t.match(0x020000000001L, 11));
        assertEquals(1, t.match(0x020000000002L, 10));
        assertEquals(VsiTable.NONE, t.match(0x020000000002L, 11));
        assertEquals(VsiTable.NONE, t.match(0x020000000003L, 10));
        assertEquals(1, t.owner(0x020000000002L));
        assertEquals(VsiTable.NONE, t.owner(0x020000000003L));
        assertTrue(t.hasVid(10) && t.hasVid(11));
        assertFalse(t.hasVid(12) || t.hasVid(1) || t.hasVid(4095));
    }

    @Test
    void vidOnlyEntriesMatchAnyMacOnTheirVid() {
        VsiTable t = new VsiTable(true, List.of(vsi("mac", new VsiTable.Match(0x020000000001L, 20)),
                vsi("vid", new VsiTable.Match(-1, 30))));
        assertEquals(1, t.match(0x02AABBCCDDEEL, 30));
        assertEquals(1, t.match(0xFFFFFFFFFFFFL, 30), "group destinations too (counted out)");
        assertEquals(VsiTable.NONE, t.match(0x02AABBCCDDEEL, 20));
        assertEquals(0, t.match(0x020000000001L, 20));
        assertEquals(VsiTable.NONE, t.owner(0x02AABBCCDDEEL), "a VID-only VSI owns no MAC");
    }

    @Test
    void anEmptyTableMatchesNothing() {
        VsiTable t = new VsiTable(false, List.of());
        assertEquals(VsiTable.NONE, t.match(0, 1));
        assertEquals(VsiTable.NONE, t.match(0x020000000001L, 4094));
        assertEquals(VsiTable.NONE, t.owner(0));
        assertFalse(t.hasVid(1));
        assertEquals(0, t.size());
    }

    @Test
    void thousandsOfEntriesAreAllFoundAndNothingElse() {
        List<VsiTable.Slot> slots = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long mac = 0x020000000000L + i * 7919L;
            slots.add(vsi("v" + i, new VsiTable.Match(mac, 1 + i % 4094), new VsiTable.Match(mac, 4094 - i % 100)));
        }
        VsiTable t = new VsiTable(true, slots);
        for (int i = 0; i < 2000; i++) {
            long mac = 0x020000000000L + i * 7919L;
            assertEquals(i, t.match(mac, 1 + i % 4094));
            assertEquals(i, t.match(mac, 4094 - i % 100));
            assertEquals(i, t.owner(mac));
            assertEquals(VsiTable.NONE, t.match(mac + 1, 1 + i % 4094));
        }
    }
}
