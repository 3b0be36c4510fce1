package org.openevb.qualify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.EvbTlvText;
import org.openevb.codec.lldp.Lldpdu;

/**
 * P4 with this platform's edge relay as the station ({@code --relay}): the kit sends nothing on
 * the uplink. It puts VM A's frames to VM B into the relay on one VM port, counts them where they
 * leave VM B's port and where they cross the uplink, polls the relay's behaviour, and revokes the
 * switch's grant three ways through the relay itself: its station stops asking (EVB configuration),
 * its LLDP stops sending (LLDP configuration: a shutdown LLDPDU), its uplink's link goes down for
 * {@link RelayRevocation#LINK_DOWN_MILLIS} and up. Between them the station asks again. See
 * {@link RelayRevocation} for what is concluded. Every configuration is restored at the end, also
 * when the run fails or is interrupted.
 */
final class RelayRevocationRun {

    /** The relay's behaviour is read this often while a phase runs: the resolution of its switch times. */
    static final long POLL_MILLIS = 2;

    private final ProbeSession session;
    private final RelayControl relay;
    private final RelayRevocation r;
    private boolean linkIsDown;
    /** Failed attempts to bring the uplink's link up again: only the first is noted. */
    private int upFailures;
    private Boolean lastRrctr;
    private Boolean lastRrreq;
    private RelayRevocation.Phase shownFor;
    /** What the run did to the relay, for the report's peer state. */
    private final List<String> done = new ArrayList<>();

    RelayRevocationRun(ProbeSession session, RelayControl relay, int nonce) {
        this.session = session;
        this.relay = relay;
        this.r = new RelayRevocation(nonce);
    }

    ProbeOutcome run() throws InterruptedException {
        String restored = "";
        boolean changed = false;
        try {
            r.mode(session.nowMillis(), relay.behaviour());
            session.note("relay '" + relay.name() + "' is " + relay.behaviour() + " at the start; uplink " + relay.uplink()
                    + " watched, VM frames in on " + relay.vmIn() + ", counted out of " + relay.vmOut());
            changed = true;
            if (!learn()) {
                return new ProbeOutcome(Verdict.NOT_RUN, "the relay took no frame on its VM port "
                        + relay.vmOut() + " (receiveAs): is it running?", Map.of());
            }
            // each phase starts before its change: what the change sets off on the wire (the station's
            // LLDPDU and the switch's answer, within milliseconds) belongs to it
            phase(RelayRevocation.Kind.GRANT, RelayRevocation.GRANT_WAIT_MILLIS,
                    () -> change(() -> relay.askReflectiveRelay(true), "the relay's station asks for reflective relay (reflective.relay true)"));
            if (granted()) {
                phase(RelayRevocation.Kind.WITHDRAW, RelayRevocation.REVOKE_WATCH_MILLIS,
                        () -> change(() -> relay.askReflectiveRelay(false), "the relay's station stops asking (reflective.relay false)"));
                phase(RelayRevocation.Kind.REGRANT, RelayRevocation.GRANT_WAIT_MILLIS,
                        () -> change(() -> relay.askReflectiveRelay(true), "the relay's station asks again (reflective.relay true)"));
                if (granted()) {
                    phase(RelayRevocation.Kind.STOP, RelayRevocation.REVOKE_WATCH_MILLIS, () -> change(() -> relay.lldpTransmit(false),
                            "the relay's LLDP stops sending (admin.status rx): a shutdown LLDPDU"));
                    phase(RelayRevocation.Kind.FLAP_GRANT, RelayRevocation.GRANT_WAIT_MILLIS, () -> change(() -> relay.lldpTransmit(true),
                            "the relay's LLDP sends again (admin.status as configured)"));
                    if (granted()) {
                        phase(RelayRevocation.Kind.FLAP, RelayRevocation.LINK_DOWN_MILLIS + RelayRevocation.GRANT_WAIT_MILLIS,
                                this::linkDown);
                    }
                }
            }
        } finally {
            linkUp();
            if (changed) {
                restored = relay.restore();
                session.note("restored: " + restored);
            }
        }
        collect(RelayRevocation.IN_FLIGHT_MILLIS);
        ProbeOutcome o = r.conclude("'" + relay.name() + "': uplink " + relay.uplink() + ", VM frames in on " + relay.vmIn()
                + " and out of " + relay.vmOut());
        return o.withPeerState("the relay's " + String.join(", ", done) + "; "
                + (restored.contains("NOT ") ? "not all restored: " : "restored: ") + restored);
    }

    private interface Change {
        void run() throws Exception;
    }

    private void change(Change c, String what) {
        try {
            c.run();
            session.note(what);
            done.add(what.replaceFirst("^the relay's ", "").replaceFirst(" \\(.*", ""));
        } catch (Exception e) {
            throw new IllegalStateException("could not change the relay's configuration (" + what + "): " + e, e);
        }
    }

    /** VM B's frame to A, on B's port (so the relay learns B there); false when the relay would not take it. */
    private boolean learn() {
        return relay.receiveAs(relay.vmOut(), r.learnFrame());
    }

    private boolean granted() {
        RelayRevocation.Phase p = r.current();
        long vepa = r.modeAt(p, "vepa");
        return vepa >= 0 && r.hairpinned(p, vepa) > 0;
    }

    private void linkDown() {
        try {
            session.setLinkUp(false);
        } catch (RuntimeException e) {
            r.flapNotDone(String.valueOf(e.getMessage()));
            session.note("flap: could not take the uplink's link down: " + e.getMessage());
            return;
        }
        linkIsDown = true;
        done.add("uplink's link taken down and up");
        r.linkDown(session.nowMillis());
        session.note("flap: the uplink's link taken down (interface " + session.interfaceName() + ") for "
                + RelayRevocation.LINK_DOWN_MILLIS + " ms");
    }

    /** Brings the uplink's link up again if the run took it down; false when that failed (noted once). */
    private boolean linkUp() {
        if (!linkIsDown) {
            return true;
        }
        try {
            session.setLinkUp(true);
            linkIsDown = false;
            r.linkUp(session.nowMillis());
            session.note("flap: the uplink's link up again, " + (r.linkUpAt() - r.linkDownAt()) + " ms after it went down");
            return true;
        } catch (RuntimeException e) {
            if (upFailures++ == 0) {
                session.note("flap: could not bring the uplink's link up again: " + e.getMessage());
            }
            return false;
        }
    }

    /**
     * Runs a phase: starts it, makes its change ({@code action}), then streams VM frames until it
     * has its answer or {@code maxMillis} passed.
     */
    private void phase(RelayRevocation.Kind kind, long maxMillis, Runnable action) throws InterruptedException {
        long start = session.nowMillis();
        RelayRevocation.Phase p = r.start(kind, start);
        action.run();
        if (kind == RelayRevocation.Kind.FLAP && !linkIsDown) {
            return; // the link could not be taken down: nothing to watch
        }
        session.waiting(p.name() + ": " + switch (kind) {
            case GRANT, REGRANT, FLAP_GRANT -> "the relay's station asks; waiting for the relay to turn VEPA and its VM frames to come back";
            case WITHDRAW, STOP -> "watching the switch's TLV clear RRCTR and the relay turn VEB";
            case FLAP -> "the uplink's link down for " + RelayRevocation.LINK_DOWN_MILLIS / 1000 + " s, then up; "
                    + "waiting for the grant again";
        } + " (up to " + maxMillis / 1000 + " s)");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        long linkUpDue = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RelayRevocation.LINK_DOWN_MILLIS);
        long nextFrame = System.nanoTime();
        while (!r.settled(session.nowMillis()) && System.nanoTime() - deadline < 0) {
            long now = System.nanoTime();
            if (kind == RelayRevocation.Kind.FLAP && linkIsDown && now - linkUpDue >= 0 && !linkUp()) {
                linkUpDue = now + TimeUnit.SECONDS.toNanos(1); // tried again a second later, not on every pass
            }
            if (now - nextFrame >= 0) {
                if (r.roomForFrame() && relay.receiveAs(relay.vmIn(), r.nextFrame())) {
                    r.sent(session.nowMillis());
                }
                nextFrame = now + TimeUnit.MILLISECONDS.toNanos(RelayRevocation.STREAM_MILLIS);
            }
            String mode = relay.behaviour();
            if (r.mode(session.nowMillis(), mode)) {
                session.note(p.name() + ": the relay is " + (mode.isEmpty() ? "without its mode" : mode) + " now");
            }
            long wake = Math.min(deadline, Math.min(nextFrame, now + TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS)));
            Captured c;
            while ((c = session.nextAny(wake)) != null) {
                handle(c);
                if (System.nanoTime() - wake >= 0) {
                    break;
                }
            }
        }
        if (kind == RelayRevocation.Kind.FLAP) {
            linkUp();
        }
        session.note(p.name() + ": " + r.lost(p) + " VM frame(s) lost, " + r.duplicated(p) + " duplicated so far");
    }

    private void collect(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        Captured c;
        while ((c = session.nextAny(end)) != null) {
            handle(c);
        }
    }

    /** A frame on the uplink (port 0) or out of VM B's port (port 1). */
    private void handle(Captured c) {
        byte[] f = c.bytes();
        int number = r.number(f);
        if (number >= 0) {
            if (c.port() == 1) {
                if (c.in()) {
                    return; // VM B does not send our frames
                }
                r.atVm(number, c.atMillis());
                RelayRevocation.Phase p = r.current();
                if (shownFor != p) {
                    shownFor = p;
                    session.evidence(c, p.name() + ": VM frame #" + number + " delivered to VM B (the first in this phase)");
                } else if (r.copiesAtVm(number) > 1) {
                    session.evidence(c, "VM frame #" + number + " delivered to VM B again (copy " + r.copiesAtVm(number) + ")");
                }
            } else {
                r.onUplink(number, !c.in());
            }
            return;
        }
        if (c.port() != 0 || KitFrames.etherType(f) != EtherType.LLDP || MacAddress.read(f, 0) != MacAddress.NEAREST_CUSTOMER_BRIDGE) {
            return;
        }
        Lldpdu pdu;
        EvbTlv evb;
        int ttl;
        try {
            pdu = Lldpdu.decode(f, KitFrames.HEADER, f.length - KitFrames.HEADER);
            evb = pdu.evb().orElse(null);
            ttl = pdu.ttl().map(t -> t.seconds()).orElse(-1);
        } catch (Exception e) {
            return; // malformed: P1's to judge
        }
        if (c.in()) {
            if (evb != null) {
                r.tlv(c.atMillis(), evb.rrctr());
                if (lastRrctr == null || lastRrctr != evb.rrctr()) {
                    session.evidence(c, r.current().name() + ": the switch's EVB TLV " + EvbTlvText.evb(evb)
                            + (evb.rrctr() ? " (grants reflective relay)" : " (reflective relay not granted)"));
                }
                lastRrctr = evb.rrctr();
            }
        } else if (ttl == 0) {
            session.evidence(c, r.current().name() + ": the relay's shutdown LLDPDU (TTL 0)");
            lastRrreq = null;
        } else if (evb != null && (lastRrreq == null || lastRrreq != evb.rrreq())) {
            lastRrreq = evb.rrreq();
            session.evidence(c, r.current().name() + ": the relay's station's EVB TLV " + EvbTlvText.evb(evb)
                    + (evb.rrreq() ? " (asks for reflective relay)" : " (does not ask)"));
        }
    }
}
