package org.openevb.qualify.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openevb.api.qualify.ProbeInfo;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.openevb.codec.MacAddress;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VdpTlv;
import org.openevb.codec.vdp.VsiTlv;

/**
 * P10: a VSI migrates from the first port (A) to the second (B) as libvirt drives it, while a
 * stream of numbered frames to the VSI's MAC shows where the bridge delivers them; then back
 * without the hints, to see whether they change anything. Both stations run for the whole probe
 * (paired {@link VdpLink}s); the stream is bounded by {@link Migration#MAX_FRAMES}.
 */
final class MigrationProbe implements Probe {

    static final int ID = 10;
    /** The stream's frames go out this often. */
    static final long STREAM_MILLIS = 10;
    /** How long the stream runs to the VSI at A before the move, and the bridge is watched after each step. */
    static final long SETTLE_MILLIS = 300;
    /** Between the pre-associate and the associate: the memory copy of a real migration, shortened. */
    static final long COPY_MILLIS = 300;
    /** How long after a move the stream is watched before the VM speaks at the destination. */
    static final long WATCH_MILLIS = 500;
    static final int ETHERTYPE = 0x88B5;
    static final byte[] MARKER = "OEVB-P10".getBytes(StandardCharsets.US_ASCII);
    /** The VM's MAC (the VSI's), a host talking to it from B's side, and the sender of the stream, a VM at A's station. */
    static final long VM = VdpText.mac(ID, 1);
    static final long PEER = VdpText.mac(ID, 2);
    static final long SENDER = VdpText.mac(ID, 3);

    static final ProbeInfo INFO = new ProbeInfo("P10", "migration",
            "only with --second-port (B; the run's port is A). On both ports the EVB TLV exchange (as P6) asking for "
                    + "reflective relay, as a VEPA station does; an Associate of the VSI (UUID 0e0b5155-000a-4001-..., the --vsi-type type, "
                    + "MAC 02:0e:b0:00:0a:01 on --vid) on A; a frame from its MAC on A and one to it from 02:0e:b0:00:0a:02 on B; "
                    + "then every 10 ms a numbered frame to it from 02:0e:b0:00:0a:03 on A (EtherType 0x88b5, C-tagged with the "
                    + "filter's VID), at most 6000; libvirt's steps: Pre-Associate-RR on B, 300 ms later Associate with the M "
                    + "bit on B, De-Associate with the S bit on A; 500 ms later, if nothing reached B, a frame from the VSI's "
                    + "MAC on B; then back without hints: Pre-Associate-RR on A, Associate on A, De-Associate on B; "
                    + "each held VSI kept alive every 10 us x 2^RKA, without hints; De-Associates of what is left and "
                    + "shutdown LLDPDUs",
            "where the stream arrived (A or B) through the move: blackout (last frame at A to the first at B), frames lost, "
                    + "frames delivered to A after the Associate on B was answered, whether the bridge moved the MAC by VDP "
                    + "(before the VM sent anything at B) or only by learning, and the answers with and without the hints. "
                    + "pass: each step succeeded, the stream reached B with a blackout under 1 s, at most 1 frame lost and "
                    + "1 to A after the move; fail: a step refused or unanswered, the stream never at B, more lost or "
                    + "late; inconclusive: the kit's VSI refused, or the stream did not reach the VSI at A (no reflective "
                    + "relay); not-supported: no EVB bridge or no VDP on either port",
            false);

    @Override
    public ProbeInfo info() {
        return INFO;
    }

    static VsiTlv vsi(QualifyRequest r, int type, int status, List<FilterEntry> filter) {
        return VdpText.kitVsi(ID, r, type, 1, filter).withStatus(status);
    }

    /** The stream and its frames: sent through the links' waits, its arrivals read as they come. */
    static final class Traffic implements VdpLink.Background {
        final Migration.Stream stream = new Migration.Stream();
        private final ProbeSession session;
        private final byte[] frame = new byte[ProbeSession.MIN_FRAME];
        private final int payload;
        private boolean running;
        private long next;

        Traffic(ProbeSession session, int vid) {
            this.session = session;
            payload = write(frame, VM, SENDER, vid);
        }

        /** Writes the header and the marker; returns where the frame's number goes. */
        static int write(byte[] f, long dst, long src, int vid) {
            MacAddress.write(dst, f, 0);
            MacAddress.write(src, f, 6);
            int at = 12;
            if (vid > 0) {
                f[at++] = (byte) 0x81;
                f[at++] = 0x00;
                f[at++] = (byte) (vid >> 8);
                f[at++] = (byte) vid;
            }
            f[at++] = (byte) (ETHERTYPE >> 8);
            f[at++] = (byte) ETHERTYPE;
            System.arraycopy(MARKER, 0, f, at, MARKER.length);
            return at + MARKER.length;
        }

        /** The frame's number if it is one of P10's from {@code src} to {@code dst}, else -1. */
        static int number(byte[] f, long dst, long src) {
            if (f.length < ProbeSession.MIN_FRAME || MacAddress.read(f, 0) != dst || MacAddress.read(f, 6) != src) {
                return -1;
            }
            int at = 12;
            if ((f[at] & 0xFF) == 0x81 && f[at + 1] == 0x00) {
                at += 4;
            }
            if (((f[at] & 0xFF) << 8 | (f[at + 1] & 0xFF)) != ETHERTYPE) {
                return -1;
            }
            at += 2;
            for (int i = 0; i < MARKER.length; i++) {
                if (f[at + i] != MARKER[i]) {
                    return -1;
                }
            }
            at += MARKER.length;
            return (f[at] & 0xFF) << 24 | (f[at + 1] & 0xFF) << 16 | (f[at + 2] & 0xFF) << 8 | (f[at + 3] & 0xFF);
        }

        void start() {
            running = true;
            next = System.nanoTime();
        }

        void stop() {
            running = false;
        }

        @Override
        public long due(long now) {
            while (running && now - next >= 0) {
                long wall = System.currentTimeMillis() * 1_000_000;
                int n = stream.sent(wall);
                if (n < 0) {
                    running = false;
                    session.note("the stream stopped at its bound of " + Migration.MAX_FRAMES + " frames");
                    break;
                }
                frame[payload] = (byte) (n >> 24);
                frame[payload + 1] = (byte) (n >> 16);
                frame[payload + 2] = (byte) (n >> 8);
                frame[payload + 3] = (byte) n;
                session.sendUnlisted(Migration.A, frame);
                next += TimeUnit.MILLISECONDS.toNanos(STREAM_MILLIS);
                if (now - next > TimeUnit.MILLISECONDS.toNanos(100)) {
                    next = now; // the runner was held up: no burst to catch up
                }
            }
            return running ? next : now + TimeUnit.SECONDS.toNanos(1);
        }

        @Override
        public void frame(Captured c) {
            int n = number(c.bytes(), VM, SENDER);
            if (n >= 0) {
                stream.arrived(n, c.port(), c.timestampNanos());
            } else if (number(c.bytes(), VM, PEER) >= 0 || number(c.bytes(), PEER, VM) >= 0) {
                session.evidence(c, "the kit's frame " + MacAddress.format(MacAddress.read(c.bytes(), 6)) + " -> "
                        + MacAddress.format(MacAddress.read(c.bytes(), 0)) + " delivered here");
            }
        }
    }

    /** Sends one frame from {@code src} to {@code dst} on {@code port} (the VM's, or the host's), returns its wall time. */
    static long single(ProbeSession session, int port, long dst, long src, int vid, String what) {
        byte[] f = new byte[ProbeSession.MIN_FRAME];
        Traffic.write(f, dst, src, vid);
        Captured c = session.send(port, f, what);
        return c == null ? System.currentTimeMillis() * 1_000_000 : c.timestampNanos();
    }

    /**
     * The two stations and what each holds at the bridge: a held VSI's request is repeated every
     * keep-alive interval (10 us x 2^RKA), as a station does, so the bridge does not let it go in
     * the middle of the move. Keep-alives never carry a hint: they repeat a state, not a migration.
     */
    static final class Stations {
        final VdpLink[] links;
        final String[] names;
        private final VsiTlv[] held = new VsiTlv[2];
        private final long[] last = new long[2];
        private final boolean[] unsure = new boolean[2];
        private long interval;

        Stations(VdpLink a, VdpLink b, String nameA, String nameB) {
            links = new VdpLink[] {a, b};
            names = new String[] {nameA, nameB};
        }

        /** After the EVB TLV exchange: the keep-alive interval in force. */
        void timers() {
            interval = Math.max(TimeUnit.MILLISECONDS.toNanos(STREAM_MILLIS), links[0].timers().keepAliveNanos());
        }

        String side(int port) {
            return (port == Migration.A ? "A (" : "B (") + names[port] + ")";
        }

        /** Sends {@code vsi} on {@code port}; what it leaves held there is {@code thenHeld} on success. */
        VdpLink.Exchange request(int port, VsiTlv vsi, String label, VsiTlv thenHeld) throws InterruptedException {
            VdpLink.Exchange x = links[port].request(vsi, label + " on " + side(port));
            last[port] = System.nanoTime();
            if (x.success()) {
                held[port] = thenHeld == null ? null : thenHeld.withStatus(0);
                unsure[port] = false;
            } else if (!x.answered() && vsi.type() != VdpTlv.DE_ASSOCIATE) {
                unsure[port] = true; // it may hold the VSI all the same
            }
            return x;
        }

        /** Whether the bridge may hold the kit's VSI on {@code port}: held, or asked for without an answer. */
        boolean mayHold(int port) {
            return held[port] != null || unsure[port];
        }

        /** Lets both stations run (acknowledgements, LLDPDUs, keep-alives, the stream) for {@code millis}. */
        void pause(long millis) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() - end < 0) {
                long wake = end;
                for (int p = 0; p < 2; p++) {
                    if (held[p] != null && interval > 0) {
                        long due = last[p] + interval;
                        if (System.nanoTime() - due >= 0) {
                            request(p, held[p], "keep-alive", held[p]);
                            due = last[p] + interval;
                        }
                        wake = due - wake < 0 ? due : wake;
                    }
                }
                VdpLink.Received r = links[0].await(wake);
                if (r != null && !r.pdu().isAck()) {
                    links[0].unsolicited().add(r);
                }
            }
        }
    }

    @Override
    public String needs(QualifyRequest request) {
        return request.hasSecondPort() ? null : "needs --second-port PORT2 (a second cable to the same switch, where the "
                + "VSI migrates to)";
    }

    @Override
    public ProbeOutcome run(ProbeSession session, QualifyRequest request) throws InterruptedException {
        if (!session.twoPorts()) {
            // the runner does not run a probe whose needs are not met; a session of one port is a bug
            return new ProbeOutcome(Verdict.NOT_RUN, "the session has no second port", Map.of());
        }
        VdpLink a = new VdpLink(session, Migration.A, true);
        VdpLink b = new VdpLink(session, Migration.B, true);
        VdpLink.pair(a, b);
        Stations st = new Stations(a, b, session.portName(Migration.A), session.portName(Migration.B));
        List<FilterEntry> filter = List.of(FilterEntry.ofMacVid(VM, request.vid()));
        boolean restored = true;
        Traffic traffic = null;
        ProbeOutcome outcome;
        try {
            boolean onA = a.negotiate();
            boolean onB = onA && b.negotiate();
            if (!onA || !onB) {
                return Migration.conclude(new Migration.Seen(onA, onB, null, 0, null, null, null, null));
            }
            st.timers();
            VsiTlv associate = vsi(request, VdpTlv.ASSOCIATE, 0, filter);
            VdpLink.Exchange assocA = st.request(Migration.A, associate, "associate", associate);
            if (!assocA.success()) {
                return Migration.conclude(new Migration.Seen(true, true, assocA, 0, null, null, null, null));
            }
            filter = assocA.response().entries();
            associate = vsi(request, VdpTlv.ASSOCIATE, 0, filter);
            VsiTlv preRr = vsi(request, VdpTlv.PRE_ASSOCIATE_RR, 0, filter);
            VsiTlv deAssociate = vsi(request, VdpTlv.DE_ASSOCIATE, 0, filter);
            int vid = Migration.vid(assocA.response());
            traffic = new Traffic(session, vid);
            a.background(traffic);
            // the bridge learns the VM at A from its own frame, and a host at B talks to it
            single(session, Migration.A, PEER, VM, vid, "the VM's frame at A, to the host at B");
            st.pause(50);
            single(session, Migration.B, VM, PEER, vid, "the host's frame at B, to the VM");
            st.pause(100);
            session.note("the stream to the VM from " + MacAddress.format(SENDER) + " on A starts, every " + STREAM_MILLIS
                    + " ms");
            traffic.start();
            st.pause(SETTLE_MILLIS);
            int reachedOnA = traffic.stream.arrivals(Migration.A, 0, traffic.stream.count());
            session.note(reachedOnA + " of " + traffic.stream.count() + " frames of the stream reached the VM at A");

            // libvirt's migration: reserve at the destination, the memory copy, associate there, release the source
            int first = traffic.stream.count();
            VdpLink.Exchange pre = st.request(Migration.B, preRr, "pre-associate with reservation", preRr);
            st.pause(COPY_MILLIS);
            VdpLink.Exchange assocM = st.request(Migration.B, associate.withStatus(VsiTlv.STATUS_M_BIT),
                    "associate with the migrate-to hint (M)", associate);
            VdpLink.Exchange deS = st.request(Migration.A, deAssociate.withStatus(VsiTlv.STATUS_S_BIT),
                    "de-associate with the suspended hint (S)", null);
            st.pause(WATCH_MILLIS);
            long vm = 0;
            if (assocM.success() && traffic.stream.arrivals(Migration.B, first, traffic.stream.count()) == 0) {
                vm = single(session, Migration.B, PEER, VM, vid, "nothing reached B yet: the VM's frame at B");
                st.pause(WATCH_MILLIS);
            }
            int end = traffic.stream.count();
            long answered = assocM.success() ? assocM.answerTimestampNanos() : 0;
            Migration.Steps hinted = new Migration.Steps(pre, assocM, deS);

            // the same way back without the hints
            Migration.Steps plain = null;
            int first2 = end;
            long answered2 = 0;
            long vm2 = 0;
            if (assocM.success()) {
                session.note("back to A without the hints");
                VdpLink.Exchange pre2 = st.request(Migration.A, preRr, "without hints: pre-associate with reservation", preRr);
                st.pause(COPY_MILLIS);
                VdpLink.Exchange assoc2 = st.request(Migration.A, associate, "without hints: associate (no M)", associate);
                VdpLink.Exchange de2 = st.request(Migration.B, deAssociate, "without hints: de-associate (no S)", null);
                st.pause(WATCH_MILLIS);
                if (assoc2.success() && traffic.stream.arrivals(Migration.A, first2, traffic.stream.count()) == 0) {
                    vm2 = single(session, Migration.A, PEER, VM, vid, "nothing reached A yet: the VM's frame at A");
                    st.pause(WATCH_MILLIS);
                }
                answered2 = assoc2.success() ? assoc2.answerTimestampNanos() : 0;
                plain = new Migration.Steps(pre2, assoc2, de2);
            }
            traffic.stop();
            st.pause(100); // the last frames in flight
            Migration.Move hintedMove = Migration.move(traffic.stream, Migration.A, Migration.B, first, end, answered, vm);
            Migration.Move plainMove = plain == null ? null : Migration.move(traffic.stream, Migration.B, Migration.A,
                    first2, traffic.stream.count(), answered2, vm2);
            session.note("the stream: " + traffic.stream.count() + " frames sent, " + traffic.stream.duplicates()
                    + " duplicated copies, " + traffic.stream.strays() + " with numbers never sent");
            outcome = Migration.conclude(new Migration.Seen(true, true, assocA, reachedOnA, hinted, hintedMove, plain,
                    plainMove));
        } finally {
            try {
                if (traffic != null) {
                    traffic.stop();
                }
                VsiTlv deAssociate = vsi(request, VdpTlv.DE_ASSOCIATE, 0, filter);
                for (int p = Migration.B; p >= Migration.A; p--) {
                    if (st.mayHold(p)) {
                        restored &= st.request(p, deAssociate, "de-associate what is left", null).success();
                    }
                }
            } finally {
                a.shutdown();
                b.shutdown();
            }
        }
        return outcome.withPeerState("changed: the kit's VSI associated on " + st.names[0] + " and moved to " + st.names[1]
                + (outcome.values().containsKey("plain.associate-a") ? " and back" : "") + "; " + (restored
                ? "restored: de-associated at the end" : "not confirmed restored (a De-Associate not answered with success; "
                + "the shutdown LLDPDUs end VDP)"));
    }
}
