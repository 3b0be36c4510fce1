package org.openevb.ecp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openevb.api.vdp.EcpCounter;
import org.openevb.codec.CodecException;
import org.openevb.codec.ecp.EcpPdu;

/**
 * One port's ECP entity (802.1Qbg clause 43, with the state names of lldpad's {@code ecp22.c}):
 * stop-and-wait transmission with one outstanding request, an acknowledgement timer of
 * 10 µs·2^RTE and up to R retransmissions; duplicate detection on receive by the last delivered
 * sequence number; dispatch by subtype. It does no I/O and reads no clock: every event carries
 * {@code now} (nanoseconds, any origin, monotonic) and returns the actions to perform, and
 * {@link #nextDeadline()} says when to call {@link #tick(long)}. Not thread-safe: one owner thread,
 * or the owner's lock.
 */
public final class EcpEntity {

    /** Largest upper-layer PDU: a 1500-byte payload less the ECP header and a VDP End TLV. */
    public static final int MAX_ULPDU = 1500 - EcpPdu.HEADER_LENGTH - 2;
    /** Largest R the EVB TLV can carry. */
    public static final int MAX_RETRIES = 7;
    /** Largest timer exponent the EVB TLV can carry. */
    public static final int MAX_EXPONENT = 31;
    /** Requests queued behind the outstanding one when nothing else is said. */
    public static final int DEFAULT_QUEUE_LIMIT = 64;
    /**
     * The least time between two new requests that lldpad takes both of: its ECP acknowledges a
     * request at once but hands it to VDP 2 ms later through one buffer per port, so a second
     * request within those 2 ms overwrites the first, which is acknowledged yet never answered
     * (lldpad {@code vdp22.c} {@code data_from_ecp}, {@code vdp22_from_ecp22}). Five times that.
     */
    public static final long LLDPAD_SAFE_SPACING_NANOS = 10_000_000L;

    private final Set<Integer> subtypes;
    private final int queueLimit;
    private final long spacingNanos;
    private int r;
    private int rte;

    // transmit side
    private int txSequence; // last sequence used; 0 = none yet (0 is never sent)
    private Pending outstanding;
    private boolean started; // whether a request went out yet
    private long lastSentAt; // when a request last went out, first transmission or repeat
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();

    // receive side
    private int lastDelivered = -1; // -1: FIRST state, accept any sequence

    private final long[] counters = new long[EcpCounter.values().length];

    private static final class Pending {
        final int subtype;
        final byte[] ulpdu;
        int sequence;
        int transmissions;
        long deadline;

        Pending(int subtype, byte[] ulpdu) {
            this.subtype = subtype;
            this.ulpdu = ulpdu;
        }
    }

    /**
     * @param subtypes   the subtypes an upper layer receives here (e.g. {@link EcpPdu#SUBTYPE_VDP});
     *                   requests of any other subtype are dropped without an acknowledgement
     * @param r          maximum retransmissions, 0..7 (the operational R of the EVB TLV)
     * @param rte        acknowledgement timer exponent, 0..31 (the operational RTE)
     * @param queueLimit requests that may wait behind the outstanding one, at least 0
     */
    public EcpEntity(Set<Integer> subtypes, int r, int rte, int queueLimit) {
        this(subtypes, r, rte, queueLimit, 0);
    }

    /**
     * @param spacingNanos the least time between the last transmission of a request (its first
     *                     or a repeat) and the first of the next, at least 0 (e.g.
     *                     {@link #LLDPAD_SAFE_SPACING_NANOS}): a request acknowledged sooner holds
     *                     the next one back until then. Counted from the repeat because a peer
     *                     that missed the first transmission takes the repeat as new.
     */
    public EcpEntity(Set<Integer> subtypes, int r, int rte, int queueLimit, long spacingNanos) {
        if (spacingNanos < 0) {
            throw new IllegalArgumentException("negative spacing " + spacingNanos);
        }
        this.spacingNanos = spacingNanos;
        for (int s : subtypes) {
            if (s < 0 || s > 0x3FF) {
                throw new IllegalArgumentException("ECP subtype out of range: " + s);
            }
        }
        if (queueLimit < 0) {
            throw new IllegalArgumentException("negative queue limit " + queueLimit);
        }
        this.subtypes = Set.copyOf(subtypes);
        this.queueLimit = queueLimit;
        parameters(r, rte);
    }

    /** 10 µs·2^{@code exponent} in nanoseconds: the unit of every EVB timer exponent. */
    public static long timerNanos(int exponent) {
        if (exponent < 0 || exponent > MAX_EXPONENT) {
            throw new IllegalArgumentException("timer exponent out of range 0..31: " + exponent);
        }
        return 10_000L << exponent;
    }

    /** The acknowledgement timer for {@code rte}: 10 µs·2^RTE, in nanoseconds. */
    public static long ackTimerNanos(int rte) {
        return timerNanos(rte);
    }

    /**
     * New operational R and RTE (the EVB TLV was renegotiated). They apply from the next time the
     * acknowledgement timer starts; an outstanding request keeps its current deadline.
     */
    public void parameters(int r, int rte) {
        if (r < 0 || r > MAX_RETRIES) {
            throw new IllegalArgumentException("ECP retries out of range 0..7: " + r);
        }
        timerNanos(rte);
        this.r = r;
        this.rte = rte;
    }

    public int r() {
        return r;
    }

    public int rte() {
        return rte;
    }

    /**
     * An upper layer wants {@code ulpdu} sent as a request of {@code subtype}. It goes now if
     * nothing is outstanding, else waits in the queue; a full queue refuses it.
     *
     * @throws IllegalArgumentException if the subtype is out of range or the ULPDU is larger than {@link #MAX_ULPDU}
     */
    public List<EcpAction> send(int subtype, byte[] ulpdu, long now) {
        if (subtype < 0 || subtype > 0x3FF) {
            throw new IllegalArgumentException("ECP subtype out of range: " + subtype);
        }
        if (ulpdu.length > MAX_ULPDU) {
            throw new IllegalArgumentException("ULPDU of " + ulpdu.length + " bytes exceeds " + MAX_ULPDU);
        }
        Pending p = new Pending(subtype, ulpdu.clone());
        if (outstanding == null && queue.isEmpty() && spaced(now)) {
            List<EcpAction> out = new ArrayList<>(1);
            start(p, now, out);
            return out;
        }
        if (queue.size() >= queueLimit) {
            counters[EcpCounter.REFUSED.ordinal()]++;
            return List.of(new EcpAction.Refused(subtype, p.ulpdu.clone()));
        }
        queue.addLast(p);
        return List.of();
    }

    /**
     * A received ECP PDU: {@code len} bytes at {@code off}, starting with the ECP header (the
     * Ethernet header and EtherType already removed). Never throws on bad input: it is counted.
     */
    public List<EcpAction> received(byte[] b, int off, int len, long now) {
        counters[EcpCounter.RECEIVED.ordinal()]++;
        EcpPdu pdu;
        try {
            pdu = EcpPdu.decode(b, off, len);
        } catch (CodecException | IllegalArgumentException e) {
            counters[EcpCounter.MALFORMED.ordinal()]++;
            return List.of();
        }
        if (pdu.version() != EcpPdu.VERSION) {
            counters[EcpCounter.BAD_VERSION.ordinal()]++;
            return List.of();
        }
        if (pdu.isAck()) {
            return acknowledgement(pdu, now);
        }
        if (!pdu.isRequest()) {
            counters[EcpCounter.MALFORMED.ordinal()]++;
            return List.of();
        }
        if (!subtypes.contains(pdu.subtype())) {
            counters[EcpCounter.UNKNOWN_SUBTYPE.ordinal()]++;
            return List.of();
        }
        counters[EcpCounter.ACKS_SENT.ordinal()]++;
        EcpAction ack = new EcpAction.Transmit(pdu.ack());
        if (pdu.sequence() == lastDelivered) {
            // the peer missed our acknowledgement and sent the same request again
            counters[EcpCounter.DUPLICATES.ordinal()]++;
            return List.of(ack);
        }
        lastDelivered = pdu.sequence();
        counters[EcpCounter.DELIVERED.ordinal()]++;
        return List.of(new EcpAction.Deliver(pdu.subtype(), pdu.sequence(), pdu.payload()), ack);
    }

    private List<EcpAction> acknowledgement(EcpPdu ack, long now) {
        Pending p = outstanding;
        if (p == null || ack.sequence() != p.sequence || ack.subtype() != p.subtype) {
            counters[EcpCounter.UNEXPECTED_ACKS.ordinal()]++;
            return List.of();
        }
        counters[EcpCounter.ACKNOWLEDGED.ordinal()]++;
        List<EcpAction> out = new ArrayList<>(2);
        out.add(new EcpAction.Acknowledged(p.subtype, p.sequence));
        outstanding = null;
        next(now, out);
        return out;
    }

    /** The clock: retransmits or gives up the outstanding request if its timer ran out by {@code now}. */
    public List<EcpAction> tick(long now) {
        Pending p = outstanding;
        if (p == null) {
            if (queue.isEmpty() || !spaced(now)) {
                return List.of();
            }
            List<EcpAction> out = new ArrayList<>(1);
            next(now, out);
            return out;
        }
        if (now - p.deadline < 0) {
            return List.of();
        }
        List<EcpAction> out = new ArrayList<>(2);
        if (p.transmissions > r) {
            counters[EcpCounter.GIVEN_UP.ordinal()]++;
            out.add(new EcpAction.GaveUp(p.subtype, p.sequence, p.ulpdu.clone(), p.transmissions));
            outstanding = null;
            next(now, out);
        } else {
            counters[EcpCounter.RETRANSMITTED.ordinal()]++;
            transmit(p, now, out);
        }
        return out;
    }

    /**
     * When {@link #tick(long)} has something to do (the outstanding request's timer, or the end of
     * the spacing that holds a queued one back), or {@link Long#MAX_VALUE} if nothing waits.
     */
    public long nextDeadline() {
        if (outstanding != null) {
            return outstanding.deadline;
        }
        return queue.isEmpty() ? Long.MAX_VALUE : lastSentAt + spacingNanos;
    }

    /**
     * The request last transmitted really left at {@code now}: later than the time it was decided
     * when the sender was held up (a stale clock, a busy machine). The spacing counts from when it
     * left: a request decided 8 ms before its frame went out must not let the next one follow it
     * on the wire within lldpad's 2 ms.
     */
    public void transmitted(long now) {
        if (started && now - lastSentAt > 0) {
            lastSentAt = now;
        }
    }

    /** Requests waiting behind the outstanding one. */
    public int queued() {
        return queue.size();
    }

    /** Whether a request is waiting for its acknowledgement. */
    public boolean busy() {
        return outstanding != null;
    }

    /** A snapshot of the counters, every key present. */
    public Map<EcpCounter, Long> counters() {
        Map<EcpCounter, Long> m = new EnumMap<>(EcpCounter.class);
        for (EcpCounter c : EcpCounter.values()) {
            m.put(c, counters[c.ordinal()]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** One counter. */
    public long counter(EcpCounter c) {
        return counters[c.ordinal()];
    }

    private void next(long now, List<EcpAction> out) {
        if (!queue.isEmpty() && spaced(now)) {
            start(queue.pollFirst(), now, out);
        }
    }

    /** Whether a new request may go at {@code now}: the spacing since the last transmission has passed. */
    private boolean spaced(long now) {
        return !started || now - (lastSentAt + spacingNanos) >= 0;
    }

    private void start(Pending p, long now, List<EcpAction> out) {
        txSequence = (txSequence + 1) & 0xFFFF;
        if (txSequence == 0) {
            txSequence = 1;
        }
        p.sequence = txSequence;
        outstanding = p;
        counters[EcpCounter.SENT.ordinal()]++;
        transmit(p, now, out);
    }

    private void transmit(Pending p, long now, List<EcpAction> out) {
        p.transmissions++;
        started = true;
        lastSentAt = now;
        p.deadline = now + ackTimerNanos(rte);
        out.add(new EcpAction.Transmit(EcpPdu.request(p.subtype, p.sequence, p.ulpdu)));
    }
}
