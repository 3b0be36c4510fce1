package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openevb.api.qualify.Verdict;

/** P3's truth table on frames alone. */
class HairpinTableTest {

    private static final int NONCE = 0x1234_5678;

    private static HairpinTable sentAll(boolean floods) {
        HairpinTable t = new HairpinTable(NONCE);
        for (int i = 0; i < t.cases().size(); i++) {
            HairpinTable.Case c = t.cases().get(i);
            if (floods || !c.floods() || HairpinTable.LEARNING.contains(c.name())) {
                t.sent(i);
            }
        }
        return t;
    }

    @Test
    void aLinuxBridgeWithHairpinReflectsEveryFrameOnceByteForByte() {
        HairpinTable t = sentAll(true);
        t.cases().forEach(c -> assertTrue(t.received(c.frame().clone()).endsWith("(copy 1), unmodified")));
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("reflected, unmodified", o.values().get("s-tagged"));
        assertEquals("reflected, unmodified", o.values().get("broadcast"));
        assertTrue(o.summary().contains("c-tagged reflected, s-tagged reflected, priority-tagged reflected"), o.summary());
    }

    @Test
    void hairpinOffReflectsNothing() {
        HairpinTable t = sentAll(true);
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.NOT_SUPPORTED, o.verdict());
        assertEquals("not reflected", o.values().get("known-unicast"));
    }

    @Test
    void aPeerThatPopsTheSTagAndDuplicatesBroadcastFails() {
        HairpinTable t = sentAll(true);
        for (HairpinTable.Case c : t.cases()) {
            if (c.name().equals("s-tagged")) {
                byte[] f = c.frame();
                byte[] popped = new byte[f.length];
                System.arraycopy(f, 0, popped, 0, 12);
                System.arraycopy(f, 16, popped, 12, f.length - 16);
                t.received(popped);
            } else {
                t.received(c.frame());
                if (c.name().equals("broadcast")) {
                    t.received(c.frame());
                }
            }
        }
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().startsWith("reflected wrongly (duplicated, or untagged frames changed): broadcast"), o.summary());
        assertEquals("reflected, duplicated (2 copies), unmodified", o.values().get("broadcast"));
        assertEquals("reflected, modified: 02:0e:b0:00:00:0b from 02:0e:b0:00:00:0a, 88a8 pcp 0 vid 100 became "
                + "02:0e:b0:00:00:0b from 02:0e:b0:00:00:0a, untagged", o.values().get("s-tagged"));
    }

    @Test
    void withoutFloodingOnlyTheKnownAndTaggedFramesAreSentAndDecide() {
        HairpinTable t = sentAll(false);
        t.cases().forEach(c -> t.received(c.frame()));
        ProbeOutcome o = t.conclude();
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("not sent (floods: needs --allow-flood)", o.values().get("broadcast"));
    }

    @Test
    void framesOfAnotherRunAndEveryTruncationAreIgnoredNeverThrown() {
        HairpinTable t = sentAll(true);
        HairpinTable other = new HairpinTable(NONCE + 1);
        assertNull(t.received(other.cases().get(2).frame()));
        byte[] valid = t.cases().get(7).frame();
        for (int n = 0; n < valid.length; n++) {
            t.received(Arrays.copyOf(valid, n)); // a cut marker is no copy; a cut payload is a modified copy
        }
        assertTrue(HairpinTable.header(new byte[3]).contains("runt"));
    }
}
