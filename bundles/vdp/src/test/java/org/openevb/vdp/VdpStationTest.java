package org.openevb.vdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.vdp.Fixtures.MANAGER;
import static org.openevb.vdp.Fixtures.TIMERS;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openevb.api.vdp.VdpCounter;
import org.openevb.codec.Vectors;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.ManagerIdTlv;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VsiTlv;

/** The station's state machine against scripted bridge answers. */
class VdpStationTest {

    private static final long T0 = 1_000_000_000L;
    private final VdpStation station = new VdpStation(TIMERS);
    private final Vsi vsi = Fixtures.vsi(1, 0x020000000a01L, 100);

    private static VdpPdu sent(List<VdpAction> actions) {
        List<VdpPdu> pdus = new ArrayList<>();
        for (VdpAction a : actions) {
            if (a instanceof VdpAction.Send s) {
                pdus.add(s.pdu());
            }
        }
        assertEquals(1, pdus.size(), "one PDU sent: " + actions);
        return pdus.get(0);
    }

    /** The bridge's answer to a PDU the station sent. */
    private static byte[] answer(VdpPdu request, int code, boolean keep, boolean hard) {
        VsiTlv tlv = request.vsi().orElseThrow();
        return VdpPdu.of(request.managerId().orElseThrow(), tlv.response(code, keep, hard)).encode();
    }

    private StationVsiStatus status() {
        return station.status(vsi.id());
    }

    @Test
    void associateAcceptedThenKeptAlive() {
        VdpPdu req = sent(station.command(vsi, VdpCommand.ASSOCIATE, 0, T0));
        assertEquals(List.of(new ManagerIdTlv(MANAGER), vsi.tlv(VdpCommand.ASSOCIATE, 0)), req.tlvs());
        assertEquals(VdpCommand.ASSOCIATE, status().pending());
        assertEquals(StationOutcome.PENDING, status().lastOutcome());
        assertEquals(T0 + TIMERS.responseWaitNanos(), station.nextDeadline());

        List<VdpAction> out = station.received(answer(req, 0, false, false), T0 + 1000);
        assertEquals(List.of(new VdpAction.Changed(vsi.id(), VsiState.ASSOCIATED)), out);
        assertEquals(VsiState.ASSOCIATED, status().state());
        assertEquals(VdpResponse.SUCCESS, status().lastResponse());
        assertNull(status().pending());

        // keep-alives every 10 us * 2^RKA: the same TLV again
        long ka = T0 + 1000 + TIMERS.keepAliveNanos();
        assertEquals(ka, station.nextDeadline());
        assertEquals(List.of(), station.tick(ka - 1));
        VdpPdu again = sent(station.tick(ka));
        assertEquals(req, again);
        assertEquals(1, status().keepAlivesSent());
        assertEquals(List.of(), station.received(answer(again, 0, false, false), ka + 5));
        assertEquals(ka + 5 + TIMERS.keepAliveNanos(), station.nextDeadline());
        assertEquals(2, status().succeeded());
    }

    static Stream<Arguments> formats() {
        VsiId[] ids = {VsiId.uuid(java.util.UUID.randomUUID()), VsiId.mac(0x020000000b02L),
            VsiId.ipv4(new byte[] {10, 0, 0, 9}), VsiId.ipv6(Vectors.hex("fe800000000000000000000000000001")),
            VsiId.local(Vectors.hex("6c6f63616c2d7673692d303030303031"))};
        List<List<FilterEntry>> filters = List.of(
                List.of(FilterEntry.ofVid(true, 5, 20)),
                List.of(FilterEntry.ofMacVid(0x020000000a01L, 100), FilterEntry.ofMacVid(0x020000000a02L, 0)),
                List.of(new FilterEntry(0x1234, 0, false, 0, 30)),
                List.of(new FilterEntry(0xfedcba98, 0x020000000a03L, true, 3, 40)));
        List<Arguments> out = new ArrayList<>();
        for (VsiId id : ids) {
            for (int f = 1; f <= 4; f++) {
                out.add(Arguments.of(id, f, filters.get(f - 1)));
            }
        }
        return out.stream();
    }

    /** Every VSIID format with every filter format: the request decodes to what was asked. */
    @ParameterizedTest
    @MethodSource("formats")
    void everyVsiidAndFilterFormat(VsiId id, int filterFormat, List<FilterEntry> entries) throws Exception {
        Vsi v = new Vsi(MANAGER, id, 7, 1, filterFormat, entries);
        for (VdpCommand c : VdpCommand.values()) {
            VdpStation s = new VdpStation(TIMERS);
            byte[] wire = sent(s.command(v, c, 0, T0)).encode();
            VdpPdu back = VdpPdu.decode(wire, 0, wire.length);
            VsiTlv tlv = back.vsi().orElseThrow();
            assertEquals(c.tlvType(), tlv.type());
            assertEquals(id, VsiId.of(tlv));
            assertEquals(filterFormat, tlv.filterFormat());
            assertEquals(entries, tlv.entries());
            assertEquals(0, tlv.status());
            // the answer reaches the right VSI
            s.received(answer(back, 0, false, false), T0 + 1);
            assertEquals(c.result(), s.status(id).state());
        }
    }

    @Test
    void eachCommandLeadsToItsState() {
        for (VdpCommand c : List.of(VdpCommand.PRE_ASSOCIATE, VdpCommand.PRE_ASSOCIATE_RR, VdpCommand.ASSOCIATE,
                VdpCommand.DE_ASSOCIATE)) {
            VdpPdu req = sent(station.command(vsi, c, 0, T0));
            station.received(answer(req, 0, false, false), T0 + 1);
            assertEquals(c.result(), status().state());
            assertEquals(c, status().lastCommand());
        }
        // once de-associated, nothing more is sent
        assertEquals(Long.MAX_VALUE, station.nextDeadline());
    }

    @Test
    void migrationHintsInTheStatusByte() {
        VdpPdu to = sent(station.command(vsi, VdpCommand.ASSOCIATE, VsiTlv.STATUS_M_BIT, T0));
        assertTrue(to.vsi().orElseThrow().mBit());
        VdpStation other = new VdpStation(TIMERS);
        VdpPdu from = sent(other.command(vsi, VdpCommand.DE_ASSOCIATE, VsiTlv.STATUS_S_BIT, T0));
        assertTrue(from.vsi().orElseThrow().sBit());
    }

    private static List<VdpAction.Announce> announcements(List<VdpAction> actions) {
        List<VdpAction.Announce> out = new ArrayList<>();
        for (VdpAction a : actions) {
            if (a instanceof VdpAction.Announce an) {
                out.add(an);
            }
        }
        return out;
    }

    @Test
    void anAssociateThatMigratedHereIsAnnouncedOnQemusSchedule() {
        Vsi two = new Vsi(MANAGER, Fixtures.uuid(7), Fixtures.TYPE, Fixtures.VERSION, VsiTlv.FILTER_MAC_VID,
                List.of(FilterEntry.ofMacVid(0x020000000a01L, 100), FilterEntry.ofMacVid(0x020000000a02L, 101),
                        FilterEntry.ofMacVid(0x020000000a01L, 100)));
        VdpPdu req = sent(station.command(two, VdpCommand.ASSOCIATE, VsiTlv.STATUS_M_BIT, T0));
        long ok = T0 + 3_000_000;
        List<VdpAction.Announce> first = announcements(station.received(answer(req, 0, false, false), ok));
        assertEquals(1, first.size(), "the first round at once");
        assertEquals(0, first.get(0).round());
        assertEquals(List.of(FilterEntry.ofMacVid(0x020000000a01L, 100), FilterEntry.ofMacVid(0x020000000a02L, 101)),
                first.get(0).entries(), "each (MAC, VID) once");
        long[] offsets = {50, 200, 450, 800};
        for (int r = 1; r <= 4; r++) {
            long due = ok + offsets[r - 1] * 1_000_000;
            assertEquals(due, station.nextDeadline());
            assertEquals(List.of(), announcements(station.tick(due - 1)));
            List<VdpAction.Announce> round = announcements(station.tick(due));
            assertEquals(1, round.size());
            assertEquals(r, round.get(0).round());
        }
        assertEquals(ok + TIMERS.keepAliveNanos(), station.nextDeadline(), "after five rounds only the keep-alive");
        VdpPdu keepAlive = sent(station.tick(ok + TIMERS.keepAliveNanos()));
        assertEquals(0, keepAlive.vsi().orElseThrow().status(), "a keep-alive is no migration: no hint");
        assertEquals(10, station.counter(VdpCounter.ANNOUNCEMENTS_SENT));
        assertEquals(10, station.status(two.id()).announced());
        assertEquals(VsiTlv.STATUS_M_BIT, station.status(two.id()).hints());
    }

    @Test
    void eachVsiHasItsOwnScheduleOrNone() {
        // three rounds, 10 ms then 20 ms (initial 10, step 10, max 20)
        VdpPdu req = sent(station.command(vsi, VdpCommand.ASSOCIATE, VsiTlv.STATUS_M_BIT, T0));
        station.announcing(vsi.id(), new AnnounceSchedule(10, 20, 10, 3));
        long ok = T0 + 1_000_000;
        assertEquals(1, announcements(station.received(answer(req, 0, false, false), ok)).size());
        assertEquals(ok + 10_000_000, station.nextDeadline());
        assertEquals(1, announcements(station.tick(ok + 10_000_000)).size());
        assertEquals(ok + 30_000_000, station.nextDeadline());
        assertEquals(2, announcements(station.tick(ok + 30_000_000)).get(0).round());
        assertEquals(ok + TIMERS.keepAliveNanos(), station.nextDeadline(), "three rounds only");
        assertEquals(3, station.counter(VdpCounter.ANNOUNCEMENTS_SENT));

        // announcements off for this VSI: a migration here sends none
        VdpStation quiet = new VdpStation(TIMERS);
        req = sent(quiet.command(vsi, VdpCommand.ASSOCIATE, VsiTlv.STATUS_M_BIT, T0));
        quiet.announcing(vsi.id(), null);
        assertEquals(List.of(), announcements(quiet.received(answer(req, 0, false, false), T0 + 1)));
        assertEquals(VsiState.ASSOCIATED, quiet.status(vsi.id()).state());
        assertEquals(0, quiet.counter(VdpCounter.ANNOUNCEMENTS_SENT));

        // turned off between two rounds: the rest do not go; a VSI without a command is left alone
        VdpStation stopped = new VdpStation(TIMERS);
        req = sent(stopped.command(vsi, VdpCommand.ASSOCIATE, VsiTlv.STATUS_M_BIT, T0));
        assertEquals(1, announcements(stopped.received(answer(req, 0, false, false), T0)).size());
        stopped.announcing(vsi.id(), null);
        stopped.announcing(Fixtures.uuid(5), AnnounceSchedule.QEMU);
        assertEquals(List.of(), announcements(stopped.tick(T0 + 1_000_000_000L)));
        assertEquals(1, stopped.counter(VdpCounter.ANNOUNCEMENTS_SENT));
        assertEquals(1, stopped.statuses().size());
    }

    @Test
    void noAnnouncementWithoutTheHintOrAfterTheVsiLeft() {
        VdpPdu req = sent(station.command(vsi, VdpCommand.ASSOCIATE, 0, T0));
        assertEquals(List.of(), announcements(station.received(answer(req, 0, false, false), T0 + 1)));
        assertEquals(T0 + 1 + TIMERS.keepAliveNanos(), station.nextDeadline());

        VdpStation migrated = new VdpStation(TIMERS);
        req = sent(migrated.command(vsi, VdpCommand.ASSOCIATE, VsiTlv.STATUS_M_BIT, T0));
        assertEquals(1, announcements(migrated.received(answer(req, 0, false, false), T0)).size());
        // de-associated before the second round: the announcements stop
        VdpPdu de = sent(migrated.command(vsi, VdpCommand.DE_ASSOCIATE, 0, T0 + 10_000_000));
        migrated.received(answer(de, 0, false, false), T0 + 20_000_000);
        assertEquals(Long.MAX_VALUE, migrated.nextDeadline());
        assertEquals(List.of(), announcements(migrated.tick(T0 + 1_000_000_000L)));
        assertEquals(1, migrated.counter(VdpCounter.ANNOUNCEMENTS_SENT));

        // a refused migration announces nothing; nor does a VID-only filter
        VdpStation refused = new VdpStation(TIMERS);
        req = sent(refused.command(vsi, VdpCommand.ASSOCIATE, VsiTlv.STATUS_M_BIT, T0));
        assertEquals(List.of(), announcements(refused.received(answer(req, 4, false, false), T0 + 1)));
        Vsi vidOnly = new Vsi(MANAGER, Fixtures.uuid(9), Fixtures.TYPE, Fixtures.VERSION, VsiTlv.FILTER_VID,
                List.of(FilterEntry.ofVid(false, 0, 100)));
        req = sent(refused.command(vidOnly, VdpCommand.ASSOCIATE, VsiTlv.STATUS_M_BIT, T0));
        assertEquals(List.of(), announcements(refused.received(answer(req, 0, false, false), T0 + 1)));
        assertEquals(0, refused.counter(VdpCounter.ANNOUNCEMENTS_SENT));
    }

    @Test
    void noAnswerEndsAtTheResponseWait() {
        sent(station.command(vsi, VdpCommand.ASSOCIATE, 0, T0));
        long wait = T0 + TIMERS.responseWaitNanos();
        assertEquals(List.of(), station.tick(wait - 1));
        assertEquals(List.of(), station.tick(wait)); // was never associated: no change to report
        assertEquals(StationOutcome.TIMEOUT, status().lastOutcome());
        assertEquals(VsiState.DEASSOCIATED, status().state());
        assertEquals(1, station.counter(VdpCounter.TIMEOUTS));
        assertEquals(Long.MAX_VALUE, station.nextDeadline());
        // a late answer changes nothing
        assertEquals(List.of(), station.received(answer(vsi.pdu(VdpCommand.ASSOCIATE, 0), 0, false, false), wait + 1));
        assertEquals(1, station.counter(VdpCounter.UNEXPECTED));
    }

    @Test
    void keepAliveWithoutAnswerDeassociates() {
        VdpPdu req = sent(station.command(vsi, VdpCommand.ASSOCIATE, 0, T0));
        station.received(answer(req, 0, false, false), T0);
        long ka = T0 + TIMERS.keepAliveNanos();
        sent(station.tick(ka));
        List<VdpAction> out = station.tick(ka + TIMERS.responseWaitNanos());
        assertEquals(List.of(new VdpAction.Changed(vsi.id(), VsiState.DEASSOCIATED)), out);
        assertEquals(StationOutcome.TIMEOUT, status().lastOutcome());
    }

    @Test
    void ecpGivingUpEndsTheExchange() {
        VdpPdu req = sent(station.command(vsi, VdpCommand.ASSOCIATE, 0, T0));
        station.ecpGaveUp(req.encode(), T0 + 5);
        assertEquals(StationOutcome.ECP_GAVE_UP, status().lastOutcome());
        assertEquals(VsiState.DEASSOCIATED, status().state());
        assertEquals(1, status().failed());
        assertEquals(Long.MAX_VALUE, station.nextDeadline());
    }

    @Test
    void refusalWithoutKeepDeassociatesAndShowsTheReason() {
        VdpPdu req = sent(station.command(vsi, VdpCommand.ASSOCIATE, 0, T0));
        station.received(answer(req, VsiTlv.OTHER_FAILURE, false, true), T0 + 1);
        assertEquals(new VdpResponse(VsiTlv.OTHER_FAILURE, false, true), status().lastResponse());
        assertEquals("other failure hard", status().lastResponse().toString());
        assertEquals(StationOutcome.REFUSED, status().lastOutcome());
        assertEquals(VsiState.DEASSOCIATED, status().state());
    }

    @Test
    void refusalWithKeepLeavesThePreviousState() {
        VdpPdu req = sent(station.command(vsi, VdpCommand.ASSOCIATE, 0, T0));
        station.received(answer(req, 0, false, false), T0 + 1);
        VdpPdu pre = sent(station.command(vsi, VdpCommand.PRE_ASSOCIATE_RR, 0, T0 + 2));
        assertEquals(List.of(), station.received(answer(pre, VsiTlv.INSUFFICIENT_RESOURCES, true, false), T0 + 3));
        assertEquals(VsiState.ASSOCIATED, status().state());
        assertEquals(StationOutcome.KEPT, status().lastOutcome());
        assertTrue(status().lastResponse().keep());
        // the established state is still kept alive
        assertEquals(T0 + 3 + TIMERS.keepAliveNanos(), station.nextDeadline());
    }

    @Test
    void keepErrorOnAKeepAliveWithdrawsTheAssociation() {
        VdpPdu req = sent(station.command(vsi, VdpCommand.ASSOCIATE, 0, T0));
        station.received(answer(req, 0, false, false), T0);
        long ka = T0 + TIMERS.keepAliveNanos();
        VdpPdu alive = sent(station.tick(ka));
        VdpPdu de = sent(station.received(answer(alive, VsiTlv.INVALID_VID_GROUP_OR_MAC, true, false), ka + 1));
        assertEquals(VsiTlv.DE_ASSOCIATE, de.vsi().orElseThrow().type());
        station.received(answer(de, 0, false, false), ka + 2);
        assertEquals(VsiState.DEASSOCIATED, status().state());
    }

    @Test
    void bridgeInitiatedDeassociate() {
        VdpPdu req = sent(station.command(vsi, VdpCommand.ASSOCIATE, 0, T0));
        station.received(answer(req, 0, false, false), T0);
        byte[] de = VdpPdu.of(new ManagerIdTlv(MANAGER), vsi.tlv(VdpCommand.DE_ASSOCIATE, 0).response(0, false, false)).encode();
        List<VdpAction> out = station.received(de, T0 + 7);
        assertEquals(List.of(new VdpAction.Changed(vsi.id(), VsiState.DEASSOCIATED)), out);
        assertEquals(StationOutcome.BRIDGE_DEASSOCIATED, status().lastOutcome());
        assertEquals(1, station.counter(VdpCounter.BRIDGE_DEASSOCIATED));
        assertEquals(Long.MAX_VALUE, station.nextDeadline(), "no keep-alive after the bridge ended it");
    }

    /** lldpad's bridge refuses with a De-Associate carrying the code: the station ends the VSI with it. */
    @Test
    void refusalAsDeassociateEndsThePendingRequest() {
        sent(station.command(vsi, VdpCommand.ASSOCIATE, 0, T0));
        byte[] de = VdpPdu.of(new ManagerIdTlv(MANAGER),
                vsi.tlv(VdpCommand.DE_ASSOCIATE, 0).response(VsiTlv.INSUFFICIENT_RESOURCES, false, false)).encode();
        station.received(de, T0 + 7);
        assertEquals(VsiState.DEASSOCIATED, status().state());
        assertEquals(VsiTlv.INSUFFICIENT_RESOURCES, status().lastResponse().code());
        assertNull(status().pending());
    }

    @Test
    void bridgeChosenVidAdopted() {
        Vsi any = Fixtures.vsi(2, 0x020000000a05L, 0);
        VdpPdu req = sent(station.command(any, VdpCommand.ASSOCIATE, 0, T0));
        VsiTlv chosen = req.vsi().orElseThrow().withEntries(List.of(FilterEntry.ofMacVid(0x020000000a05L, 101)));
        station.received(VdpPdu.of(new ManagerIdTlv(MANAGER), chosen.response(0, false, false)).encode(), T0 + 1);
        assertEquals(101, station.status(any.id()).vsi().entries().get(0).vid());
        // and keep-alives carry it
        VdpPdu ka = sent(station.tick(T0 + 1 + TIMERS.keepAliveNanos()));
        assertEquals(101, ka.vsi().orElseThrow().entries().get(0).vid());
    }

    @Test
    void commandDuringAnExchangeWaitsForIt() {
        VdpPdu req = sent(station.command(vsi, VdpCommand.PRE_ASSOCIATE, 0, T0));
        assertEquals(List.of(), station.command(vsi, VdpCommand.ASSOCIATE, 0, T0 + 1));
        List<VdpAction> out = station.received(answer(req, 0, false, false), T0 + 2);
        assertEquals(VdpCommand.ASSOCIATE, VdpCommand.of(sent(out).vsi().orElseThrow().type()));
        assertEquals(VdpCommand.ASSOCIATE, status().pending());
    }

    @Test
    void badInputCountedNeverThrown() {
        sent(station.command(vsi, VdpCommand.ASSOCIATE, 0, T0));
        byte[] good = answer(vsi.pdu(VdpCommand.ASSOCIATE, 0), 0, false, false);
        for (int n = 1; n < good.length; n++) {
            station.received(Arrays.copyOf(good, n), T0 + 1); // every truncation
        }
        assertTrue(station.counter(VdpCounter.MALFORMED) > 0);
        // a request (response bit clear) and an unknown VSI are unexpected, not errors
        station.received(vsi.pdu(VdpCommand.ASSOCIATE, 0).encode(), T0 + 2);
        station.received(answer(Fixtures.vsi(9, 0x02000000ffffL, 1).pdu(VdpCommand.ASSOCIATE, 0), 0, false, false), T0 + 2);
        assertEquals(2, station.counter(VdpCounter.UNEXPECTED));
        assertEquals(VdpCommand.ASSOCIATE, status().pending());
        assertEquals(List.of(), station.ecpGaveUp(new byte[] {1, 2, 3}, T0));
    }

    /** Our station's Associate for the VSI of lldpad's capture is lldpad's own request, byte for byte. */
    @Test
    void requestEqualsLldpadCapture() throws Exception {
        byte[] frame = Vectors.frame(Vectors.LLDPAD_ECP_VDP, 1);
        VdpPdu theirs = VdpPdu.decode(frame, 18, frame.length - 18);
        VsiTlv t = theirs.vsi().orElseThrow();
        Vsi same = new Vsi(theirs.managerId().orElseThrow().id(), VsiId.of(t), t.typeId(), t.typeVersion(),
                t.filterFormat(), t.entries());
        byte[] ours = sent(station.command(same, VdpCommand.of(t.type()), t.status(), T0)).encode();
        assertArrayEquals(Arrays.copyOfRange(frame, 18, 18 + ours.length), ours);
        assertEquals(VdpPdu.of(theirs.tlvs()), VdpPdu.decode(ours, 0, ours.length));
        // the captured answer (frame 3) associates it
        byte[] answer = Vectors.frame(Vectors.LLDPAD_ECP_VDP, 3);
        station.received(Arrays.copyOfRange(answer, 18, answer.length), T0 + 1);
        assertEquals(VsiState.ASSOCIATED, station.status(same.id()).state());
        assertInstanceOf(VdpResponse.class, station.status(same.id()).lastResponse());
    }
}
