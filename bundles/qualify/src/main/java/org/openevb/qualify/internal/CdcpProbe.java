package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.Lldpdu;

/**
 * P5: as a station's S-VLAN component on the nearest non-TPMR bridge address, asks the peer for
 * S-channels step by step (see {@link CdcpChecks#STEPS}), echoing the S-VIDs it assigns as a
 * station does, and records the bridge's CDCP TLV. Ends with the default channel only and a
 * shutdown LLDPDU, so the peer removes every channel it created.
 */
final class CdcpProbe implements Probe {

    static final long SEND_MILLIS = 1000;
    static final int OUR_TTL_SECONDS = 10;
    /** LLDP's nearest non-TPMR bridge address, where CDCP runs (the S-VLAN component consumes it). */
    static final long NEAREST_NON_TPMR_BRIDGE = 0x0180_C200_0003L;

    static final ProbeInfo INFO = new ProbeInfo("P5", "CDCP and S-channels",
            "LLDPDUs to the nearest non-TPMR bridge with our CDCP TLV as a station (S-VLAN component, capacity 8), once "
                    + "a second, in four steps of up to 10 s: SCIDs 2 and 3 asked with S-VID 0 (the bridge picks); SCID 4 "
                    + "added; SCID 3 removed; the default channel (SCID 1, S-VID 1) only. Each S-VID the bridge gives is "
                    + "echoed, as a station does. Then a shutdown LLDPDU",
            "the bridge's channel capacity, the S-VIDs it assigns for the SCIDs asked, the time until its CDCP TLV "
                    + "covers each request, whether the S-VIDs of the other channels stay when one is added or removed, "
                    + "whether removed SCIDs go. pass: distinct S-VIDs other than 1 within the capacity, kept, removed "
                    + "when dropped; fail: any not; not-supported: no CDCP TLV (lldpad has none)",
            false);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        long mac = session.sourceMac();
        List<CdcpChecks.StepResult> results = new ArrayList<>();
        CdcpTlv lastPeer = null;
        boolean created = false;
        try {
            for (int i = 0; i < CdcpChecks.STEPS.size(); i++) {
                CdcpChecks.Step step = CdcpChecks.STEPS.get(i);
                session.waiting("step " + (i + 1) + " of " + CdcpChecks.STEPS.size() + " (" + step.name()
                        + "), waiting for the peer's CDCP TLV (up to " + CdcpChecks.MAX_STEP_MILLIS / 1000 + " s)");
                long started = session.nowMillis();
                List<CdcpChecks.Answer> answers = new ArrayList<>();
                long nextSend = System.nanoTime();
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CdcpChecks.MAX_STEP_MILLIS);
                while (!CdcpChecks.settled(new CdcpChecks.StepResult(step, started, answers), session.nowMillis())
                        && System.nanoTime() - end < 0) {
                    if (System.nanoTime() - nextSend >= 0) {
                        CdcpTlv ours = CdcpChecks.stationTlv(step, lastPeer);
                        session.send(KitFrames.lldpdu(NEAREST_NON_TPMR_BRIDGE, mac, session.portName(), OUR_TTL_SECONDS,
                                List.of(ours.toTlv())), step.name() + ": our CDCP TLV " + text(ours));
                        nextSend = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SEND_MILLIS);
                    }
                    Captured c = session.next(Math.min(nextSend, end));
                    CdcpTlv peer = c == null ? null : peerCdcpTlv(c, mac);
                    if (peer != null) {
                        answers.add(new CdcpChecks.Answer(c.atMillis(), peer));
                        lastPeer = peer;
                        created |= peer.pairs().stream().anyMatch(p -> p.scid() != 1 && p.svid() != 0);
                        session.evidence(c, step.name() + ": the peer's CDCP TLV " + text(peer));
                    }
                }
                results.add(new CdcpChecks.StepResult(step, started, answers));
                if (i == 0 && answers.isEmpty()) {
                    break; // no CDCP: the other steps would wait the same way
                }
            }
        } finally {
            session.send(KitFrames.lldpdu(NEAREST_NON_TPMR_BRIDGE, mac, session.portName(), 0, List.of()),
                    "our shutdown LLDPDU (TTL 0): the peer forgets the station's channels");
        }
        ProbeOutcome o = CdcpChecks.conclude(results);
        CdcpTlv end = results.get(results.size() - 1).last();
        boolean released = end != null && end.pairs().stream().allMatch(p -> p.scid() == 1);
        return created ? o.withPeerState("changed: S-channels created; " + (released
                ? "restored: the bridge listed the default channel only at the end"
                : "not confirmed restored by CDCP (the shutdown LLDPDU ends the station's channels)")) : o;
    }

    static String text(CdcpTlv t) {
        return (t.role() == CdcpTlv.ROLE_BRIDGE ? "bridge" : "station") + (t.sComp() ? " scomp" : "") + " chncap "
                + t.chnCap() + ": " + CdcpChecks.pairs(CdcpChecks.svids(t));
    }

    /** The CDCP TLV of a peer's LLDPDU (any address: some bridges answer on another), or null. */
    static CdcpTlv peerCdcpTlv(Captured c, long ourMac) {
        byte[] f = c.bytes();
        if (!c.in() || KitFrames.etherType(f) != EtherType.LLDP || MacAddress.read(f, 6) == ourMac) {
            return null;
        }
        try {
            return Lldpdu.decode(f, KitFrames.HEADER, f.length - KitFrames.HEADER).cdcp().orElse(null);
        } catch (Exception e) { // malformed: P1 counts it; here it is no answer
            return null;
        }
    }
}
