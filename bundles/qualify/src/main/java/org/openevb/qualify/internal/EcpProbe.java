package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/**
 * P6: ECP as the peer runs it, with VDP De-Associates of a VSI the peer does not hold (answered,
 * and nothing changes): acknowledgement times against the ackTimer, a repeated sequence number,
 * unknown subtype and version, and the peer's own retransmissions of an answer we do not
 * acknowledge. Leaves the peer's state as it found it.
 */
final class EcpProbe implements Probe {

    static final int ID = 6;
    /** Listening for what must not come (an acknowledgement, a second answer): at least this long. */
    static final long QUIET_MILLIS = 500;
    /** And at most this long, whatever the timers. */
    static final long MAX_QUIET_MILLIS = 5000;
    /** The longest the retry count is watched for. */
    static final long MAX_RETRY_WATCH_MILLIS = 20_000;

    static final ProbeInfo INFO = new ProbeInfo("P6", "ECP",
            "after the EVB TLV exchange (our LLDPDU to the nearest customer bridge once a second, as a station with R 0, "
                    + "RTE 0, RWD 0, RKA 0 so the peer's timers are in force), ECP requests to 01-80-C2-00-00-00 carrying a "
                    + "VDP De-Associate of a VSI the peer does not hold (UUID 0e0b5155-0006-4001-..., MAC "
                    + "02:0e:b0:00:06:01): five in turn, one repeated with the same sequence number, one of subtype 15, one "
                    + "of version 2, and one whose answer we do not acknowledge; at least 10 ms apart; then a shutdown LLDPDU",
            "acknowledgement latency against the ackTimer (10 us x 2^RTE), a repeated sequence number acknowledged and not "
                    + "delivered again, unknown subtype and version discarded without acknowledgement, the peer's "
                    + "retransmissions of an unacknowledged request (1 + R, an ackTimer apart). pass: all as the standard; "
                    + "fail: any not; not-supported: no EVB TLV or no acknowledgement at all",
            false);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    static VsiTlv deassociate(QualifyRequest request, int n) {
        return new VsiTlv(VdpTlv.DE_ASSOCIATE, 0, request.vsiTypeId(), request.vsiTypeVersion(), VsiTlv.VSIID_UUID,
                VdpText.uuid(ID, n), VsiTlv.FILTER_MAC_VID, List.of(FilterEntry.ofMacVid(VdpText.mac(ID, n), request.vid())));
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        VdpLink link = new VdpLink(session);
        try {
            if (!link.negotiate()) {
                return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no EVB TLV of a bridge from the peer: ECP does not run", Map.of());
            }
            double ackTimer = VdpLink.millis(link.timers().ackTimerNanos());
            VsiTlv vsi = deassociate(request, 1);
            List<Double> acks = new ArrayList<>();
            List<VdpLink.Exchange> timed = new ArrayList<>();
            for (int i = 0; i < EcpChecks.TIMED_REQUESTS; i++) {
                VdpLink.Exchange x = link.request(vsi, "timed request " + (i + 1));
                acks.add(x.ackMillis());
                timed.add(x);
            }
            boolean answered = timed.stream().anyMatch(VdpLink.Exchange::answered);
            double slowest = timed.stream().mapToDouble(VdpLink.Exchange::responseMillis).max().orElse(0);
            long quiet = Math.min(MAX_QUIET_MILLIS, Math.max(QUIET_MILLIS, (long) (3 * Math.max(slowest, ackTimer))));

            // the last request again, same sequence number: acknowledged, not delivered again
            int seq = timed.get(timed.size() - 1).sequence();
            session.waiting("repeating sequence " + seq + ", listening " + quiet + " ms");
            Captured repeat = link.sendEcp(VdpLink.vdpRequest(seq, vsi),
                    "the last request repeated with the same sequence number " + seq);
            // the peer's answers so far, by their ECP sequence: one that comes again is ECP retransmitting it
            // (our acknowledgement was lost or late), not our repeated request delivered again
            java.util.Set<Integer> answeredSeqs = new java.util.HashSet<>();
            timed.stream().filter(VdpLink.Exchange::answered).forEach(x -> answeredSeqs.add(x.answerSequence()));
            int[] dup = listen(session, link, seq, vsi, quiet, "the repeated request", answeredSeqs, sentAt(repeat));

            int unknownSeq = link.nextSequence();
            session.waiting("a request of subtype 15, listening " + quiet + " ms");
            byte[] payload = VdpLink.vdpRequest(unknownSeq, vsi).payload();
            Captured unknownSent = link.sendEcp(new EcpPdu(EcpPdu.VERSION, EcpPdu.OP_REQUEST, 15, unknownSeq, payload),
                    "an ECP request of subtype 15 (no such protocol), sequence " + unknownSeq);
            int[] unknown = listen(session, link, unknownSeq, vsi, quiet, "subtype 15", java.util.Set.of(), sentAt(unknownSent));

            int versionSeq = link.nextSequence();
            session.waiting("a request of version 2, listening " + quiet + " ms");
            Captured versionSent = link.sendEcp(new EcpPdu(2, EcpPdu.OP_REQUEST, EcpPdu.SUBTYPE_VDP, versionSeq, payload),
                    "an ECP request of version 2, sequence " + versionSeq);
            int[] version = listen(session, link, versionSeq, vsi, quiet, "version 2", java.util.Set.of(),
                    sentAt(versionSent));

            int copies = -1;
            List<Double> gaps = new ArrayList<>();
            if (answered) {
                link.holdAcks(true);
                try {
                    int before = link.unsolicited().size();
                    VdpLink.Exchange x = link.request(vsi, "a request whose answer we do not acknowledge");
                    if (x.answered()) {
                        copies = retries(session, link, x, before, link.timers().ackTimerNanos(), gaps);
                    }
                } finally {
                    link.holdAcks(false);
                }
            }
            return EcpChecks.conclude(new EcpChecks.Seen(link.timers().r(), ackTimer, acks, answered, dup[0], dup[1],
                    unknown[0], version[0], copies, gaps));
        } finally {
            link.shutdown();
        }
    }

    /**
     * How much earlier than our request the receive thread may stamp a fast answer to it (the
     * sending thread stamps ours after the frame left): beyond this, an answer came before ours.
     */
    static final long STAMP_SKEW_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    /** When the tap saw a frame we sent, 0 if it did not. */
    private static long sentAt(Captured c) {
        return c == null ? 0 : c.timestampNanos();
    }

    /**
     * For {@code millis}: acknowledgements of {@code seq} and VDP answers about {@code vsi}, except
     * those carried by a request of the peer's numbered {@code earlier} (retransmissions of an answer
     * it sent before, shown but not counted) and those the tap saw more than {@link #STAMP_SKEW_NANOS}
     * before our request went out at {@code sentNanos} (a late answer to an earlier request: not
     * caused by ours).
     */
    private static int[] listen(ProbeSession session, VdpLink link, int seq, VsiTlv vsi, long millis, String what,
                                java.util.Set<Integer> earlier, long sentNanos) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int acks = 0;
        int answers = 0;
        VdpLink.Received r;
        while ((r = link.await(end)) != null) {
            if (r.pdu().isAck() && r.pdu().sequence() == seq) {
                acks++;
                session.evidence(r.frame(), what + ": acknowledged (sequence " + seq + ")");
            } else if (r.vsis().stream().anyMatch(t -> t.isResponse() && Arrays.equals(t.vsiid(), vsi.vsiid()))
                    && sentNanos != 0 && r.frame().timestampNanos() - sentNanos < -STAMP_SKEW_NANOS) {
                session.evidence(r.frame(), what + ": a VDP answer that arrived before our request went out (a late "
                        + "answer to an earlier one), not a delivery of ours");
            } else if (r.vsis().stream().anyMatch(t -> t.isResponse() && Arrays.equals(t.vsiid(), vsi.vsiid()))
                    && earlier.contains(r.pdu().sequence())) {
                session.evidence(r.frame(), what + ": the peer's earlier answer again (its ECP sequence " + r.pdu().sequence()
                        + ", retransmitted: our acknowledgement was lost or late), not a new delivery");
            } else if (r.vsis().stream().anyMatch(t -> t.isResponse() && Arrays.equals(t.vsiid(), vsi.vsiid()))) {
                answers++;
                session.evidence(r.frame(), what + ": a VDP answer " + VdpText.vsi(r.vsis().get(0)));
            }
        }
        session.note(what + ": " + acks + " acknowledgement(s), " + answers + " VDP answer(s) in " + millis + " ms");
        return new int[] {acks, answers};
    }

    /** Counts the transmissions of the peer's answer in {@code x} that we leave unacknowledged. */
    private static int retries(ProbeSession session, VdpLink link, VdpLink.Exchange x, int before, long ackTimerNanos,
                               List<Double> gaps) throws InterruptedException {
        int r = link.timers().r();
        // the answer the exchange returned was the first transmission
        long watch = Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_RETRY_WATCH_MILLIS), (r + 2) * ackTimerNanos * 3 / 2
                + TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS));
        session.waiting("counting the peer's retransmissions for " + VdpLink.millis(watch) + " ms");
        long end = System.nanoTime() + watch;
        List<Long> times = new ArrayList<>();
        VdpLink.Received got;
        int seq = x.answerSequence();
        times.add(x.answerTimestampNanos());
        // repeats that came while the exchange still waited for its acknowledgement
        for (VdpLink.Received u : link.unsolicited().subList(before, link.unsolicited().size())) {
            if (u.pdu().isRequest() && u.pdu().sequence() == seq) {
                times.add(u.frame().timestampNanos());
            }
        }
        while ((got = link.await(end)) != null) {
            if (got.pdu().isRequest() && got.pdu().sequence() == seq) {
                times.add(got.frame().timestampNanos());
                session.evidence(got.frame(), "the peer's request " + seq + " again (transmission " + times.size()
                        + "), not acknowledged by us");
            }
        }
        for (int i = 1; i < times.size(); i++) {
            gaps.add(VdpLink.millis(times.get(i) - times.get(i - 1)));
        }
        session.note("the peer sent its request " + seq + " " + times.size() + " time(s) without our acknowledgement");
        return times.size();
    }
}
