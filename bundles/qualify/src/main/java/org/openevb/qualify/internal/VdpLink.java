package org.openevb.qualify.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.EvbTlvText;
import org.openevb.codec.vdp.ManagerIdTlv;
import org.openevb.codec.vdp.VdpPdu;
import org.openevb.codec.vdp.VsiTlv;
import org.openevb.ecp.EcpEntity;
import org.openevb.vdp.VdpTimers;

/**
 * The station end of ECP and VDP that the VDP probes (P6-P9) share, driven on the runner's thread:
 * the EVB TLV exchanged first (ECP and VDP run only where it was, and its timers are theirs), our
 * LLDPDU repeated while the probe runs so the peer keeps the station, ECP requests numbered from 1
 * and acknowledged as ECP does, the peer's requests acknowledged (unless a probe holds the
 * acknowledgement back), and a shutdown LLDPDU at the end, after which a bridge frees the port's
 * VSIs. Every wait has a deadline.
 *
 * <p>P10 drives two links, one per port of the session, {@linkplain #pair paired}: whichever of
 * them waits also keeps the other's LLDPDUs going and acknowledges the peer's requests on the
 * other port, so neither station lapses while the other one talks; and a {@link Background} runs
 * through every wait (P10's stream of data frames and its arrivals).
 */
final class VdpLink {

    /** Our station TLV asks for nothing and sets every timer to its minimum, so the timers in force are the peer's. */
    static final EvbTlv OURS = new EvbTlv(false, false, false, false, false, EvbTlv.RRSTAT_UNKNOWN, 0, 0, EvbTlv.STATION,
            false, 0, false, 0);
    /** How often our LLDPDU goes out while a probe runs, and the TTL it carries. */
    static final long LLDP_MILLIS = 1000;
    static final int LLDP_TTL_SECONDS = 10;
    /** How long the EVB TLV exchange may take: a few of the peer's fast transmissions. */
    static final long NEGOTIATE_MILLIS = 10_000;
    /**
     * How long after the EVB TLV exchange the first ECP request waits: the peer starts ECP and VDP
     * once it has our TLV (lldpad, this platform), and a request sent before is lost.
     */
    static final long SETTLE_MILLIS = 1000;
    /** The manager ID of the kit's VSIs: text, as lldpad's mgrid2 sends it. */
    static final ManagerIdTlv MANAGER = ManagerIdTlv.ofString("openevb-qualify");
    /** The longest the kit waits for a VDP answer, whatever the timers say. */
    static final long MAX_RESPONSE_WAIT_MILLIS = 30_000;

    /**
     * An ECP frame from the peer; {@code repeat}: a request with the sequence number of the peer's
     * previous request, which ECP acknowledges and does not deliver again (the peer retransmitting
     * because our acknowledgement was lost or late).
     */
    record Received(Captured frame, EcpPdu pdu, boolean repeat) {
        /** The VSI TLVs of a VDP request, empty for anything else or a payload that does not decode. */
        List<VsiTlv> vsis() {
            if (!pdu.isRequest() || pdu.subtype() != EcpPdu.SUBTYPE_VDP) {
                return List.of();
            }
            try {
                byte[] p = pdu.payload();
                return VdpPdu.decode(p, 0, p.length).vsiTlvs();
            } catch (Exception e) {
                return List.of();
            }
        }
    }

    /**
     * One VDP request and what came of it.
     *
     * @param request       the VSI TLV sent
     * @param sequence      its ECP sequence number
     * @param transmissions how often it went out (1 + retransmissions)
     * @param ackMillis     from the first transmission to the peer's acknowledgement, -1 if none came
     * @param responseMillis from the first transmission to the peer's VDP answer, -1 if none came
     * @param response      the answer, or null
     * @param answerSequence the ECP sequence number of the peer's request that carried the answer, -1 if none
     * @param answerTimestampNanos when the answer arrived (the tap's wall clock), 0 if none
     */
    record Exchange(VsiTlv request, int sequence, int transmissions, double ackMillis, double responseMillis,
                    VsiTlv response, int answerSequence, long answerTimestampNanos) {
        boolean answered() {
            return response != null;
        }

        boolean success() {
            return response != null && response.errorCode() == VsiTlv.SUCCESS;
        }
    }

    /**
     * What runs while a link waits: {@link #due} is called at least when the previous call asked,
     * {@link #frame} with each received frame that is neither LLDP nor ECP.
     */
    interface Background {
        /** Does what is due and returns the {@link System#nanoTime()} at which it wants to be called next. */
        long due(long nowNanos);

        void frame(Captured c);
    }

    /** The peer's requests kept for a paired link until it waits: more are dropped (and counted there). */
    static final int PENDING = 256;

    private final ProbeSession session;
    private final int port;
    private final boolean requestRr;
    private final long mac;
    private final ArrayDeque<Received> pending = new ArrayDeque<>();
    private VdpLink partner;
    private Background background;
    private int pendingDropped;
    /** The sequence number of the peer's last ECP request, -1 before the first. */
    private int lastPeerSequence = -1;
    private EvbTlv peer;
    private VdpTimers timers;
    private int sequence;
    private long nextLldpNanos;
    private long lastEcpSendNanos;
    private boolean holdAcks;
    private int acksSeen;
    private final List<Received> unsolicited = new ArrayList<>();

    VdpLink(ProbeSession session) {
        this(session, 0, false);
    }

    /**
     * A link on port {@code port} of the session; {@code requestRr}: our EVB TLV asks for reflective
     * relay (RRREQ), as a VEPA station does.
     */
    VdpLink(ProbeSession session, int port, boolean requestRr) {
        this.session = session;
        this.port = port;
        this.requestRr = requestRr;
        this.mac = session.sourceMac(port);
    }

    /** Pairs two links on the two ports of the session (see the class comment). */
    static void pair(VdpLink a, VdpLink b) {
        if (a.port == b.port) {
            throw new IllegalArgumentException("a pair of links needs two ports");
        }
        a.partner = b;
        b.partner = a;
    }

    /** Sets what runs through every wait of this link and its partner (null: nothing). */
    void background(Background b) {
        background = b;
        if (partner != null) {
            partner.background = b;
        }
    }

    int port() {
        return port;
    }

    /** The peer's requests on this port dropped while the partner waited (more than {@link #PENDING} kept). */
    int pendingDropped() {
        return pendingDropped;
    }

    long mac() {
        return mac;
    }

    /** The timers in force (the larger of ours and the peer's), once {@link #negotiate()} succeeded. */
    VdpTimers timers() {
        return timers;
    }

    EvbTlv peer() {
        return peer;
    }

    /** Whether the peer acknowledged anything of ours so far. */
    boolean acknowledgedAnything() {
        return acksSeen > 0;
    }

    /** Requests of the peer's that answered nothing the probe waited for (a bridge-initiated De-Associate...). */
    List<Received> unsolicited() {
        return unsolicited;
    }

    /** While set, the peer's ECP requests are recorded but not acknowledged (P6's retry count). */
    void holdAcks(boolean hold) {
        holdAcks = hold;
    }

    static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /**
     * Sends our station TLV until the peer's EVB TLV says it is a bridge; the timers in force are
     * then the larger of each. Returns false if no bridge TLV came within {@link #NEGOTIATE_MILLIS}.
     */
    boolean negotiate() throws InterruptedException {
        session.waiting("exchanging the EVB TLV as a station (up to " + NEGOTIATE_MILLIS / 1000 + " s)");
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NEGOTIATE_MILLIS);
        nextLldpNanos = System.nanoTime();
        while (System.nanoTime() - end < 0) {
            if (peer != null && peer.evbMode() == EvbTlv.BRIDGE) {
                timers = new VdpTimers(Math.max(OURS.r(), peer.r()), Math.max(OURS.rte(), peer.rte()),
                        Math.max(OURS.rwd(), peer.rwd()), Math.max(OURS.rka(), peer.rka()));
                session.note("EVB TLV exchanged: the peer's " + EvbTlvText.evb(peer) + "; in force R " + timers.r()
                        + ", RTE " + timers.rte() + " (ackTimer " + millis(timers.ackTimerNanos()) + " ms), RWD "
                        + timers.rwd() + ", RKA " + timers.rka());
                // the peer starts ECP when it has our TLV: give it our next one, and time, before the first request
                sendLldp();
                session.waiting("EVB TLV exchanged; " + SETTLE_MILLIS + " ms for the peer to start ECP and VDP");
                long settled = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
                while (await(settled) != null) {
                    // nothing is asked yet: whatever comes is recorded, requests acknowledged
                }
                return true;
            }
            await(Math.min(end, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100)));
        }
        return false;
    }

    /** Our shutdown LLDPDU: the peer forgets the station, and a bridge frees what VDP holds for it. */
    void shutdown() {
        session.send(port, KitFrames.lldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, mac, session.portName(port), 0, List.of()),
                "our shutdown LLDPDU (TTL 0): the peer forgets the station and frees its VSIs");
    }

    private void sendLldp() {
        int rrstat = peer == null ? EvbTlv.RRSTAT_UNKNOWN : peer.rrctr() ? EvbTlv.RRSTAT_YES : EvbTlv.RRSTAT_NO;
        EvbTlv ours = new EvbTlv(peer != null && peer.bgid(), peer != null && peer.rrcap(), peer != null && peer.rrctr(),
                false, requestRr, rrstat, OURS.r(), OURS.rte(), EvbTlv.STATION, false, OURS.rwd(), false, OURS.rka());
        session.send(port, KitFrames.lldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, mac, session.portName(port), LLDP_TTL_SECONDS,
                List.of(ours.toTlv())), "our EVB TLV " + EvbTlvText.evb(ours));
        nextLldpNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LLDP_MILLIS);
    }

    int nextSequence() {
        sequence = sequence == 0xFFFF ? 1 : sequence + 1;
        return sequence;
    }

    /**
     * Sends an ECP PDU, at least {@link EcpEntity#LLDPAD_SAFE_SPACING_NANOS} after the previous one
     * (lldpad hands a request to VDP 2 ms after acknowledging it, through one buffer: one sent sooner
     * overwrites it).
     */
    Captured sendEcp(EcpPdu pdu, String summary) throws InterruptedException {
        long wait = lastEcpSendNanos + EcpEntity.LLDPAD_SAFE_SPACING_NANOS - System.nanoTime();
        if (lastEcpSendNanos != 0 && wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        Captured c = session.send(port, KitFrames.ecp(mac, pdu), summary);
        lastEcpSendNanos = System.nanoTime();
        return c;
    }

    /** A VDP request PDU: our manager ID and one VSI TLV. */
    static EcpPdu vdpRequest(int sequence, VsiTlv vsi) {
        return EcpPdu.request(EcpPdu.SUBTYPE_VDP, sequence, VdpPdu.of(MANAGER, vsi).encode());
    }

    /**
     * The next ECP frame from the peer before {@code deadlineNanos}, or null. Meanwhile our LLDPDU
     * keeps going out, the peer's EVB TLV is followed, and the peer's requests are acknowledged
     * unless acknowledgements are held.
     */
    Received await(long deadlineNanos) throws InterruptedException {
        while (true) {
            Received kept = pending.poll();
            if (kept != null) {
                return kept;
            }
            long now = System.nanoTime();
            if (now - nextLldpNanos >= 0) {
                sendLldp();
            }
            long wake = nextLldpNanos;
            if (partner != null && partner.peer != null) {
                // the partner's station keeps going only once its own exchange has begun
                if (now - partner.nextLldpNanos >= 0) {
                    partner.sendLldp();
                }
                wake = earlier(wake, partner.nextLldpNanos);
            }
            if (background != null) {
                wake = earlier(wake, background.due(now));
            }
            if (deadlineNanos - now <= 0) {
                return null;
            }
            Captured c = partner == null && port == 0 ? session.next(earlier(deadlineNanos, wake))
                    : session.nextAny(earlier(deadlineNanos, wake));
            if (c == null || !c.in()) {
                continue;
            }
            if (c.port() == port) {
                Received r = handle(c);
                if (r != null) {
                    return r;
                }
            } else if (partner != null && c.port() == partner.port) {
                Received r = partner.handle(c);
                if (r != null) {
                    if (partner.pending.size() < PENDING) {
                        partner.pending.add(r);
                    } else {
                        partner.pendingDropped++;
                    }
                }
            }
        }
    }

    private static long earlier(long a, long b) {
        return a - b <= 0 ? a : b;
    }

    /**
     * A received frame of this link's port: the peer's EVB TLV followed, its ECP requests
     * acknowledged (unless held), other frames handed to the background. Returns the ECP frame
     * decoded, null for anything else.
     */
    private Received handle(Captured c) throws InterruptedException {
        if (MacAddress.read(c.bytes(), 6) == mac) {
            return null;
        }
        int type = KitFrames.etherType(c.bytes());
        if (type == EtherType.LLDP) {
            EvbTlv t = EvbMatrixProbe.peerEvbTlv(c, mac);
            if (t != null && !t.equals(peer)) {
                session.evidence(c, "the peer's EVB TLV " + EvbTlvText.evb(t));
                peer = t;
            }
            return null;
        }
        if (type != EtherType.ECP) {
            if (background != null) {
                background.frame(c);
            }
            return null;
        }
        EcpPdu pdu;
        try {
            pdu = EcpPdu.decode(c.bytes(), KitFrames.HEADER, c.bytes().length - KitFrames.HEADER);
        } catch (Exception e) {
            session.evidence(c, "a malformed ECP frame from the peer: " + e.getMessage());
            return null;
        }
        if (pdu.isAck()) {
            acksSeen++;
        }
        if (pdu.isRequest() && !holdAcks) {
            sendEcp(pdu.ack(), "our ECP acknowledgement of the peer's sequence " + pdu.sequence());
        }
        boolean repeat = false;
        if (pdu.isRequest()) {
            repeat = pdu.sequence() == lastPeerSequence;
            lastPeerSequence = pdu.sequence();
        }
        return new Received(c, pdu, repeat);
    }

    /**
     * Sends a VDP request and waits for its acknowledgement (repeating it after each ackTimer, R
     * times, as ECP does) and for the bridge's answer (up to the station's response wait). The
     * peer's requests that are not that answer are kept in {@link #unsolicited()}.
     */
    Exchange request(VsiTlv vsi, String label) throws InterruptedException {
        int seq = nextSequence();
        EcpPdu pdu = vdpRequest(seq, vsi);
        String what = label + ": " + VdpText.vsi(vsi) + " (ECP sequence " + seq + ")";
        Captured first = sendEcp(pdu, what);
        long t0 = first == null ? System.currentTimeMillis() * 1_000_000 : first.timestampNanos();
        int transmissions = 1;
        long ackTimer = timers.ackTimerNanos();
        long ackDeadline = System.nanoTime() + ackTimer;
        long end = System.nanoTime() + Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_RESPONSE_WAIT_MILLIS),
                timers.responseWaitNanos() + TimeUnit.MILLISECONDS.toNanos(200));
        double ackMillis = -1;
        VsiTlv answer = null;
        Received answerFrame = null;
        double responseMillis = -1;
        long ackWaitEnd = 0;
        session.waiting(label + ": waiting for the acknowledgement and the answer (up to "
                + millis(end - System.nanoTime()) + " ms)");
        while (true) {
            if (answer != null && (ackMillis >= 0 || System.nanoTime() - ackWaitEnd >= 0)) {
                return new Exchange(vsi, seq, transmissions, ackMillis, responseMillis, answer, answerFrame.pdu().sequence(),
                        answerFrame.frame().timestampNanos());
            }
            long deadline = answer != null ? ackWaitEnd
                    : ackMillis < 0 && transmissions <= timers.r() ? Math.min(ackDeadline, end) : end;
            Received r = await(deadline);
            if (r == null) {
                if (answer != null) {
                    continue;
                }
                if (System.nanoTime() - end >= 0) {
                    return new Exchange(vsi, seq, transmissions, ackMillis, -1, null, -1, 0);
                }
                if (ackMillis < 0 && transmissions <= timers.r()) {
                    sendEcp(pdu, what + ", repeated: no acknowledgement within the ackTimer");
                    transmissions++;
                    ackDeadline = System.nanoTime() + ackTimer;
                }
                continue;
            }
            if (r.pdu().isAck() && r.pdu().sequence() == seq) {
                if (ackMillis < 0) {
                    // the receive thread may stamp a fast acknowledgement before the sending thread stamps our request
                    ackMillis = Math.max(0, millis(r.frame().timestampNanos() - t0));
                    session.evidence(r.frame(), label + ": the peer's ECP acknowledgement of sequence " + seq + ", "
                            + ackMillis + " ms after our request");
                }
                continue;
            }
            if (r.pdu().isAck()) {
                session.evidence(r.frame(), "an ECP acknowledgement of sequence " + r.pdu().sequence() + " (not the one awaited)");
                continue;
            }
            VsiTlv a = r.vsis().stream()
                    .filter(t -> t.isResponse() && Arrays.equals(t.vsiid(), vsi.vsiid())).findFirst().orElse(null);
            if (answer == null && a != null && r.repeat()) {
                // an answer the peer sent before, again: not the answer to this request
                session.evidence(r.frame(), label + ": the peer's previous answer again (its ECP sequence "
                        + r.pdu().sequence() + ", retransmitted), not the answer to this request");
                continue;
            }
            if (answer == null && a != null && (a.type() == vsi.type() || a.type() == VsiTlv.DE_ASSOCIATE)) {
                // the answer may overtake the acknowledgement: wait for that a little longer
                answer = a;
                answerFrame = r;
                responseMillis = Math.max(0, millis(r.frame().timestampNanos() - t0));
                ackWaitEnd = System.nanoTime() + Math.max(ackTimer, TimeUnit.MILLISECONDS.toNanos(100));
                session.evidence(r.frame(), label + ": the peer's answer " + VdpText.vsi(a) + ", " + responseMillis
                        + " ms after our request (ECP sequence " + r.pdu().sequence() + ")");
                continue;
            }
            unsolicited.add(r);
            session.evidence(r.frame(), "a request of the peer's (ECP sequence " + r.pdu().sequence() + "): "
                    + (r.vsis().isEmpty() ? "not a VSI TLV" : VdpText.vsi(r.vsis().get(0))));
        }
    }

    /**
     * Several VSI TLVs in one ECP frame and what came of them.
     *
     * @param requests     the VSI TLVs sent, in order
     * @param ackMillis    from the transmission to the peer's acknowledgement, -1 if none came
     * @param answers      the answer to each request, by position; null where none came
     * @param answerFrames how many of the peer's ECP requests carried the answers
     */
    record Multi(List<VsiTlv> requests, double ackMillis, List<VsiTlv> answers, int answerFrames) {
        int answered() {
            return (int) answers.stream().filter(java.util.Objects::nonNull).count();
        }
    }

    /**
     * Sends {@code vsis} in one ECP frame, each after a manager ID TLV as VDP lays them out, and
     * waits for the acknowledgement (repeated as {@link #request} does) and for an answer to each,
     * up to the station's response wait.
     */
    Multi requestMany(List<VsiTlv> vsis, String label) throws InterruptedException {
        int seq = nextSequence();
        List<org.openevb.codec.vdp.VdpTlv> tlvs = new ArrayList<>();
        for (VsiTlv v : vsis) {
            tlvs.add(MANAGER);
            tlvs.add(v);
        }
        EcpPdu pdu = EcpPdu.request(EcpPdu.SUBTYPE_VDP, seq, VdpPdu.of(tlvs).encode());
        String what = label + ": " + vsis.size() + " VSI TLVs in one ECP frame (sequence " + seq + ")";
        Captured first = sendEcp(pdu, what);
        long t0 = first == null ? System.currentTimeMillis() * 1_000_000 : first.timestampNanos();
        int transmissions = 1;
        long ackTimer = timers.ackTimerNanos();
        long ackDeadline = System.nanoTime() + ackTimer;
        long end = System.nanoTime() + Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_RESPONSE_WAIT_MILLIS),
                timers.responseWaitNanos() + TimeUnit.MILLISECONDS.toNanos(200));
        double ackMillis = -1;
        VsiTlv[] answers = new VsiTlv[vsis.size()];
        int answered = 0;
        int frames = 0;
        session.waiting(what + ": waiting for the acknowledgement and the answers (up to " + millis(end - System.nanoTime())
                + " ms)");
        while (answered < vsis.size() || (ackMillis < 0 && System.nanoTime() - end < 0)) {
            long deadline = ackMillis < 0 && transmissions <= timers.r() ? Math.min(ackDeadline, end) : end;
            Received r = await(deadline);
            if (r == null) {
                if (System.nanoTime() - end >= 0) {
                    break;
                }
                if (ackMillis < 0 && transmissions <= timers.r()) {
                    sendEcp(pdu, what + ", repeated: no acknowledgement within the ackTimer");
                    transmissions++;
                    ackDeadline = System.nanoTime() + ackTimer;
                }
                continue;
            }
            if (r.pdu().isAck()) {
                if (r.pdu().sequence() == seq && ackMillis < 0) {
                    ackMillis = Math.max(0, millis(r.frame().timestampNanos() - t0));
                    session.evidence(r.frame(), label + ": the peer's ECP acknowledgement of sequence " + seq);
                }
                continue;
            }
            boolean any = false;
            for (VsiTlv a : r.vsis()) {
                for (int i = 0; i < vsis.size(); i++) {
                    if (answers[i] == null && a.isResponse() && Arrays.equals(a.vsiid(), vsis.get(i).vsiid())) {
                        answers[i] = a;
                        answered++;
                        any = true;
                    }
                }
            }
            if (any) {
                frames++;
                session.evidence(r.frame(), label + ": the peer's answers, " + answered + " of " + vsis.size() + " so far");
            } else {
                unsolicited.add(r);
            }
        }
        return new Multi(vsis, ackMillis, Arrays.asList(answers), frames);
    }

    /** Our VDP request as a summary for an exchange that got no answer. */
    static String outcome(Exchange x) {
        if (x.response() == null) {
            return x.ackMillis() < 0 ? "no acknowledgement, no answer" : "acknowledged (" + x.ackMillis() + " ms), no answer";
        }
        return VdpText.answer(x.response()) + ", " + x.responseMillis() + " ms";
    }
}
