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
                    + "a second, in five steps of up to 10 s: SCIDs 2 and 3 asked with S-VID 0 (the bridge picks); SCID 4 "
                    + "added; SCID 3 removed; SCIDs 5 to 9 added (as many channels as the kit's capacity holds); the "
                    + "default channel (SCID 1, S-VID 1) only. Each S-VID the bridge gives is "
                    + "echoed, as a station does. With --allow-flood, after the first step one broadcast (EtherType 0x88b5, "
                    + "marked, from 02:0e:b0:00:05:SS) S-tagged with each new channel's S-VID, 300 ms apart. Then a "
                    + "shutdown LLDPDU",
            "the bridge's channel capacity, the S-VIDs it assigns for the SCIDs asked, the most channels it gives a "
                    + "port and how it refuses the rest, the time until its CDCP TLV "
                    + "covers each request, whether the S-VIDs of the other channels stay when one is added or removed, "
                    + "whether removed SCIDs go; where the marked broadcasts come back (within their channel, on another "
                    + "channel, or off the S-channels). pass: distinct S-VIDs other than 1 within the capacity, kept, removed "
                    + "when dropped, nothing back off the S-channels; fail: any not; not-supported: no CDCP TLV (lldpad has none)",
            true);

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
        CdcpChecks.Isolation isolation = CdcpChecks.Isolation.notMeasured("the channels were not created");
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
                if (i == 0 && lastPeer != null && lastPeer.role() == CdcpTlv.ROLE_BRIDGE) {
                    isolation = request.allowFlood() ? isolation(session, step, lastPeer, mac)
                            : CdcpChecks.Isolation.notMeasured("the frames would be flooded (--allow-flood)");
                }
            }
        } finally {
            session.send(KitFrames.lldpdu(NEAREST_NON_TPMR_BRIDGE, mac, session.portName(), 0, List.of()),
                    "our shutdown LLDPDU (TTL 0): the peer forgets the station's channels");
        }
        ProbeOutcome o = CdcpChecks.conclude(results, isolation);
        CdcpTlv end = results.get(results.size() - 1).last();
        boolean released = end != null && end.pairs().stream().allMatch(p -> p.scid() == 1);
        return created ? o.withPeerState("changed: S-channels created; " + (released
                ? "restored: the bridge listed the default channel only at the end"
                : "not confirmed restored by CDCP (the shutdown LLDPDU ends the station's channels)")) : o;
    }

    /** The mark of the isolation frames, numbered by the SCID they were sent on. */
    static final KitMarker MARK = new KitMarker("OEVB-P5");

    /** One marked broadcast per assigned new channel, and where its copies come back. */
    private static CdcpChecks.Isolation isolation(ProbeSession session, CdcpChecks.Step step, CdcpTlv peer, long mac)
            throws InterruptedException {
        java.util.Map<Integer, Integer> sentOn = new java.util.TreeMap<>();
        java.util.Map<Integer, Integer> given = CdcpChecks.svids(peer);
        List<int[]> copies = new ArrayList<>();
        int nonce = java.util.concurrent.ThreadLocalRandom.current().nextInt();
        for (int scid : step.scids()) {
            int svid = given.getOrDefault(scid, 0);
            if (svid == 0) {
                continue;
            }
            sentOn.put(scid, svid);
            byte[] f = new byte[ProbeSession.MIN_FRAME];
            MacAddress.write(MacAddress.BROADCAST, f, 0);
            MacAddress.write(VdpText.mac(5, scid), f, 6);
            f[12] = (byte) (EtherType.S_TAG >> 8);
            f[13] = (byte) EtherType.S_TAG;
            f[14] = (byte) (svid >> 8);
            f[15] = (byte) svid;
            MARK.write(f, 16, nonce, scid);
            session.waiting("isolation: a marked broadcast on SCID " + scid + " (S-VID " + svid + "), 300 ms for copies");
            session.send(f, "isolation: a marked broadcast on SCID " + scid + ", S-VID " + svid);
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            Captured c;
            while ((c = session.next(end)) != null) {
                int from = c.in() ? MARK.find(c.bytes(), nonce) : -1;
                if (from >= 0) {
                    int[] tag = outerTag(c.bytes());
                    copies.add(new int[] {from, tag[0], tag[1]});
                    session.evidence(c, "isolation: SCID " + from + "'s frame came back: " + HairpinTable.header(c.bytes()));
                }
            }
        }
        return new CdcpChecks.Isolation(true, "", sentOn, copies);
    }

    /** The outer tag's TPID and VID, {0, 0} for an untagged frame. */
    static int[] outerTag(byte[] f) {
        int type = KitFrames.etherType(f);
        if ((type == EtherType.S_TAG || type == EtherType.C_TAG || type == EtherType.QINQ_LEGACY) && f.length >= 16) {
            return new int[] {type, (((f[14] & 0xFF) << 8) | (f[15] & 0xFF)) & 0xFFF};
        }
        return new int[] {0, 0};
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
