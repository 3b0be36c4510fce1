package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/** P10's rules on their own: streams through a move as bridges deliver them, in milliseconds. */
class MigrationTest {

    private static final QualifyRequest REQUEST = new QualifyRequest("up", List.of(), "x", 1, false, 1, 1, 0,
            QualifyRequest.DEFAULT_ECIDS, QualifyRequest.DEFAULT_TAG_FORMAT, "", "", "up2");
    private static final long MS = 1_000_000;
    private static final List<FilterEntry> FILTER = List.of(FilterEntry.ofMacVid(MigrationProbe.VM, 10));

    /** 100 frames 10 ms apart from t = 10 ms; frame i arrives 1 ms after it was sent, at A before {@code switchAt}, at B from it. */
    private static Migration.Stream stream(int switchAt) {
        Migration.Stream s = new Migration.Stream();
        for (int i = 0; i < 100; i++) {
            long sent = (10 + 10L * i) * MS;
            assertEquals(i, s.sent(sent));
            s.arrived(i, i < switchAt ? Migration.A : Migration.B, sent + MS);
        }
        return s;
    }

    private static VdpLink.Exchange answer(int type, int status, int code, long atNanos) {
        VsiTlv request = MigrationProbe.vsi(REQUEST, type, status, FILTER);
        return new VdpLink.Exchange(request, 1, 1, 0.5, 2.0, request.response(code, false, false), 1, atNanos);
    }

    private static Migration.Steps hinted(int associateCode) {
        return new Migration.Steps(answer(VdpTlv.PRE_ASSOCIATE_RR, 0, 0, 300 * MS),
                answer(VdpTlv.ASSOCIATE, VsiTlv.STATUS_M_BIT, associateCode, 505 * MS),
                answer(VdpTlv.DE_ASSOCIATE, VsiTlv.STATUS_S_BIT, 0, 520 * MS));
    }

    private static Migration.Seen seen(Migration.Steps hinted, Migration.Move move, Migration.Steps plain) {
        return new Migration.Seen(true, true, answer(VdpTlv.ASSOCIATE, 0, 0, 5 * MS), 20, hinted, move, plain, null);
    }

    @Test
    void aMoveByVdpHasTheBlackoutBetweenTheLastFrameAtTheSourceAndTheFirstAtTheDestination() {
        Migration.Stream s = stream(50);
        // frame 50 was sent at 510 ms: after the Associate's answer at 505 ms, before any frame of the VM's
        Migration.Move m = Migration.move(s, Migration.A, Migration.B, 20, 100, 505 * MS, 0);
        assertTrue(m.reached());
        assertEquals(80, m.frames());
        assertEquals(10.0, m.blackoutMillis());
        assertEquals(0, m.lost());
        assertEquals(0, m.stale());
        assertEquals(0, m.both());
        assertTrue(m.byVdp());
        ProbeOutcome o = Migration.conclude(seen(hinted(0), m, null));
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("10.0 ms", o.values().get("blackout"));
        assertEquals("by VDP", o.values().get("fdb-move"));
    }

    @Test
    void framesToTheOldPortAfterTheAnswerLostOnesAndDuplicatesAreCountedAndMoreThanOneFails() {
        Migration.Stream s = stream(60); // frames 50..59 (sent 510-600 ms) still at A after the answer at 505 ms
        Migration.Move late = Migration.move(s, Migration.A, Migration.B, 0, 100, 505 * MS, 0);
        assertEquals(10, late.stale());
        ProbeOutcome o = Migration.conclude(seen(hinted(0), late, null));
        assertEquals(Verdict.FAIL, o.verdict());
        assertTrue(o.summary().startsWith("10 frame(s) delivered to the old port after the move"), o.summary());

        Migration.Stream one = stream(51); // frame 50, one in flight: reported, not failed
        assertEquals(Verdict.PASS, Migration.conclude(seen(hinted(0), Migration.move(one, Migration.A, Migration.B, 0, 100,
                505 * MS, 0), null)).verdict());

        Migration.Stream gap = new Migration.Stream();
        for (int i = 0; i < 100; i++) {
            gap.sent((10 + 10L * i) * MS);
            if (i < 50 || i >= 55) {
                gap.arrived(i, i < 50 ? Migration.A : Migration.B, (11 + 10L * i) * MS);
            }
        }
        gap.arrived(70, Migration.A, 712 * MS); // one copy at both
        gap.arrived(70, Migration.A, 713 * MS); // and a duplicate there
        gap.arrived(500, Migration.B, 1); // a number never sent
        assertEquals(1, gap.duplicates());
        assertEquals(1, gap.strays());
        Migration.Move m = Migration.move(gap, Migration.A, Migration.B, 0, 100, 505 * MS, 0);
        assertEquals(5, m.lost());
        assertEquals(1, m.both());
        ProbeOutcome lost = Migration.conclude(seen(hinted(0), m, null));
        assertEquals(Verdict.FAIL, lost.verdict());
        assertTrue(lost.summary().startsWith("5 frame(s) lost in the move"), lost.summary());
    }

    @Test
    void aBridgeThatMovesOnlyWhenTheVmSpeaksPassesAndSaysSoCountingTheFramesThatWentToTheOldPortUntilThen() {
        // the VM's frame at B at 1000 ms; the first frame at B (99) was sent then, not before it
        Migration.Stream s = new Migration.Stream();
        for (int i = 0; i < 150; i++) {
            long sent = (10 + 10L * i) * MS;
            s.sent(sent);
            s.arrived(i, i < 99 ? Migration.A : Migration.B, sent + MS);
        }
        Migration.Move m = Migration.move(s, Migration.A, Migration.B, 0, 150, 505 * MS, 1000 * MS);
        assertFalse(m.byVdp());
        assertEquals(0, m.stale());
        assertEquals(49, m.beforeTrigger());
        ProbeOutcome o = Migration.conclude(seen(hinted(0), m, null));
        assertEquals(Verdict.PASS, o.verdict(), o.summary());
        assertEquals("by learning (the VM's frame)", o.values().get("fdb-move"));
        assertTrue(o.summary().contains("49 to the old port between the answer and that frame"), o.summary());
    }

    @Test
    void eachStepRefusedOrTheStreamNeverAtTheDestinationFailsByName() {
        Migration.Stream s = stream(100);
        Migration.Move never = Migration.move(s, Migration.A, Migration.B, 50, 100, 505 * MS, 900 * MS);
        assertFalse(never.reached());
        ProbeOutcome refused = Migration.conclude(seen(hinted(VsiTlv.OTHER_FAILURE), never, null));
        assertEquals(Verdict.FAIL, refused.verdict());
        assertTrue(refused.summary().startsWith("the Associate with the migrate-to hint at the destination: refused"),
                refused.summary());
        ProbeOutcome nowhere = Migration.conclude(seen(hinted(0), never, null));
        assertEquals(Verdict.FAIL, nowhere.verdict());
        assertTrue(nowhere.summary().startsWith("the VSI's frames never reached the destination"), nowhere.summary());
        assertEquals("never reached the destination: of 50 frames, 50 went to the source, 0 nowhere", Migration.describe(never));
        Migration.Steps noPre = new Migration.Steps(answer(VdpTlv.PRE_ASSOCIATE_RR, 0, VsiTlv.INSUFFICIENT_RESOURCES, 1),
                hinted(0).associate(), hinted(0).deAssociate());
        assertTrue(Migration.conclude(seen(noPre, never, null)).summary().startsWith("the pre-associate with reservation"));
        Migration.Move slow = new Migration.Move(80, true, 1500, 0, 0, 0, 0, true);
        assertTrue(Migration.conclude(seen(hinted(0), slow, null)).summary().startsWith("blackout 1500.0 ms, longer than 1000 ms"));
    }

    @Test
    void noBridgeNoVdpARefusedVsiOrAStreamThatNeverReachedTheSourceAreNotFailures() {
        assertEquals(Verdict.NOT_SUPPORTED, Migration.conclude(new Migration.Seen(true, false, null, 0, null, null, null, null))
                .verdict());
        assertEquals("no EVB TLV of a bridge on the second port: VDP does not run on both",
                Migration.conclude(new Migration.Seen(true, false, null, 0, null, null, null, null)).summary());
        assertEquals("no EVB TLV of a bridge on the first port: VDP does not run there",
                Migration.conclude(new Migration.Seen(false, false, null, 0, null, null, null, null)).summary());
        VsiTlv req = MigrationProbe.vsi(REQUEST, VdpTlv.ASSOCIATE, 0, FILTER);
        VdpLink.Exchange unanswered = new VdpLink.Exchange(req, 1, 4, -1, -1, null, -1, 0);
        assertEquals(Verdict.NOT_SUPPORTED, Migration.conclude(new Migration.Seen(true, true, unanswered, 0, null, null, null,
                null)).verdict());
        assertEquals(Verdict.INCONCLUSIVE, Migration.conclude(new Migration.Seen(true, true,
                answer(VdpTlv.ASSOCIATE, 0, VsiTlv.INVALID_VID_GROUP_OR_MAC, 1), 0, null, null, null, null)).verdict());
        ProbeOutcome notReflected = Migration.conclude(new Migration.Seen(true, true, answer(VdpTlv.ASSOCIATE, 0, 0, 1), 0,
                hinted(0), Migration.move(stream(50), Migration.A, Migration.B, 20, 100, 505 * MS, 0), null, null));
        assertEquals(Verdict.INCONCLUSIVE, notReflected.verdict());
        assertTrue(notReflected.summary().contains("did not reach it on the first port"), notReflected.summary());
    }

    @Test
    void theHintsMatterWhenTheAnswersWithoutThemDiffer() {
        Migration.Steps plainRefused = new Migration.Steps(answer(VdpTlv.PRE_ASSOCIATE_RR, 0, 0, 1),
                answer(VdpTlv.ASSOCIATE, 0, VsiTlv.OTHER_FAILURE, 2), answer(VdpTlv.DE_ASSOCIATE, 0, 0, 3));
        assertEquals("the hints matter: the Associate at the destination with M succeeded, without it refused: other "
                + "failure (4), 2.0 ms", Migration.hints(hinted(0), plainRefused));
        Migration.Steps plainOk = new Migration.Steps(answer(VdpTlv.PRE_ASSOCIATE_RR, 0, 0, 1),
                answer(VdpTlv.ASSOCIATE, 0, 0, 2), answer(VdpTlv.DE_ASSOCIATE, 0, 0, 3));
        assertEquals("no difference in the answers: the bridge does not need the hints", Migration.hints(hinted(0), plainOk));
        assertTrue(Migration.hints(hinted(0), null).startsWith("not compared"));
    }

    @Test
    void theStreamsFramesCarryTheirNumberTaggedOrNotAndOthersAreNotTakenForThem() {
        byte[] tagged = new byte[ProbeSession.MIN_FRAME];
        int at = MigrationProbe.Traffic.write(tagged, MigrationProbe.VM, MigrationProbe.SENDER, 10);
        tagged[at + 2] = 1;
        tagged[at + 3] = 44;
        assertEquals(300, MigrationProbe.Traffic.number(tagged, MigrationProbe.VM, MigrationProbe.SENDER));
        assertEquals(-1, MigrationProbe.Traffic.number(tagged, MigrationProbe.VM, MigrationProbe.PEER));
        byte[] untagged = new byte[ProbeSession.MIN_FRAME];
        MigrationProbe.Traffic.write(untagged, MigrationProbe.VM, MigrationProbe.SENDER, 0);
        assertEquals(0, MigrationProbe.Traffic.number(untagged, MigrationProbe.VM, MigrationProbe.SENDER));
        untagged[15] = 'X';
        assertEquals(-1, MigrationProbe.Traffic.number(untagged, MigrationProbe.VM, MigrationProbe.SENDER));
        assertEquals(-1, MigrationProbe.Traffic.number(new byte[20], MigrationProbe.VM, MigrationProbe.SENDER));
        Migration.Stream s = new Migration.Stream();
        for (int i = 0; i < Migration.MAX_FRAMES; i++) {
            s.sent(i);
        }
        assertEquals(-1, s.sent(1), "bounded");
    }
}
