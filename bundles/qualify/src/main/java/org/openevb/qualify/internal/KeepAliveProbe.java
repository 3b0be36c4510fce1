package org.openevb.qualify.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/**
 * P9: associates a VSI, repeats it once as a keep-alive, then stops and watches for the bridge to
 * let it go: its own De-Associate, or (a bridge that sends none) the VSI's MAC admitted for a
 * second VSI that it refused while the first held it. The watch is bounded by twice the expected
 * toutKeepAlive.
 */
final class KeepAliveProbe implements Probe {

    static final int ID = 9;
    /** The second VSI is tried this often (a twentieth of toutKeepAlive, within these bounds). */
    static final long MIN_TRY_MILLIS = 50;
    static final long MAX_TRY_MILLIS = 1000;

    static final ProbeInfo INFO = new ProbeInfo("P9", "keep-alive and timeout",
            "after the EVB TLV exchange (as P6), an Associate of VSI A (UUID 0e0b5155-0009-4001-..., the --vsi-type type, "
                    + "MAC/VID 02:0e:b0:00:09:01 on --vid), the same again as a keep-alive, then no more; meanwhile an "
                    + "Associate of VSI B with A's MAC every twentieth of toutKeepAlive (50 ms to 1 s), until B is admitted "
                    + "after a refusal or the bridge de-associates A; watching at most 2 x toutKeepAlive + 5 s (150 s); "
                    + "then De-Associates of A and B and a shutdown LLDPDU",
            "the time from the last keep-alive to the bridge letting the VSI go, against toutKeepAlive = 1.5 x [(2R+1) x "
                    + "10 us x 2^RTE + 10 us x 2^RKA] with the timers in force. pass: within 0.8 to 1.25 x (+ 300 ms); "
                    + "fail: earlier, later, or never; inconclusive: the timeout does not show on the wire (no De-Associate, "
                    + "and B admitted at once), or the kit's VSI refused; not-supported: no VDP",
            false);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    static VsiTlv vsi(QualifyRequest r, int type, int n, List<FilterEntry> filter) {
        return VdpText.kitVsi(ID, r, type, n, filter);
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        VdpLink link = new VdpLink(session);
        List<FilterEntry> filter = List.of(FilterEntry.ofMacVid(VdpText.mac(ID, 1), request.vid()));
        boolean aHeld = false;
        boolean bHeld = false;
        List<FilterEntry> bFilter = filter;
        boolean restored = true;
        boolean everHeld = false;
        ProbeOutcome outcome;
        try {
            if (!link.negotiate()) {
                return new ProbeOutcome(Verdict.NOT_SUPPORTED, "no EVB TLV of a bridge from the peer: VDP does not run", Map.of());
            }
            VdpLink.Exchange assoc = link.request(vsi(request, VdpTlv.ASSOCIATE, 1, filter), "associate A");
            double expected = KeepAliveTimeout.expectedMillis(link.timers());
            aHeld = assoc.success();
            everHeld = aHeld;
            if (!assoc.success() || 2 * expected + 5000 > KeepAliveTimeout.MAX_WAIT_MILLIS) {
                outcome = KeepAliveTimeout.conclude(new KeepAliveTimeout.Seen(link.timers(), assoc, false, -1, -1, -1, false, 0));
            } else {
                filter = assoc.response().entries();
                VdpLink.Exchange keepAlive = link.request(vsi(request, VdpTlv.ASSOCIATE, 1, filter), "keep-alive of A");
                long last = System.nanoTime();
                long lastWall = System.currentTimeMillis() * 1_000_000;
                session.note("keep-alives of A stop now; toutKeepAlive expected " + expected + " ms");
                long waitMillis = KeepAliveTimeout.waitMillis(link.timers());
                long end = last + TimeUnit.MILLISECONDS.toNanos(waitMillis);
                long tryEvery = TimeUnit.MILLISECONDS.toNanos(Math.max(MIN_TRY_MILLIS, Math.min(MAX_TRY_MILLIS,
                        (long) (expected / 20))));
                double deassociatedAt = -1;
                double freedAt = -1;
                double lastRefusedAt = -1;
                boolean sameMacAdmitted = false;
                boolean trying = true;
                long nextTry = System.nanoTime();
                long nextProgress = System.nanoTime();
                byte[] aId = VdpText.uuid(ID, 1);
                int seen = 0;
                while (System.nanoTime() - end < 0 && deassociatedAt < 0 && freedAt < 0) {
                    if (System.nanoTime() - nextProgress >= 0) {
                        session.waiting("watching for A's de-association, " + VdpLink.millis(System.nanoTime() - last)
                                + " ms since the last keep-alive (expected " + expected + " ms, at most " + waitMillis + " ms)");
                        nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    }
                    if (trying && System.nanoTime() - nextTry >= 0) {
                        long at = System.nanoTime();
                        VdpLink.Exchange b = link.request(vsi(request, VdpTlv.ASSOCIATE, 2, filter), "associate B with A's MAC");
                        double since = VdpLink.millis(at - last);
                        if (b.success()) {
                            bHeld = true;
                            bFilter = b.response().entries();
                            trying = false;
                            if (lastRefusedAt < 0) {
                                sameMacAdmitted = true;
                                session.note("B admitted at once with A's MAC: the MAC does not show whether A is held");
                            } else {
                                freedAt = since;
                                session.note("B admitted " + since + " ms after the last keep-alive of A, refused "
                                        + lastRefusedAt + " ms after it: A's MAC is free, A is gone");
                            }
                        } else if (b.answered()) {
                            lastRefusedAt = since;
                        }
                        nextTry = at + tryEvery;
                    }
                    VdpLink.Received r = link.await(Math.min(end, trying ? nextTry : end));
                    if (r != null && !r.pdu().isAck()) {
                        link.unsolicited().add(r);
                    }
                    for (; seen < link.unsolicited().size(); seen++) {
                        VdpLink.Received u = link.unsolicited().get(seen);
                        if (u.vsis().stream().anyMatch(t -> t.type() == VdpTlv.DE_ASSOCIATE && t.isResponse()
                                && Arrays.equals(t.vsiid(), aId))) {
                            session.evidence(u.frame(), "the bridge de-associates A on its own: " + VdpText.vsi(u.vsis().get(0)));
                            deassociatedAt = VdpLink.millis(u.frame().timestampNanos() - lastWall);
                        }
                    }
                }
                if (deassociatedAt >= 0 || freedAt >= 0) {
                    aHeld = false;
                }
                double waited = VdpLink.millis(System.nanoTime() - last);
                session.note("watched " + waited + " ms after the last keep-alive");
                outcome = KeepAliveTimeout.conclude(new KeepAliveTimeout.Seen(link.timers(), assoc, keepAlive.success(),
                        deassociatedAt, freedAt, lastRefusedAt, sameMacAdmitted, waited));
            }
        } finally {
            try {
                if (bHeld) {
                    restored &= link.request(vsi(request, VdpTlv.DE_ASSOCIATE, 2, bFilter), "de-associate B").success();
                }
                if (aHeld) {
                    restored &= link.request(vsi(request, VdpTlv.DE_ASSOCIATE, 1, filter), "de-associate A").success();
                }
            } finally {
                link.shutdown();
            }
        }
        return !everHeld ? outcome : outcome.withPeerState("changed: VSI A associated" + (bHeld ? " and VSI B with its MAC" : "") + "; "
                + (restored ? "restored: " + (aHeld || bHeld ? "de-associated at the end" : "A timed out at the bridge")
                        : "not confirmed restored (a De-Associate not answered with success; the shutdown LLDPDU ends VDP)"));
    }
}
