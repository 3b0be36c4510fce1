package org.openevb.qualify.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortTap;
import org.openevb.api.qualify.Observation;
import org.openevb.codec.Frame;
import org.openevb.codec.pcap.PcapWriter;

/**
 * What the probes of one run share: the port (and the second port, for P10), every frame in and
 * out on them (recorded to the session's one pcap in the order the taps saw them, numbered as
 * Wireshark numbers them), the current probe's evidence, and the progress lines.
 *
 * <p>Threads: the ports' taps (receive threads, and the runner's thread while it sends) only copy
 * frames into a bounded queue; everything else runs on the runner's thread.
 */
final class ProbeSession {

    /** Frames waiting for the runner; more are not recorded (and counted) rather than grow memory. */
    static final int QUEUE = 65536;
    /** The shortest Ethernet frame without FCS: probes pad to it so what is sent is what the tap sees. */
    static final int MIN_FRAME = 60;

    private final List<Port> ports;
    private final PcapWriter pcap;
    private final Consumer<String> progress;
    private final long startWallNanos;
    private final BlockingQueue<Captured> queue = new ArrayBlockingQueue<>(QUEUE);
    /** Frames already recorded but not yet handed to the probe (taken off the queue while sending). */
    private final ArrayDeque<Captured> backlog = new ArrayDeque<>();
    private final LongAdder notRecorded = new LongAdder();
    private final Frame txFrame = new Frame(2048);
    private long numbered;
    private long framesIn;
    private long framesOut;
    private List<Observation> evidence = new ArrayList<>();
    private String prefix = "";
    /** The edge relay that is the station in this run ({@code --relay}), or null: the kit is the station. */
    private RelayControl relay;

    ProbeSession(Port port, PcapWriter pcap, Consumer<String> progress, long startWallNanos) {
        this(List.of(port), pcap, progress, startWallNanos);
    }

    /** A session on the first port and, if given, a second one (index 1). */
    ProbeSession(List<Port> ports, PcapWriter pcap, Consumer<String> progress, long startWallNanos) {
        this.ports = List.copyOf(ports);
        this.pcap = pcap;
        this.progress = progress;
        this.startWallNanos = startWallNanos;
    }

    /** The tap to add to the first port: copies each frame, never blocks, never throws. */
    PortTap tap() {
        return tap(0);
    }

    /** The tap to add to port {@code index} of the session. */
    PortTap tap(int index) {
        return (direction, timestampNanos, frame) -> {
            byte[] copy = frame.toByteArray();
            long at = Math.max(0, (timestampNanos - startWallNanos) / 1_000_000);
            // numbered later, on the runner's thread, in queue order
            if (!queue.offer(new Captured(0, direction == PortTap.Direction.IN, timestampNanos, at, copy, index))) {
                notRecorded.increment();
            }
        };
    }

    String portName() {
        return portName(0);
    }

    String portName(int index) {
        return ports.get(index).name();
    }

    /** The interface the first port is on. */
    String interfaceName() {
        return ports.get(0).interfaceName();
    }

    /**
     * Takes the first port's link down or brings it up (see {@link Port#setLinkUp(boolean)}).
     *
     * @throws UnsupportedOperationException if the port's driver cannot
     * @throws IllegalStateException if the port is not open or the kernel refused
     */
    void setLinkUp(boolean up) {
        ports.get(0).setLinkUp(up);
    }

    /** The run's edge relay ({@code --relay}), or null when the kit itself is the station. */
    RelayControl relay() {
        return relay;
    }

    void relay(RelayControl relay) {
        this.relay = relay;
    }

    /** Whether the session has a second port. */
    boolean twoPorts() {
        return ports.size() > 1;
    }

    /** The port's MAC address, or a locally administered one of the kit's while it is unknown. */
    long sourceMac() {
        return sourceMac(0);
    }

    long sourceMac(int index) {
        long mac = ports.get(index).macAddress();
        return mac >= 0 ? mac : 0x020E_B000_0001L + index;
    }

    /** Milliseconds since the session started. */
    long nowMillis() {
        return Math.max(0, (System.currentTimeMillis() * 1_000_000 - startWallNanos) / 1_000_000);
    }

    // ---- the current probe ----

    void startProbe(String progressPrefix) {
        prefix = progressPrefix;
        evidence = new ArrayList<>();
        progress.accept(prefix);
    }

    List<Observation> endProbe() {
        List<Observation> done = evidence;
        evidence = new ArrayList<>();
        return done;
    }

    /** Tells the operator what the probe waits for now. */
    void waiting(String what) {
        progress.accept(prefix + ": " + what);
    }

    /** Records a frame as evidence; with two ports, the summary starts with the port it was on. */
    void evidence(Captured frame, String summary) {
        evidence.add(new Observation(frame.atMillis(), frame.number(), frame.in() ? "in" : "out",
                twoPorts() ? "[" + portName(frame.port()) + "] " + summary : summary));
    }

    void note(String summary) {
        evidence.add(new Observation(nowMillis(), 0, "note", summary));
    }

    // ---- frames ----

    /**
     * Sends a frame (padded to 60 bytes) and records it as evidence with {@code summary}.
     *
     * @return the frame as recorded, or null if the port did not send it (counted by the port)
     */
    Captured send(byte[] frame, String summary) {
        return send(0, frame, summary);
    }

    /** Sends on port {@code index} of the session, as {@link #send(byte[], String)}. */
    Captured send(int index, byte[] frame, String summary) {
        Captured sent = sendUnlisted(index, frame);
        if (sent == null) {
            note("not sent or not recorded (see the counters of port " + portName(index) + "): " + summary);
            return null;
        }
        evidence(sent, summary);
        return sent;
    }

    /**
     * Sends a frame (padded to 60 bytes) and records it in the pcap, but not as evidence: for a
     * stream of test frames of which the probe lists only those that decide something.
     *
     * @return the frame as recorded, or null if the port did not send it or the tap did not see it
     */
    Captured sendUnlisted(byte[] frame) {
        return sendUnlisted(0, frame);
    }

    /** Sends on port {@code index} of the session, as {@link #sendUnlisted(byte[])}. */
    Captured sendUnlisted(int index, byte[] frame) {
        byte[] padded = frame.length >= MIN_FRAME ? frame : Arrays.copyOf(frame, MIN_FRAME);
        txFrame.copyFrom(padded, 0, padded.length);
        if (!ports.get(index).send(txFrame)) {
            return null;
        }
        // the tap saw the frame on this thread, so it is queued by now: record up to it
        Captured sent = null;
        Captured c;
        while ((c = queue.poll()) != null) {
            Captured recorded = record(c);
            backlog.add(recorded);
            if (!recorded.in() && recorded.port() == index && Arrays.equals(recorded.bytes(), padded)) {
                sent = recorded;
            }
        }
        return sent;
    }

    /**
     * The next frame of the first port (received or sent), or null once {@code deadlineNanos}
     * ({@link System#nanoTime()}) has passed. Frames of the second port are recorded and skipped:
     * the probes of one port see only theirs (a frame the peer floods to both, once).
     */
    Captured next(long deadlineNanos) throws InterruptedException {
        while (true) {
            Captured c = nextAny(deadlineNanos);
            if (c == null || c.port() == 0) {
                return c;
            }
        }
    }

    /** The next frame of either port, as {@link #next(long)}; {@link Captured#port()} says which. */
    Captured nextAny(long deadlineNanos) throws InterruptedException {
        Captured c = backlog.poll();
        if (c != null) {
            return c;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            c = queue.poll();
        } else {
            c = queue.poll(left, TimeUnit.NANOSECONDS);
        }
        return c == null ? null : record(c);
    }

    /** Records what is queued and forgets it (between probes, and at the end). */
    void drain() {
        backlog.clear();
        Captured c;
        while ((c = queue.poll()) != null) {
            record(c);
        }
    }

    private Captured record(Captured c) {
        long number = ++numbered;
        if (c.in()) {
            framesIn++;
        } else {
            framesOut++;
        }
        try {
            pcap.write(c.timestampNanos(), c.bytes(), 0, c.bytes().length);
        } catch (IOException e) {
            notRecorded.increment();
        }
        return new Captured(number, c.in(), c.timestampNanos(), c.atMillis(), c.bytes(), c.port());
    }

    long framesIn() {
        return framesIn;
    }

    long framesOut() {
        return framesOut;
    }

    long notRecorded() {
        return notRecorded.sum();
    }

    void flush() {
        try {
            pcap.flush();
        } catch (IOException e) {
            // counted when the next write fails
        }
    }
}
