package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.EvbTlvText;
import org.openevb.codec.lldp.Lldpdu;

/**
 * P2: as an EVB station on the nearest-customer-bridge address, asks the peer step by step (see
 * {@link EvbMatrix#STEPS}) and records the peer's EVB TLV after each request. Ends with a shutdown
 * LLDPDU, so the peer forgets the station and withdraws what it granted.
 */
final class EvbMatrixProbe implements Probe {

    /** Seconds between our LLDPDUs within a step; a bridge may answer each at once. */
    static final long SEND_MILLIS = 1000;
    static final int OUR_TTL_SECONDS = 10;

    static final ProbeInfo INFO = new ProbeInfo("P2", "EVB negotiation matrix",
            "LLDPDUs to the nearest customer bridge with our EVB TLV as a station, once a second, in four steps of 2.5 "
                    + "to 10 s: RR not requested (R 3, RTE 8, RWD 8, RKA 8); RR requested; RR requested with R 7, RTE 20, "
                    + "RWD 25, RKA 25; RR no longer requested. Then a shutdown LLDPDU (TTL 0)",
            "the peer's bridge status bits (RRCAP, RRCTR, BGID) and combined R/RTE/RWD/RKA after each step, time to grant, "
                    + "whether the grant persists when the station stops asking. pass: a bridge that grants exactly when "
                    + "asked (or never offers RR) and combines timers to at least the station's; not-supported: no EVB TLV",
            false);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        long mac = session.sourceMac();
        List<EvbMatrix.StepResult> results = new ArrayList<>();
        EvbTlv lastPeer = null;
        try {
            for (int i = 0; i < EvbMatrix.STEPS.size(); i++) {
                EvbMatrix.Step step = EvbMatrix.STEPS.get(i);
                session.waiting("step " + (i + 1) + " of " + EvbMatrix.STEPS.size() + " (" + step.name() + ": "
                        + step.text() + "), waiting for the peer's EVB TLV (up to " + EvbMatrix.MAX_STEP_MILLIS / 1000 + " s)");
                long started = session.nowMillis();
                List<EvbMatrix.Answer> answers = new ArrayList<>();
                long nextSend = System.nanoTime();
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EvbMatrix.MAX_STEP_MILLIS);
                while (!EvbMatrix.settled(new EvbMatrix.StepResult(step, started, answers), session.nowMillis())
                        && System.nanoTime() - end < 0) {
                    if (System.nanoTime() - nextSend >= 0) {
                        EvbTlv ours = EvbMatrix.stationTlv(step, lastPeer);
                        session.send(KitFrames.lldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, mac, session.portName(),
                                OUR_TTL_SECONDS, List.of(ours.toTlv())), step.name() + ": our EVB TLV " + EvbTlvText.evb(ours));
                        nextSend = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SEND_MILLIS);
                    }
                    Captured c = session.next(Math.min(nextSend, end));
                    EvbTlv peer = c == null ? null : peerEvbTlv(c, mac);
                    if (peer != null) {
                        answers.add(new EvbMatrix.Answer(c.atMillis(), peer));
                        lastPeer = peer;
                        session.evidence(c, step.name() + ": the peer's EVB TLV " + EvbTlvText.evb(peer));
                    }
                }
                results.add(new EvbMatrix.StepResult(step, started, answers));
            }
        } finally {
            session.send(KitFrames.lldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, mac, session.portName(), 0, List.of()),
                    "our shutdown LLDPDU (TTL 0): the peer forgets the station");
        }
        return EvbMatrix.conclude(results);
    }

    /** The EVB TLV of a peer's LLDPDU to the nearest customer bridge, or null (anything else, or malformed). */
    static EvbTlv peerEvbTlv(Captured c, long ourMac) {
        byte[] f = c.bytes();
        if (!c.in() || KitFrames.etherType(f) != EtherType.LLDP || MacAddress.read(f, 0) != MacAddress.NEAREST_CUSTOMER_BRIDGE
                || MacAddress.read(f, 6) == ourMac) {
            return null;
        }
        try {
            return Lldpdu.decode(f, KitFrames.HEADER, f.length - KitFrames.HEADER).evb().orElse(null);
        } catch (Exception e) { // malformed: P1 counts it; here it is no answer
            return null;
        }
    }
}
