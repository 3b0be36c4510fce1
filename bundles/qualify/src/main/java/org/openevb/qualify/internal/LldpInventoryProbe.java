package org.openevb.qualify.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openevb.api.lldp.LldpAddress;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.codec.EtherType;

/**
 * P1: listens for the peer's LLDPDUs for the request's listen time, sending our own on every
 * group address so each of the peer's agents has a neighbour (some send only to a known neighbour,
 * or start fast transmission when one appears). Ends with a shutdown LLDPDU per address, so the
 * peer forgets us at once.
 */
final class LldpInventoryProbe implements Probe {

    /** Seconds between our LLDPDUs: often enough to be seen, few enough to be no load. */
    static final int SEND_INTERVAL_SECONDS = 5;
    static final int OUR_TTL_SECONDS = 4 * SEND_INTERVAL_SECONDS;

    static final ProbeInfo INFO = new ProbeInfo("P1", "LLDP inventory",
            "our LLDPDU (chassis ID = the port's MAC, port ID = the port's name, TTL 20 s) every 5 s to each of "
                    + "nearest bridge, nearest non-TPMR bridge and nearest customer bridge, then a shutdown LLDPDU (TTL 0) to each",
            "the peer's chassis and port IDs, system name, TTL and measured transmit interval; which TLVs it sends on "
                    + "which group address; whether it sends the EVB TLV (2012), the pre-standard EVB TLV, the CDCP TLV, "
                    + "the port extension TLV. pass: well-formed LLDP seen; not-supported: none; fail: malformed LLDPDUs",
            false);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        long mac = session.sourceMac();
        LldpInventory inventory = new LldpInventory(mac);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(request.listenSeconds());
        long nextSend = start;
        long nextProgress = start;
        int received = 0;
        try {
            while (System.nanoTime() - end < 0) {
                long now = System.nanoTime();
                if (now - nextSend >= 0) {
                    for (LldpAddress a : LldpAddress.values()) {
                        session.send(KitFrames.lldpdu(a.mac(), mac, session.portName(), OUR_TTL_SECONDS, List.of()),
                                "our LLDPDU to " + a.key());
                    }
                    nextSend = now + TimeUnit.SECONDS.toNanos(SEND_INTERVAL_SECONDS);
                }
                if (now - nextProgress >= 0) {
                    long left = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(end - now));
                    session.waiting("listening for the peer's LLDPDUs, " + left + " s left, " + received + " received");
                    nextProgress = now + TimeUnit.SECONDS.toNanos(5);
                }
                Captured c = session.next(Math.min(end, Math.min(nextSend, nextProgress)));
                if (c != null && c.in() && KitFrames.etherType(c.bytes()) == EtherType.LLDP) {
                    session.evidence(c, inventory.received(c.atMillis(), c.bytes()));
                    received++;
                }
            }
        } finally {
            for (LldpAddress a : LldpAddress.values()) {
                session.send(KitFrames.lldpdu(a.mac(), mac, session.portName(), 0, List.of()),
                        "our shutdown LLDPDU (TTL 0) to " + a.key() + ": the peer forgets us");
            }
        }
        return inventory.conclude(request.listenSeconds());
    }
}
