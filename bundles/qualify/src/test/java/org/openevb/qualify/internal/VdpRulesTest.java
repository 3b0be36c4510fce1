package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;
import org.openevb.vdp.VdpTimers;

/** The rules of P6-P9 on their own, against peers that do it wrong, in milliseconds. */
class VdpRulesTest {

    private static final QualifyRequest REQUEST = new QualifyRequest("up", List.of(), "x", 1, false, 1, 1, 0);

    private static EcpChecks.Seen ecp(List<Double> acks, int dupAcks, int dupAnswers, int unknownAcks, int badVersionAcks,
                                      int copies, List<Double> gaps) {
        return new EcpChecks.Seen(3, 40.96, acks, true, dupAcks, dupAnswers, unknownAcks, badVersionAcks, copies, gaps);
    }

    @Test
    void ecpAsTheStandardPassesAndEachDeviationFailsByName() {
        List<Double> fast = List.of(0.5, 0.7, 0.6);
        List<Double> gaps = List.of(41.0, 41.2, 40.9);
        assertEquals(Verdict.PASS, EcpChecks.conclude(ecp(fast, 1, 0, 0, 0, 4, gaps)).verdict());
        // one late acknowledgement is what ECP's retransmission is for: reported, not failed
        ProbeOutcome oneLate = EcpChecks.conclude(ecp(List.of(0.5, 123.0, 0.6), 1, 0, 0, 0, 4, gaps));
        assertEquals(Verdict.PASS, oneLate.verdict(), oneLate.summary());
        assertEquals("1 of 3 after the ackTimer (retransmitted by then)", oneLate.values().get("ack-late"));
        assertTrue(oneLate.summary().startsWith("acknowledged in 0.6 ms (median; ackTimer 40.96 ms, 1 later, at most 123.0 ms)"),
                oneLate.summary());
        ProbeOutcome late = EcpChecks.conclude(ecp(List.of(0.5, 52.0, 60.0), 1, 0, 0, 0, 4, gaps));
        assertEquals(Verdict.FAIL, late.verdict());
        assertTrue(late.summary().contains("acknowledged after 52.0 ms (median), later than the ackTimer (40.96 ms)"), late.summary());
        assertTrue(EcpChecks.conclude(ecp(fast, 1, 1, 0, 0, 4, gaps)).summary()
                .contains("a repeated sequence number was delivered to VDP again"));
        assertTrue(EcpChecks.conclude(ecp(fast, 0, 0, 0, 0, 4, gaps)).summary()
                .contains("a repeated sequence number was not acknowledged"));
        assertTrue(EcpChecks.conclude(ecp(fast, 1, 0, 1, 0, 4, gaps)).summary().contains("unknown subtype (15) was acknowledged"));
        assertTrue(EcpChecks.conclude(ecp(fast, 1, 0, 0, 1, 4, gaps)).summary().contains("version 2 was acknowledged"));
        assertTrue(EcpChecks.conclude(ecp(fast, 1, 0, 0, 0, 2, List.of(41.0))).summary()
                .contains("sent 2 transmission(s) of an unacknowledged request, not 1 + R = 4"));
        assertTrue(EcpChecks.conclude(ecp(fast, 1, 0, 0, 0, 4, List.of(41.0, 5.0, 41.0))).summary()
                .contains("retransmitted 5.0 ms after the previous transmission"));
        assertEquals(Verdict.NOT_SUPPORTED, EcpChecks.conclude(ecp(List.of(-1.0, -1.0, -1.0), 0, 0, 0, 0, -1, List.of())).verdict());
    }

    private static VsiTlv request(int type) {
        return VdpMatrixProbe.vsi(REQUEST, type, List.of(FilterEntry.ofMacVid(VdpText.mac(7, 1), 10)));
    }

    private static VdpLink.Exchange answered(VsiTlv request, VsiTlv answer) {
        return new VdpLink.Exchange(request, 1, 1, 0.5, 2.0, answer, 1, 1);
    }

    private static List<VdpMatrix.Step> matrix(java.util.function.UnaryOperator<VsiTlv> bridge) {
        int[] types = {VdpTlv.PRE_ASSOCIATE, VdpTlv.PRE_ASSOCIATE_RR, VdpTlv.ASSOCIATE, VdpTlv.ASSOCIATE, VdpTlv.DE_ASSOCIATE};
        List<VdpMatrix.Step> steps = new java.util.ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            VsiTlv q = request(types[i]);
            VsiTlv a = bridge.apply(q);
            steps.add(new VdpMatrix.Step(VdpMatrix.STEPS.get(i), a == null
                    ? new VdpLink.Exchange(q, i + 1, 4, 0.5, -1, null, -1, 0) : answered(q, a)));
        }
        return steps;
    }

    @Test
    void theCommandMatrixJudgesTheStatusOctetAndTheTypeAnswered() {
        assertEquals(Verdict.PASS, VdpMatrix.conclude(matrix(q -> q.response(0, false, false))).verdict());
        ProbeOutcome refused = VdpMatrix.conclude(matrix(q -> q.type() == VdpTlv.DE_ASSOCIATE ? q.response(0, false, false)
                : q.response(VsiTlv.OTHER_FAILURE, false, true)));
        assertEquals(Verdict.INCONCLUSIVE, refused.verdict(), refused.summary());
        assertTrue(refused.summary().contains("the peer refused the kit's VSI: pre-associate (other failure (4), hard)"), refused.summary());
        ProbeOutcome keepOnSuccess = VdpMatrix.conclude(matrix(q -> q.response(0, true, false)));
        assertEquals(Verdict.FAIL, keepOnSuccess.verdict());
        assertTrue(keepOnSuccess.summary().contains("success with the Keep bit set"), keepOnSuccess.summary());
        ProbeOutcome asAssociate = VdpMatrix.conclude(matrix(q -> new VsiTlv(VdpTlv.ASSOCIATE, 0, q.typeId(), q.typeVersion(),
                q.vsiidFormat(), q.vsiid(), q.filterFormat(), q.entries()).response(0, false, false)));
        assertTrue(asAssociate.summary().contains("pre-associate: answered as Associate with success"), asAssociate.summary());
        ProbeOutcome silent = VdpMatrix.conclude(matrix(q -> q.type() == VdpTlv.DE_ASSOCIATE ? null : q.response(0, false, false)));
        assertEquals(Verdict.FAIL, silent.verdict());
        assertTrue(silent.summary().contains("de-associate: no answer within the station's response wait"), silent.summary());
        assertEquals(Verdict.NOT_SUPPORTED, VdpMatrix.conclude(matrix(q -> null)).verdict());
    }

    @Test
    void vidZeroLeftZeroFailsAndARefusedBaselineIsInconclusive() {
        VsiTlv zero = VdpMatrixProbe.vsi(REQUEST, VdpTlv.ASSOCIATE, List.of(FilterEntry.ofMacVid(VdpText.mac(8, 9), 0)));
        VsiTlv base = VdpMatrixProbe.vsi(REQUEST, VdpTlv.ASSOCIATE, List.of(FilterEntry.ofMacVid(VdpText.mac(8, 5), 10)));
        ProbeOutcome left = VsiFormats.conclude(List.of(new VsiFormats.Case(VsiFormats.BASELINE, answered(base, base.response(0, false, false))),
                new VsiFormats.Case(VsiFormats.VID_ZERO, answered(zero, zero.response(0, false, false)))));
        assertEquals(Verdict.FAIL, left.verdict());
        assertEquals("accepted and left 0", left.values().get("vid-0-result"));
        ProbeOutcome refusedBase = VsiFormats.conclude(List.of(new VsiFormats.Case(VsiFormats.BASELINE,
                answered(base, base.response(VsiTlv.OTHER_FAILURE, false, true)))));
        assertEquals(Verdict.INCONCLUSIVE, refusedBase.verdict());
        ProbeOutcome vidRefused = VsiFormats.conclude(List.of(new VsiFormats.Case(VsiFormats.BASELINE, answered(base, base.response(0, false, false))),
                new VsiFormats.Case(VsiFormats.VID_ZERO, answered(zero, zero.response(VsiTlv.INVALID_VID_GROUP_OR_MAC, false, true)))));
        assertEquals(Verdict.PASS, vidRefused.verdict());
        assertEquals("refused (refused: invalid VID, GroupID or MAC (5), hard)", vidRefused.values().get("vid-0-result"));
    }

    @Test
    void theKeepAliveTimeoutIsTheStandardsFormulaAndJudgedAroundIt() {
        VdpTimers t = new VdpTimers(3, 12, 14, 14);
        assertEquals(675.84, KeepAliveTimeout.expectedMillis(t));
        // lldpad's defaults: R 3, RTE 14, RKA 20: 1.5 x (7 x 163.84 + 10485.76) ms
        assertEquals(17448.96, KeepAliveTimeout.expectedMillis(new VdpTimers(3, 14, 20, 20)));
        assertEquals(39897, KeepAliveTimeout.waitMillis(new VdpTimers(3, 14, 20, 20)));
        VsiTlv a = request(VdpTlv.ASSOCIATE);
        VdpLink.Exchange ok = answered(a, a.response(0, false, false));
        assertEquals(Verdict.PASS, KeepAliveTimeout.conclude(new KeepAliveTimeout.Seen(t, ok, true, 690, -1, -1, false, 690)).verdict());
        ProbeOutcome early = KeepAliveTimeout.conclude(new KeepAliveTimeout.Seen(t, ok, true, -1, 300, 250, false, 300));
        assertEquals(Verdict.FAIL, early.verdict());
        assertTrue(early.summary().contains("before toutKeepAlive"), early.summary());
        assertEquals(Verdict.FAIL, KeepAliveTimeout.conclude(new KeepAliveTimeout.Seen(t, ok, true, -1, -1, 6000, false, 6300)).verdict());
        assertEquals(Verdict.INCONCLUSIVE, KeepAliveTimeout.conclude(new KeepAliveTimeout.Seen(t, ok, true, -1, -1, -1, true, 6300)).verdict());
        assertEquals(Verdict.INCONCLUSIVE, KeepAliveTimeout.conclude(new KeepAliveTimeout.Seen(new VdpTimers(3, 14, 20, 26), ok,
                false, -1, -1, -1, false, 0)).verdict(), "too long to wait for");
        assertEquals(Verdict.NOT_SUPPORTED, KeepAliveTimeout.conclude(new KeepAliveTimeout.Seen(t,
                new VdpLink.Exchange(a, 1, 4, -1, -1, null, -1, 0), false, -1, -1, -1, false, 0)).verdict());
    }
}
