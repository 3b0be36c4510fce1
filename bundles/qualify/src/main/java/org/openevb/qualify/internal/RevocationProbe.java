package org.openevb.qualify.internal;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.codec.MacAddress;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.EvbTlvText;

/**
 * P4: as an EVB station, gets reflective relay granted, streams numbered frames from A to B (both
 * behind our port, so the peer sends them back only while it reflects), and takes the grant away
 * three times: by withdrawing the request in the EVB TLV; granted again, by falling silent and
 * letting our short TTL run out; granted once more (with a long TTL), by taking our port's link
 * down and up, then watching without asking before it asks again. See {@link Revocation} for what
 * is measured.
 */
final class RevocationProbe implements Probe {

    static final long LLDP_MILLIS = 1000;

    static final ProbeInfo INFO = new ProbeInfo("P4", "reflective-relay revocation",
            "LLDPDUs to the nearest customer bridge with our EVB TLV as a station (R 3, RTE 8, RWD 8, RKA 8, TTL "
                    + Revocation.OUR_TTL_SECONDS + " s), once a second: RR requested until RRCTR, then RR withdrawn, then "
                    + "requested again, then none (the TTL ages); then RR requested (TTL " + Revocation.FLAP_TTL_SECONDS
                    + " s) until RRCTR, our port's link down for " + Revocation.LINK_DOWN_MILLIS / 1000 + " s and up (the "
                    + "peer loses its carrier), " + Revocation.AFTER_LINK_UP_MILLIS / 1000 + " s without LLDPDUs, then RR "
                    + "requested again. Meanwhile, from the grant on, one frame every "
                    + Revocation.STREAM_MILLIS + " ms from 02:0e:b0:00:04:0a to 02:0e:b0:00:04:0b (EtherType 0x88b5, "
                    + "numbered), after one learning frame from B (again after each new grant and after the link "
                    + "returns); at most " + Revocation.MAX_FRAMES + " frames. Then a shutdown LLDPDU. With --relay NAME "
                    + "(this platform's edge relay in mode auto, whose uplink is the port) the kit sends nothing on the "
                    + "uplink: the relay's own station asks; one frame every " + RelayRevocation.STREAM_MILLIS + " ms from VM A "
                    + "02:0e:b0:00:04:1a to VM B 02:0e:b0:00:04:1b put into the relay on its first VM port (after one "
                    + "from B, at most " + RelayRevocation.MAX_FRAMES + "); the relay's station made to stop asking (its EVB "
                    + "configuration, reflective.relay false), then its LLDP to stop (admin.status rx: a shutdown LLDPDU), "
                    + "then its uplink's link down " + RelayRevocation.LINK_DOWN_MILLIS / 1000 + " s and up, asking again "
                    + "after each; every configuration restored at the end",
            "per revocation (withdrawn; aged out; link flap): the time until the peer's TLV clears RRCTR and until hairpin "
                    + "stops; frames lost (sent while the peer's TLV granted, not reflected), reflected after the TLV cleared "
                    + "RRCTR (or after our link went down), reflected twice; after the flap whether the peer's TLV still "
                    + "grants and hairpin resumes before the station asks again, and the time to the grant when it does. "
                    + "pass: hairpin stops within 1 s of RRCTR clearing, at the TTL (-1 s, +2 s) when aged, after a link "
                    + "flap neither RRCTR nor hairpin until asked again, granted again when asked, no frame twice; fail: "
                    + "hairpin outlives the grant or stops before it, RRCTR kept, the grant or hairpin back after the link "
                    + "returns unasked, no grant again; inconclusive: nothing came back after the flap, but frames after "
                    + "the next grant were lost longer than after the one before (the peer's port forwarded nothing yet: "
                    + "the flap not judged), or the kernel refused to set the kit's link; not-supported: no EVB TLV, or no grant. A port whose driver cannot "
                    + "set its link says so (link flap: not possible with this port's driver). With --relay: per revocation "
                    + "(withdrawn, LLDP stopped, link flap) when RRCTR cleared on the uplink, the relay's switch from VEPA to "
                    + "VEB from it (from the link going down in the flap), the VM frames lost (the longest gap) and "
                    + "duplicated at the second VM port, and the time to VEPA again. pass: VMs stay connected (no gap of "
                    + RelayRevocation.BLACKOUT_MILLIS / 1000 + " s, no frame twice), the relay VEB within "
                    + RelayRevocation.SWITCH_MILLIS / 1000 + " s, granted again each time; fail: otherwise; not-supported: "
                    + "the relay never VEPA (no grant)",
            // its one flooded frame, B's learning frame, goes without --allow-flood too (as P3's): nothing is left out
            false);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        if (session.relay() != null) {
            // this platform's edge relay is the station: its uplink is the relay's, the kit only watches it
            return new RelayRevocationRun(session, session.relay(), ThreadLocalRandom.current().nextInt()).run();
        }
        Run run = new Run(session, new Revocation(ThreadLocalRandom.current().nextInt()));
        boolean everGranted = false;
        try {
            run.phase(Revocation.Kind.GRANT, true, session.nowMillis(), Revocation.GRANT_WAIT_MILLIS);
            Revocation r = run.r;
            everGranted = r.firstAnswer(r.current(), true) >= 0;
            if (everGranted && r.reflected(r.current()) > 0) {
                run.phase(Revocation.Kind.WITHDRAW, false, session.nowMillis(), Revocation.WITHDRAW_WATCH_MILLIS);
                run.phase(Revocation.Kind.REGRANT, true, session.nowMillis(), Revocation.GRANT_WAIT_MILLIS);
                if (r.firstAnswer(r.current(), true) >= 0) {
                    long silentFor = Revocation.ageDeadline(run.lastLldpdu) - session.nowMillis();
                    run.phase(Revocation.Kind.AGE, null, run.lastLldpdu, silentFor);
                    run.phase(Revocation.Kind.FLAP_GRANT, true, session.nowMillis(), Revocation.GRANT_WAIT_MILLIS);
                    if (r.firstAnswer(r.current(), true) >= 0 && run.linkDown()) {
                        run.phase(Revocation.Kind.FLAP, null, r.linkDownAt(),
                                Revocation.LINK_DOWN_MILLIS + Revocation.AFTER_LINK_UP_MILLIS + 1000);
                        run.linkUp(); // if the phase ended before it brought the link up
                        if (!run.linkIsDown) {
                            run.phase(Revocation.Kind.RELINK, true, session.nowMillis(), Revocation.GRANT_WAIT_MILLIS);
                        }
                    }
                }
            }
        } finally {
            run.linkUp(); // never leave the port's link down
            run.r.finish(session.nowMillis());
            session.send(KitFrames.lldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, session.sourceMac(), session.portName(), 0,
                    List.of()), "our shutdown LLDPDU (TTL 0): the peer forgets the station and what it granted");
        }
        run.collect(Revocation.IN_FLIGHT_MILLIS);
        ProbeOutcome o = run.r.conclude(session.nowMillis());
        if (!everGranted) {
            return o;
        }
        EvbTlv last = run.r.lastAnswer();
        return o.withPeerState("reflective relay granted to the kit's station (RRREQ); "
                + (last != null && !last.rrctr() ? "restored: revoked, and a shutdown LLDPDU at the end"
                        : "not known to be restored: the peer's last EVB TLV still granted it; a shutdown LLDPDU sent at the end"));
    }

    /** One run's sending and listening. */
    private static final class Run {
        final ProbeSession session;
        final Revocation r;
        final long mac;
        long lastLldpdu;
        boolean lastRrctr;
        boolean anyAnswer;
        /** The phase whose first reflected frame is in the evidence. */
        Revocation.Phase shownFor;
        /** Our link is down by the kit's doing; when it is to come up again (System.nanoTime). */
        boolean linkIsDown;
        long linkUpDue;
        int upFailures;

        Run(ProbeSession session, Revocation r) {
            this.session = session;
            this.r = r;
            this.mac = session.sourceMac();
        }

        /** Takes our port's link down; false (and recorded why) when the port cannot or the kernel refused. */
        boolean linkDown() {
            try {
                session.setLinkUp(false);
            } catch (UnsupportedOperationException e) {
                r.flapNotDone(e.getMessage(), true);
                session.note("flap: not possible with this port's driver: " + e.getMessage());
                return false;
            } catch (RuntimeException e) {
                r.flapNotDone(String.valueOf(e.getMessage()), false);
                session.note("flap: could not take the link down: " + e.getMessage());
                return false;
            }
            linkIsDown = true;
            anyAnswer = false; // the first TLV after the link returns goes into the evidence whatever it says
            linkUpDue = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Revocation.LINK_DOWN_MILLIS);
            r.linkDown(session.nowMillis());
            session.note("flap: our port's link taken down (interface " + session.interfaceName() + "): the peer loses its "
                    + "carrier; up again in " + Revocation.LINK_DOWN_MILLIS + " ms");
            return true;
        }

        /** Brings our link up again if the kit took it down; a failure is noted (the port stays as the kernel left it). */
        void linkUp() {
            if (!linkIsDown) {
                return;
            }
            try {
                session.setLinkUp(true);
                linkIsDown = false;
                r.linkUp(session.nowMillis());
                session.note("flap: our port's link up again, " + (r.linkUpAt() - r.linkDownAt()) + " ms after it went "
                        + "down; watching " + Revocation.AFTER_LINK_UP_MILLIS + " ms without asking");
            } catch (RuntimeException e) {
                // tried again a second later while the phase lasts, and once more when the probe ends
                linkUpDue = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
                if (upFailures++ == 0) {
                    r.flapNotDone("could not bring the link up again: " + e.getMessage(), false);
                    session.note("flap: could not bring the link up again: " + e.getMessage());
                }
            }
        }

        /**
         * Runs a phase until it has its answer or {@code maxMillis} passed. {@code rrreq} null: no
         * LLDPDUs at all. Test frames flow once the peer has granted (the station is a VEPA from then on).
         */
        void phase(Revocation.Kind kind, Boolean rrreq, long startMillis, long maxMillis) throws InterruptedException {
            Revocation.Phase p = r.start(kind, startMillis, session.nowMillis());
            session.waiting(p.name() + ": " + switch (kind) {
                case GRANT, REGRANT, FLAP_GRANT, RELINK -> "asking for reflective relay, then streaming test frames";
                case WITHDRAW -> "no longer asking; watching for RRCTR to clear and hairpin to stop";
                case AGE -> "silent, our TTL " + Revocation.OUR_TTL_SECONDS + " s ageing; watching hairpin";
                case FLAP -> "our link down for " + Revocation.LINK_DOWN_MILLIS / 1000 + " s, then up, asking for nothing; "
                        + "watching the peer's TLV and hairpin";
            } + " (up to " + Math.max(0, maxMillis) / 1000 + " s)");
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, maxMillis));
            long nextLldp = System.nanoTime();
            long nextFrame = nextLldp;
            // a new grant, and a link that returns (the peer flushed what it learnt on it), teach the peer B again
            boolean learnt = kind == Revocation.Kind.WITHDRAW || kind == Revocation.Kind.AGE;
            while (!r.settled(session.nowMillis()) && System.nanoTime() - deadline < 0) {
                long now = System.nanoTime();
                if (linkIsDown && now - linkUpDue >= 0) {
                    linkUp();
                }
                if (rrreq != null && now - nextLldp >= 0) {
                    EvbTlv ours = EvbMatrix.stationTlv(new EvbMatrix.Step(p.name(), rrreq, 3, 8, 8, 8), r.lastAnswer());
                    Captured c = session.send(KitFrames.lldpdu(MacAddress.NEAREST_CUSTOMER_BRIDGE, mac, session.portName(),
                            Revocation.ttlSeconds(kind), List.of(ours.toTlv())), p.name() + ": our EVB TLV " + EvbTlvText.evb(ours));
                    if (c != null) {
                        lastLldpdu = c.atMillis();
                    }
                    nextLldp = now + TimeUnit.MILLISECONDS.toNanos(LLDP_MILLIS);
                }
                // while granting, frames flow once granted; while revoking, on and on, to see hairpin stop; in
                // the flap, from the link's return on (the port cannot send while it is down)
                boolean stream = kind == Revocation.Kind.FLAP ? !linkIsDown
                        : learnt || r.believedGranted(session.nowMillis());
                if (stream && now - nextFrame >= 0 && r.roomForFrame()) {
                    if (!learnt) {
                        session.send(r.learnFrame(), p.name() + ": learning frame from B, so the peer knows B is behind this port");
                        learnt = true;
                    }
                    int number = r.frames();
                    Captured c = session.sendUnlisted(r.nextFrame());
                    if (c != null) {
                        r.sent(c.atMillis());
                        if (number == 0) {
                            session.evidence(c, p.name() + ": test frame #0 from A to B, one every "
                                    + Revocation.STREAM_MILLIS + " ms from now on");
                        }
                    }
                    nextFrame = now + TimeUnit.MILLISECONDS.toNanos(Revocation.STREAM_MILLIS);
                } else if (now - nextFrame >= 0) {
                    nextFrame = now + TimeUnit.MILLISECONDS.toNanos(Revocation.STREAM_MILLIS);
                }
                long wake = Math.min(deadline - now, nextFrame - now);
                if (linkIsDown) {
                    wake = Math.min(wake, linkUpDue - now);
                }
                if (rrreq != null) {
                    wake = Math.min(wake, nextLldp - now);
                }
                handle(session.next(now + Math.max(0, wake)));
            }
            long stopped = r.stoppedAt(p, session.nowMillis());
            if (kind == Revocation.Kind.FLAP) {
                session.note(p.name() + ": " + r.reflected(p) + " of the frames sent after the link returned came back "
                        + "(nothing asked); " + r.late(p) + " reflected while the station knew no grant");
            } else if (kind == Revocation.Kind.WITHDRAW || kind == Revocation.Kind.AGE) {
                session.note(p.name() + ": " + (stopped < 0 ? "frames still reflected when the watch ended"
                        : "hairpin stopped: the frames sent from " + stopped + " ms on did not come back") + "; "
                        + r.reflected(p) + " reflected in this phase, " + r.lost(p) + " lost, " + r.late(p)
                        + " reflected after RRCTR cleared");
            }
        }

        void collect(long millis) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            Captured c;
            while ((c = session.next(end)) != null) {
                handle(c);
            }
        }

        private void handle(Captured c) {
            if (c == null || !c.in()) {
                return;
            }
            EvbTlv peer = EvbMatrixProbe.peerEvbTlv(c, mac);
            if (peer != null) {
                r.answer(c.atMillis(), peer);
                if (!anyAnswer || peer.rrctr() != lastRrctr) {
                    session.evidence(c, r.current().name() + ": the peer's EVB TLV " + EvbTlvText.evb(peer)
                            + (peer.rrctr() ? " (grants reflective relay)" : " (reflective relay not granted)"));
                }
                anyAnswer = true;
                lastRrctr = peer.rrctr();
                return;
            }
            int number = r.received(c.bytes());
            if (number >= 0 && shownFor != r.current()) {
                shownFor = r.current();
                session.evidence(c, shownFor.name() + ": test frame #" + number + " came back (the first in this phase)");
            } else if (number >= 0 && r.copiesOf(number) > 1) {
                session.evidence(c, "test frame #" + number + " came back again (copy " + r.copiesOf(number) + ")");
            } else if (number >= 0 && !r.believedGranted(c.atMillis())) {
                session.evidence(c, "test frame #" + number + " came back though the peer's TLV no longer grants reflective relay");
            }
        }
    }
}
