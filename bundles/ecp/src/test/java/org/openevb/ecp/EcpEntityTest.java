package org.openevb.ecp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openevb.api.vdp.EcpCounter;
import org.openevb.codec.Vectors;
import org.openevb.codec.ecp.EcpPdu;

class EcpEntityTest {

    private static final int VDP = EcpPdu.SUBTYPE_VDP;
    private static final long T0 = 1_000_000_000L;

    private static EcpEntity entity(int r, int rte) {
        return new EcpEntity(Set.of(VDP), r, rte, 4);
    }

    private static EcpPdu transmitted(List<EcpAction> actions, int index) {
        return assertInstanceOf(EcpAction.Transmit.class, actions.get(index)).pdu();
    }

    private static List<EcpAction> receive(EcpEntity e, EcpPdu pdu, long now) {
        byte[] b = pdu.encode();
        return e.received(b, 0, b.length, now);
    }

    @Test
    void sendAcknowledgedThenNext() {
        EcpEntity e = entity(3, 14);
        byte[] first = {1, 2, 3};
        List<EcpAction> out = e.send(VDP, first, T0);
        EcpPdu pdu = transmitted(out, 0);
        assertEquals(EcpPdu.request(VDP, 1, first), pdu);
        assertEquals(T0 + 163_840_000L, e.nextDeadline());

        // a second request waits behind the outstanding one
        assertEquals(List.of(), e.send(VDP, new byte[] {4}, T0 + 1));
        assertEquals(1, e.queued());

        out = receive(e, pdu.ack(), T0 + 5);
        assertEquals(new EcpAction.Acknowledged(VDP, 1), out.get(0));
        assertEquals(EcpPdu.request(VDP, 2, new byte[] {4}), transmitted(out, 1));
        assertEquals(T0 + 5 + 163_840_000L, e.nextDeadline());

        receive(e, EcpPdu.request(VDP, 2, new byte[0]).ack(), T0 + 6);
        assertEquals(Long.MAX_VALUE, e.nextDeadline());
        assertEquals(2, e.counter(EcpCounter.SENT));
        assertEquals(2, e.counter(EcpCounter.ACKNOWLEDGED));
        assertEquals(0, e.counter(EcpCounter.RETRANSMITTED));
        assertEquals(2, e.counter(EcpCounter.RECEIVED));
    }

    @Test
    void spacingHoldsTheNextRequestBackAfterAQuickAcknowledgement() {
        long gap = EcpEntity.LLDPAD_SAFE_SPACING_NANOS;
        EcpEntity e = new EcpEntity(Set.of(VDP), 3, 14, 4, gap);
        EcpPdu first = transmitted(e.send(VDP, new byte[] {1}, T0), 0);
        assertEquals(List.of(), e.send(VDP, new byte[] {2}, T0 + 1));

        // acknowledged within 100 µs: the next request waits until the spacing has passed
        List<EcpAction> out = receive(e, first.ack(), T0 + 100_000);
        assertEquals(List.of(new EcpAction.Acknowledged(VDP, 1)), out);
        assertEquals(1, e.queued());
        assertEquals(T0 + gap, e.nextDeadline());
        assertEquals(List.of(), e.tick(T0 + gap - 1));
        EcpPdu second = transmitted(e.tick(T0 + gap), 0);
        assertEquals(EcpPdu.request(VDP, 2, new byte[] {2}), second);
        assertEquals(T0 + gap + 163_840_000L, e.nextDeadline());

        // nothing outstanding, but a request asked for within the spacing also waits
        receive(e, second.ack(), T0 + gap + 50_000);
        assertEquals(List.of(), e.send(VDP, new byte[] {3}, T0 + gap + 60_000));
        assertEquals(T0 + 2 * gap, e.nextDeadline());
        assertEquals(EcpPdu.request(VDP, 3, new byte[] {3}), transmitted(e.tick(T0 + 2 * gap), 0));

        // after the spacing, a request goes at once
        receive(e, EcpPdu.request(VDP, 3, new byte[0]).ack(), T0 + 2 * gap + 1);
        assertEquals(EcpPdu.request(VDP, 4, new byte[] {4}), transmitted(e.send(VDP, new byte[] {4}, T0 + 5 * gap), 0));
        assertEquals(0, e.counter(EcpCounter.RETRANSMITTED));
        assertThrows(IllegalArgumentException.class, () -> new EcpEntity(Set.of(VDP), 3, 14, 4, -1));
    }

    @Test
    void spacingCountsFromARepeatSoAPeerThatMissedTheFirstTransmissionTakesBoth() {
        // lldpad not yet listening misses the first transmission, takes the repeat 163.84 ms later
        // and acknowledges it at once; the next request must not follow the repeat within 2 ms
        long gap = EcpEntity.LLDPAD_SAFE_SPACING_NANOS;
        long ack = 163_840_000L;
        EcpEntity e = new EcpEntity(Set.of(VDP), 3, 14, 4, gap);
        EcpPdu first = transmitted(e.send(VDP, new byte[] {1}, T0), 0);
        assertEquals(List.of(), e.send(VDP, new byte[] {2}, T0 + 1));
        assertEquals(first, transmitted(e.tick(T0 + ack), 0));
        assertEquals(1, e.counter(EcpCounter.RETRANSMITTED));

        assertEquals(List.of(new EcpAction.Acknowledged(VDP, 1)), receive(e, first.ack(), T0 + ack + 500_000));
        assertEquals(T0 + ack + gap, e.nextDeadline());
        assertEquals(List.of(), e.tick(T0 + ack + gap - 1));
        assertEquals(EcpPdu.request(VDP, 2, new byte[] {2}), transmitted(e.tick(T0 + ack + gap), 0));
    }

    @Test
    void spacingCountsFromWhenTheFrameLeftNotFromWhenItWasDecided() {
        // the first request was decided at T0 with a clock read earlier, and its frame left 8 ms
        // later; lldpad acknowledged it at once. The second must wait the spacing from the send
        long gap = EcpEntity.LLDPAD_SAFE_SPACING_NANOS;
        long late = 8_000_000L;
        EcpEntity e = new EcpEntity(Set.of(VDP), 3, 14, 4, gap);
        EcpPdu first = transmitted(e.send(VDP, new byte[] {1}, T0), 0);
        e.transmitted(T0 + late);
        assertEquals(List.of(), e.send(VDP, new byte[] {2}, T0 + late + 1));
        receive(e, first.ack(), T0 + late + 1_000_000);
        assertEquals(T0 + late + gap, e.nextDeadline());
        assertEquals(List.of(), e.tick(T0 + gap + 2_000_000), "10 ms after the decision but 4 ms after the send");
        assertEquals(EcpPdu.request(VDP, 2, new byte[] {2}), transmitted(e.tick(T0 + late + gap), 0));
        e.transmitted(T0);
        assertEquals(T0 + late + gap + 163_840_000L, e.nextDeadline(), "an earlier time never moves it back");
    }

    @Test
    void receivedRequestDeliveredAndAcknowledged() {
        EcpEntity e = entity(3, 14);
        List<EcpAction> out = receive(e, EcpPdu.request(VDP, 0x1227, new byte[] {9, 8}), T0);
        assertEquals(2, out.size());
        EcpAction.Deliver d = assertInstanceOf(EcpAction.Deliver.class, out.get(0));
        assertEquals(VDP, d.subtype());
        assertEquals(0x1227, d.sequence());
        assertArrayEquals(new byte[] {9, 8}, d.ulpdu());
        assertEquals(new EcpPdu(1, EcpPdu.OP_ACK, VDP, 0x1227, new byte[0]), transmitted(out, 1));
        assertEquals(1, e.counter(EcpCounter.DELIVERED));
        assertEquals(1, e.counter(EcpCounter.ACKS_SENT));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8, 14, 16, 20, 31})
    void ackTimerIsTenMicrosecondsTimesTwoToTheRte(int rte) {
        long expected = 10_000L * (1L << rte);
        assertEquals(expected, EcpEntity.ackTimerNanos(rte));
        EcpEntity e = entity(3, rte);
        e.send(VDP, new byte[1], T0);
        assertEquals(T0 + expected, e.nextDeadline());
        assertEquals(List.of(), e.tick(T0 + expected - 1));
        List<EcpAction> out = e.tick(T0 + expected);
        assertEquals(1, transmitted(out, 0).sequence());
        assertEquals(T0 + 2 * expected, e.nextDeadline());
    }

    @Test
    void timerExponentOutOfRangeRefused() {
        assertThrows(IllegalArgumentException.class, () -> EcpEntity.timerNanos(32));
        assertThrows(IllegalArgumentException.class, () -> EcpEntity.timerNanos(-1));
        assertThrows(IllegalArgumentException.class, () -> entity(8, 14));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 7})
    void retransmitsRTimesThenGivesUp(int r) {
        EcpEntity e = entity(r, 8);
        long ack = EcpEntity.ackTimerNanos(8);
        byte[] payload = {7, 7};
        e.send(VDP, payload, T0);
        e.send(VDP, new byte[] {8}, T0);
        for (int i = 1; i <= r; i++) {
            List<EcpAction> out = e.tick(T0 + i * ack);
            assertEquals(List.of(new EcpAction.Transmit(EcpPdu.request(VDP, 1, payload))), out,
                    "retransmission " + i);
        }
        List<EcpAction> out = e.tick(T0 + (r + 1) * ack);
        EcpAction.GaveUp g = assertInstanceOf(EcpAction.GaveUp.class, out.get(0));
        assertEquals(1, g.sequence());
        assertEquals(r + 1, g.transmissions());
        assertArrayEquals(payload, g.ulpdu());
        // the queued request goes next, with a new sequence number
        assertEquals(EcpPdu.request(VDP, 2, new byte[] {8}), transmitted(out, 1));
        assertEquals(r, e.counter(EcpCounter.RETRANSMITTED));
        assertEquals(1, e.counter(EcpCounter.GIVEN_UP));
        // a late acknowledgement of the request given up changes nothing
        assertEquals(List.of(), receive(e, EcpPdu.request(VDP, 1, payload).ack(), T0 + (r + 1) * ack + 1));
        assertEquals(1, e.counter(EcpCounter.UNEXPECTED_ACKS));
        assertTrue(e.busy());
    }

    @Test
    void duplicateAcknowledgedAgainNotDeliveredAgain() {
        EcpEntity e = entity(3, 14);
        EcpPdu req = EcpPdu.request(VDP, 42, new byte[] {1});
        assertEquals(2, receive(e, req, T0).size());
        List<EcpAction> again = receive(e, req, T0 + 10);
        assertEquals(List.of(new EcpAction.Transmit(req.ack())), again);
        assertEquals(1, e.counter(EcpCounter.DELIVERED));
        assertEquals(1, e.counter(EcpCounter.DUPLICATES));
        assertEquals(2, e.counter(EcpCounter.ACKS_SENT));
        // the next sequence number is new again
        assertEquals(2, receive(e, EcpPdu.request(VDP, 43, new byte[] {2}), T0 + 20).size());
    }

    @Test
    void firstRequestMayHaveAnySequence() {
        for (int seq : new int[] {0, 1, 0xFFFF}) {
            EcpEntity e = entity(3, 14);
            assertInstanceOf(EcpAction.Deliver.class, receive(e, EcpPdu.request(VDP, seq, new byte[0]), T0).get(0));
        }
    }

    @Test
    void unknownSubtypeDroppedWithoutAcknowledgement() {
        EcpEntity e = entity(3, 14);
        assertEquals(List.of(), receive(e, EcpPdu.request(15, 1, new byte[4]), T0));
        // PE CSP is reserved for a port extender: without one here it is unknown as well
        assertEquals(List.of(), receive(e, EcpPdu.request(EcpPdu.SUBTYPE_PECSP, 2, new byte[4]), T0));
        assertEquals(2, e.counter(EcpCounter.UNKNOWN_SUBTYPE));
        assertEquals(0, e.counter(EcpCounter.ACKS_SENT));

        EcpEntity pe = new EcpEntity(Set.of(VDP, EcpPdu.SUBTYPE_PECSP), 3, 14, 4);
        List<EcpAction> out = receive(pe, EcpPdu.request(EcpPdu.SUBTYPE_PECSP, 2, new byte[4]), T0);
        assertEquals(EcpPdu.SUBTYPE_PECSP, assertInstanceOf(EcpAction.Deliver.class, out.get(0)).subtype());
    }

    @Test
    void otherVersionDroppedAndCounted() {
        EcpEntity e = entity(3, 14);
        e.send(VDP, new byte[1], T0);
        assertEquals(List.of(), receive(e, new EcpPdu(15, EcpPdu.OP_REQUEST, VDP, 0x1224, new byte[4]), T0));
        assertEquals(List.of(), receive(e, new EcpPdu(2, EcpPdu.OP_ACK, VDP, 1, new byte[0]), T0));
        assertEquals(2, e.counter(EcpCounter.BAD_VERSION));
        assertTrue(e.busy(), "an acknowledgement of another version acknowledges nothing");
    }

    @Test
    void malformedCountedNeverThrown() {
        EcpEntity e = entity(3, 14);
        assertEquals(List.of(), e.received(new byte[] {0x10, 0x01, 0x00}, 0, 3, T0));
        assertEquals(List.of(), e.received(new byte[0], 0, 0, T0));
        assertEquals(List.of(), e.received(new byte[4], 2, 4, T0));
        assertEquals(List.of(), receive(e, new EcpPdu(1, 2, VDP, 1, new byte[0]), T0));
        assertEquals(4, e.counter(EcpCounter.MALFORMED));
        assertEquals(4, e.counter(EcpCounter.RECEIVED));
    }

    @Test
    void fullQueueRefuses() {
        EcpEntity e = new EcpEntity(Set.of(VDP), 3, 14, 2);
        e.send(VDP, new byte[] {0}, T0);
        e.send(VDP, new byte[] {1}, T0);
        e.send(VDP, new byte[] {2}, T0);
        List<EcpAction> out = e.send(VDP, new byte[] {3}, T0);
        EcpAction.Refused refused = assertInstanceOf(EcpAction.Refused.class, out.get(0));
        assertArrayEquals(new byte[] {3}, refused.ulpdu());
        assertEquals(1, e.counter(EcpCounter.REFUSED));
        assertEquals(2, e.queued());
        assertThrows(IllegalArgumentException.class, () -> e.send(VDP, new byte[EcpEntity.MAX_ULPDU + 1], T0));
    }

    @Test
    void sequenceStartsAtOneAndSkipsZeroOnWrap() {
        EcpEntity e = entity(3, 14);
        int expected = 1;
        for (int i = 0; i < 0x10002; i++) {
            EcpPdu pdu = transmitted(e.send(VDP, new byte[0], T0), 0);
            assertEquals(expected, pdu.sequence());
            receive(e, pdu.ack(), T0);
            expected = expected == 0xFFFF ? 1 : expected + 1;
        }
    }

    @Test
    void parametersApplyToTheNextTimer() {
        EcpEntity e = entity(3, 8);
        e.send(VDP, new byte[0], T0);
        e.parameters(1, 10);
        assertEquals(T0 + EcpEntity.ackTimerNanos(8), e.nextDeadline());
        e.tick(e.nextDeadline());
        assertEquals(T0 + EcpEntity.ackTimerNanos(8) + EcpEntity.ackTimerNanos(10), e.nextDeadline());
        // R is 1 now: one retransmission was made, the next expiry gives up
        assertInstanceOf(EcpAction.GaveUp.class, e.tick(e.nextDeadline()).get(0));
    }

    // --- vectors: lldpad's ECP test cases and captures, and the digest's synthetic frames

    /** lldpad test ecp22/4 and ecp22/5: what is acknowledged and what is not. */
    @Test
    void lldpadEcpCases() {
        EcpEntity e = entity(3, 8);
        byte[] req = Vectors.hex("1001 1227 4455 6677 0000");
        List<EcpAction> out = e.received(req, 0, req.length, T0);
        assertArrayEquals(Vectors.hex("1401 1227"), transmitted(out, 1).encode());
        byte[] version15 = Vectors.hex("f001 1224 4455 6677 0000");
        assertEquals(List.of(), e.received(version15, 0, version15.length, T0));
        byte[] subtype15 = Vectors.hex("100f 1224 4455 6677 0000");
        assertEquals(List.of(), e.received(subtype15, 0, subtype15.length, T0));
        assertEquals(1, e.counter(EcpCounter.BAD_VERSION));
        assertEquals(1, e.counter(EcpCounter.UNKNOWN_SUBTYPE));
    }

    /** Our acknowledgement of a captured lldpad request equals lldpad's own (18-byte, unpadded) one. */
    @Test
    void acknowledgementMatchesLldpadCapture() {
        byte[] request = Vectors.frame(Vectors.LLDPAD_ECP_VDP, 1);
        byte[] lldpadAck = Vectors.frame(Vectors.LLDPAD_ECP_VDP, 2);
        EcpEntity e = entity(3, 14);
        List<EcpAction> out = e.received(request, 14, request.length - 14, T0);
        EcpAction.Deliver d = assertInstanceOf(EcpAction.Deliver.class, out.get(0));
        assertArrayEquals(Arrays.copyOfRange(request, 18, request.length), d.ulpdu());
        assertArrayEquals(Arrays.copyOfRange(lldpadAck, 14, lldpadAck.length), transmitted(out, 1).encode());
    }

    /** Synthetic frames 14 and 15: the acknowledgement of #14 is #15's ECP header (then padding). */
    @Test
    void acknowledgementMatchesSyntheticVector() {
        byte[] request = Vectors.frame(Vectors.A, 14);
        byte[] ack = Vectors.frame(Vectors.A, 15);
        EcpEntity e = entity(3, 14);
        List<EcpAction> out = e.received(request, 14, request.length - 14, T0);
        byte[] ours = transmitted(out, 1).encode();
        assertArrayEquals(Arrays.copyOfRange(ack, 14, 18), ours);
        for (int i = 18; i < ack.length; i++) {
            assertEquals(0, ack[i], "padding");
        }
        // and the request we would send with the same ULPDU and sequence is #14's bytes
        EcpPdu again = EcpPdu.request(VDP, 0x1227, Arrays.copyOfRange(request, 18, request.length));
        assertArrayEquals(Arrays.copyOfRange(request, 14, request.length), again.encode());
    }
}
