package org.openevb.vdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openevb.vdp.Fixtures.MANAGER;
import static org.openevb.vdp.Fixtures.TIMERS;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openevb.api.vdp.EcpCounter;
import org.openevb.api.vdp.VdpCounter;
import org.openevb.codec.Vectors;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.ManagerIdTlv;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VsiTlv;

/** Our station against our bridge, over ECP on a lossless link. */
class VdpBridgeTest {

    private final LocalVsiRegistry registry = new LocalVsiRegistry();
    private final Wire wire = new Wire(1, 0);
    private final Wire.Node station = wire.station("s1", TIMERS);
    private final Wire.Node bridge = wire.bridge("p1", TIMERS, Fixtures.types(2), registry);

    VdpBridgeTest() {
        Wire.connect(station, bridge);
    }

    private StationVsiStatus exchange(Wire.Node st, Vsi vsi, VdpCommand command, int hints) {
        st.command(vsi, command, hints);
        assertTrue(wire.runWhile(() -> st.station.status(vsi.id()).pending() != null, wire.now + 60_000_000_000L));
        wire.runUntil(wire.now + 1_000_000); // the last acknowledgement lands
        return st.station.status(vsi.id());
    }

    private StationVsiStatus exchange(Vsi vsi, VdpCommand command) {
        return exchange(station, vsi, command, 0);
    }

    @Test
    void associateAccepted() {
        Vsi vsi = Fixtures.vsi(1, 0x020000000a01L, 100);
        StationVsiStatus s = exchange(vsi, VdpCommand.ASSOCIATE);
        assertEquals(VsiState.ASSOCIATED, s.state());
        assertEquals(VdpResponse.SUCCESS, s.lastResponse());
        BridgeVsiStatus b = bridge.bridge.status(vsi.id());
        assertEquals(VsiState.ASSOCIATED, b.state());
        assertEquals(VdpReason.ACCEPTED, b.lastReason());
        assertEquals("p1", registry.portOf(vsi.id()));
        assertEquals(new VsiRegistry.Holder("p1", vsi.id()), registry.holder(0x020000000a01L));
        assertEquals(List.of(new VdpAction.Changed(vsi.id(), VsiState.ASSOCIATED)), bridge.changes);
        assertEquals(1, station.ecp.counter(EcpCounter.ACKNOWLEDGED));
        assertEquals(1, bridge.ecp.counter(EcpCounter.ACKNOWLEDGED));

        // de-associate frees the MAC and the slot
        assertEquals(VsiState.DEASSOCIATED, exchange(vsi, VdpCommand.DE_ASSOCIATE).state());
        assertNull(bridge.bridge.status(vsi.id()));
        assertNull(registry.holder(0x020000000a01L));
    }

    @Test
    void unknownTypeRefusedWithItsReason() {
        Vsi vsi = new Vsi(MANAGER, Fixtures.uuid(1), 99, 1, VsiTlv.FILTER_VID, List.of(FilterEntry.ofVid(false, 0, 100)));
        StationVsiStatus s = exchange(vsi, VdpCommand.ASSOCIATE);
        assertEquals(VsiState.DEASSOCIATED, s.state());
        assertEquals(StationOutcome.REFUSED, s.lastOutcome());
        assertEquals(new VdpResponse(VsiTlv.OTHER_FAILURE, false, true), s.lastResponse());
        assertEquals(1L, bridge.bridge.refusals().get(VdpReason.UNKNOWN_TYPE_ID));
        assertNull(bridge.bridge.status(vsi.id()));
    }

    @Test
    void insufficientResourcesAtTheLimitPerPort() {
        assertEquals(VsiState.ASSOCIATED, exchange(Fixtures.vsi(1, 0x020000000a01L, 100), VdpCommand.ASSOCIATE).state());
        assertEquals(VsiState.PREASSOCIATED_RR,
                exchange(Fixtures.vsi(2, 0x020000000a02L, 100), VdpCommand.PRE_ASSOCIATE_RR).state());
        StationVsiStatus third = exchange(Fixtures.vsi(3, 0x020000000a03L, 100), VdpCommand.ASSOCIATE);
        assertEquals(new VdpResponse(VsiTlv.INSUFFICIENT_RESOURCES, false, false), third.lastResponse());
        assertEquals(VsiState.DEASSOCIATED, third.state());
        // a VSI already holding a slot may still re-associate (keep-alive), and a freed slot is reused
        assertEquals(VsiState.ASSOCIATED, exchange(Fixtures.vsi(1, 0x020000000a01L, 100), VdpCommand.ASSOCIATE).state());
        exchange(Fixtures.vsi(2, 0x020000000a02L, 100), VdpCommand.DE_ASSOCIATE);
        assertEquals(VsiState.ASSOCIATED, exchange(Fixtures.vsi(3, 0x020000000a03L, 100), VdpCommand.ASSOCIATE).state());
    }

    @Test
    void vidZeroAssignedByTheBridge() {
        Vsi vsi = Fixtures.vsi(1, 0x020000000a01L, 0);
        StationVsiStatus s = exchange(vsi, VdpCommand.ASSOCIATE);
        assertEquals(VsiState.ASSOCIATED, s.state());
        assertEquals(List.of(FilterEntry.ofMacVid(0x020000000a01L, 100)), s.vsi().entries());
        assertEquals(100, bridge.bridge.status(vsi.id()).admitted().entries().get(0).vid());
    }

    @Test
    void keepAlivesHoldTheAssociationAndTheirAbsenceEndsIt() {
        Vsi vsi = Fixtures.vsi(1, 0x020000000a01L, 100);
        exchange(vsi, VdpCommand.ASSOCIATE);
        // ten keep-alive periods: still associated on both sides
        wire.runUntil(wire.now + 10 * TIMERS.keepAliveNanos());
        assertEquals(VsiState.ASSOCIATED, bridge.bridge.status(vsi.id()).state());
        assertEquals(10, station.station.status(vsi.id()).keepAlivesSent());
        assertEquals(10, bridge.bridge.counter(VdpCounter.KEEP_ALIVES_RECEIVED));

        // the station goes silent: the bridge de-associates exactly toutKeepAlive after the last request
        long lastHeard = bridge.bridge.status(vsi.id()).lastHeardAt();
        station.station.remove(vsi.id());
        long expiry = lastHeard + TIMERS.toutKeepAliveNanos();
        wire.runUntil(expiry - 1);
        assertNotNull(bridge.bridge.status(vsi.id()));
        wire.runUntil(expiry);
        assertNull(bridge.bridge.status(vsi.id()));
        assertEquals(1, bridge.bridge.counter(VdpCounter.KEEP_ALIVE_TIMEOUTS));
        assertNull(registry.holder(0x020000000a01L));
        assertEquals(17_448_960_000L, new VdpTimers(3, 14, 20, 20).toutKeepAliveNanos());
    }

    @Test
    void macUsedOnAnotherPortRefused() {
        Wire.Node station2 = wire.station("s2", TIMERS);
        Wire.Node port2 = wire.bridge("p2", TIMERS, Fixtures.types(2), registry);
        Wire.connect(station2, port2);
        exchange(Fixtures.vsi(1, 0x020000000a01L, 100), VdpCommand.ASSOCIATE);
        StationVsiStatus s = exchange(station2, Fixtures.vsi(2, 0x020000000a01L, 100), VdpCommand.ASSOCIATE, 0);
        assertEquals(VsiState.DEASSOCIATED, s.state());
        assertEquals(new VdpResponse(VsiTlv.INVALID_VID_GROUP_OR_MAC, false, false), s.lastResponse());
        assertEquals(1L, port2.bridge.refusals().get(VdpReason.MAC_IN_USE));
        assertEquals("p1", registry.holder(0x020000000a01L).port());
    }

    @Test
    void migrationMovesTheMacs() {
        Wire.Node station2 = wire.station("s2", TIMERS);
        Wire.Node port2 = wire.bridge("p2", TIMERS, Fixtures.types(2), registry);
        Wire.connect(station2, port2);
        Vsi vm = Fixtures.vsi(1, 0x020000000a01L, 100);
        exchange(vm, VdpCommand.ASSOCIATE);
        // the same VSI associating at the destination without the hint is out of sync
        assertEquals(new VdpResponse(VsiTlv.OTHER_FAILURE, false, false),
                exchange(station2, vm, VdpCommand.ASSOCIATE, 0).lastResponse());
        assertEquals(VsiState.PREASSOCIATED_RR, exchange(station2, vm, VdpCommand.PRE_ASSOCIATE_RR, 0).state());
        assertEquals(VsiState.ASSOCIATED, exchange(station2, vm, VdpCommand.ASSOCIATE, VsiTlv.STATUS_M_BIT).state());
        assertEquals("p2", registry.holder(0x020000000a01L).port());
        assertEquals(VsiState.DEASSOCIATED, exchange(station, vm, VdpCommand.DE_ASSOCIATE, VsiTlv.STATUS_S_BIT).state());
        assertEquals("p2", registry.holder(0x020000000a01L).port(), "the source's de-associate leaves the destination's MAC");
        assertEquals("p2", registry.portOf(vm.id()));
    }

    @Test
    void bridgeInitiatedDeassociateReachesTheStation() {
        Vsi vsi = Fixtures.vsi(1, 0x020000000a01L, 100);
        exchange(vsi, VdpCommand.ASSOCIATE);
        bridge.vdp(bridge.bridge.deassociate(vsi.id(), VdpReason.OUT_OF_SYNC, wire.now));
        wire.runUntil(wire.now + TIMERS.ackTimerNanos());
        StationVsiStatus s = station.station.status(vsi.id());
        assertEquals(VsiState.DEASSOCIATED, s.state());
        assertEquals(StationOutcome.BRIDGE_DEASSOCIATED, s.lastOutcome());
        assertEquals(VsiTlv.OTHER_FAILURE, s.lastResponse().code());
        assertEquals(Long.MAX_VALUE, station.station.nextDeadline());
    }

    @Test
    void refusedChangeKeepsThePreviousState() {
        Vsi vsi = Fixtures.vsi(1, 0x020000000a01L, 100);
        exchange(vsi, VdpCommand.ASSOCIATE);
        StationVsiStatus s = exchange(Fixtures.vsi(1, 0x020000000a01L, 300), VdpCommand.ASSOCIATE);
        assertEquals(new VdpResponse(VsiTlv.INVALID_VID_GROUP_OR_MAC, true, true), s.lastResponse());
        assertEquals(VsiState.ASSOCIATED, s.state());
        assertEquals(VsiState.ASSOCIATED, bridge.bridge.status(vsi.id()).state());
        assertEquals(VdpReason.VID_NOT_ALLOWED, bridge.bridge.status(vsi.id()).lastReason());
    }

    /** A VSI TLV that decodes but is not valid is answered "invalid format"; one that does not decode is counted. */
    @Test
    void malformedVsiTlvAnsweredOrCounted() {
        VdpBridge b = bridge.bridge;
        VsiTlv bad = new VsiTlv(3, 0, 5, 4, 9, new byte[16], 2, List.of(FilterEntry.ofMacVid(0x020000000a01L, 100)));
        List<VdpAction> out = b.received(VdpPdu.of(new ManagerIdTlv(MANAGER), bad).encode(), wire.now);
        VsiTlv answer = assertInstanceOf(VdpAction.Send.class, out.get(0)).pdu().vsi().orElseThrow();
        assertEquals(VsiTlv.STATUS_RESPONSE | VsiTlv.STATUS_HARD_ERROR | VsiTlv.INVALID_FORMAT, answer.status());
        // no Manager ID TLV
        out = b.received(VdpPdu.of(Fixtures.vsi(1, 0x020000000a01L, 100).tlv(VdpCommand.ASSOCIATE, 0)).encode(), wire.now);
        assertEquals(VsiTlv.INVALID_FORMAT, assertInstanceOf(VdpAction.Send.class, out.get(0)).pdu().vsi().orElseThrow().errorCode());
        assertEquals(2L, b.refusals().get(VdpReason.INVALID_FORMAT));

        // every truncation, a wrong entry count, an unknown filter format, junk: counted, never thrown
        byte[] good = Fixtures.vsi(1, 0x020000000a01L, 100).pdu(VdpCommand.ASSOCIATE, 0).encode();
        long before = b.counter(VdpCounter.MALFORMED);
        int cases = 0;
        for (int n = 1; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            if (n > 18) {
                b.received(cut, wire.now);
                cases++;
            }
        }
        byte[] count = good.clone();
        count[18 + 2 + 24] = 2; // two entries declared, one present
        byte[] filter = good.clone();
        filter[18 + 2 + 22] = 9;
        b.received(count, wire.now);
        b.received(filter, wire.now);
        b.received(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2}, wire.now);
        b.received(new byte[0], wire.now); // no VSI TLV at all
        assertEquals(before + cases + 4, b.counter(VdpCounter.MALFORMED));
        assertNull(b.status(Fixtures.uuid(1)));
    }

    /** Our bridge answers lldpad's captured Associate with lldpad's captured answer, once its type is known. */
    @Test
    void answerEqualsLldpadCapture() throws Exception {
        byte[] request = Vectors.frame(Vectors.LLDPAD_ECP_VDP, 1);
        byte[] answer = Vectors.frame(Vectors.LLDPAD_ECP_VDP, 3);
        VsiTlv t = VdpPdu.decode(request, 18, request.length - 18).vsi().orElseThrow();
        VsiTypeDatabase types = new VsiTypeDatabase(List.of(VsiType.of(t.typeId(), t.typeVersion(), 100)), 4);
        VdpBridge b = new VdpBridge("p9", TIMERS, types, registry, false);
        List<VdpAction> out = b.received(Arrays.copyOfRange(request, 18, request.length), Wire.T0);
        VdpPdu ours = assertInstanceOf(VdpAction.Send.class, out.get(1)).pdu();
        VdpPdu theirs = VdpPdu.decode(answer, 18, answer.length - 18);
        assertEquals(theirs.tlvs(), ours.tlvs());
        assertEquals(EcpPdu.SUBTYPE_VDP, EcpPdu.decode(answer, 14, answer.length - 14).subtype());
        // with a type database that does not know it, the same request is refused
        VsiTypeDatabase other = new VsiTypeDatabase(List.of(VsiType.of(t.typeId() + 1, 1, 100)), 4);
        VdpBridge strict = new VdpBridge("p8", TIMERS, other, new LocalVsiRegistry(), false);
        VdpPdu refusal = assertInstanceOf(VdpAction.Send.class,
                strict.received(Arrays.copyOfRange(request, 18, request.length), Wire.T0).get(0)).pdu();
        assertEquals(VsiTlv.STATUS_RESPONSE | VsiTlv.STATUS_HARD_ERROR | VsiTlv.OTHER_FAILURE,
                refusal.vsi().orElseThrow().status());
    }
}
