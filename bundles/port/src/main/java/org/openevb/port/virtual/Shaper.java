package org.openevb.port.virtual;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.port.RateLimits;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;

/**
 * Egress shaping of one port: frames wait in one queue per traffic class, chosen by the PCP of
 * the frame's outer 802.1Q tag (0 when untagged), and leave at most at the port's rate. Each class
 * has a guaranteed rate: a class within its guarantee goes first, classes in the order configured;
 * what the port's rate leaves over goes to the classes in that order (a class may borrow up to the
 * whole rate). PCPs no class names go to a last class without a guarantee. Frames enter from any
 * thread ({@link #offer}); one thread takes them out ({@link #next}). No locks, no allocation.
 */
public final class Shaper {

    /**
     * A traffic class.
     *
     * @param name for counters and logs
     * @param pcps the PCP values (0..7) whose frames it carries, as a bit mask
     * @param minBitsPerSecond its guaranteed rate, 0 for none
     */
    public record TrafficClass(String name, int pcps, long minBitsPerSecond) {
    }

    private static final String OTHER = "other";

    private final TokenBucket port;
    private final TrafficClass[] classes;
    private final TokenBucket[] guarantee;
    private final FrameQueue[] queues;
    private final int[] classOfPcp = new int[8];
    private final long[] sent;
    private final long[] borrowed;
    private final LongAdder[] queueFull;
    private final long bitsPerSecond;

    /**
     * @param bitsPerSecond the port's rate
     * @param configured the classes in priority order; their guarantees should not add up to more
     *     than the rate
     * @param queueFrames each class's queue, in frames
     * @param slotBytes the longest frame
     */
    public Shaper(long bitsPerSecond, List<TrafficClass> configured, int queueFrames, int slotBytes) {
        List<TrafficClass> all = new ArrayList<>(configured);
        int named = 0;
        for (TrafficClass c : configured) {
            named |= c.pcps();
        }
        if (named != 0xFF) {
            all.add(new TrafficClass(OTHER, ~named & 0xFF, 0));
        }
        this.bitsPerSecond = bitsPerSecond;
        this.classes = all.toArray(new TrafficClass[0]);
        int n = classes.length;
        // a port bucket of 10 ms at the rate (at least two frames): shaped, but not to the frame
        long depth = Math.max(2L * slotBytes * 8, bitsPerSecond / 100);
        this.port = new TokenBucket(bitsPerSecond, Math.min(TokenBucket.MAX_DEPTH, depth));
        this.guarantee = new TokenBucket[n];
        this.queues = new FrameQueue[n];
        this.sent = new long[n];
        this.borrowed = new long[n];
        this.queueFull = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            long min = classes[i].minBitsPerSecond();
            guarantee[i] = min == 0 ? null
                    : new TokenBucket(min, Math.min(TokenBucket.MAX_DEPTH, Math.max(2L * slotBytes * 8, min / 100)));
            queues[i] = new FrameQueue(queueFrames, slotBytes);
            queueFull[i] = new LongAdder();
            for (int pcp = 0; pcp < 8; pcp++) {
                if ((classes[i].pcps() & (1 << pcp)) != 0 && !claimed(i, pcp)) {
                    classOfPcp[pcp] = i;
                }
            }
        }
    }

    private boolean claimed(int before, int pcp) {
        for (int i = 0; i < before; i++) {
            if ((classes[i].pcps() & (1 << pcp)) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Queues a frame for its class (any thread); false when that queue is full (counted). */
    public boolean offer(Frame frame) {
        int c = classOfPcp[pcp(frame)];
        if (queues[c].offer(frame)) {
            return true;
        }
        queueFull[c].increment();
        return false;
    }

    /**
     * Moves the next frame due at {@code nowNanos} into {@code out} and returns 0; or, when none is
     * due, returns the nanoseconds until one may be ({@link Long#MAX_VALUE} when every queue is
     * empty). The taking thread only.
     */
    public long next(Frame out, long nowNanos) {
        port.refill(nowNanos);
        for (TokenBucket g : guarantee) {
            if (g != null) {
                g.refill(nowNanos);
            }
        }
        long wait = Long.MAX_VALUE;
        for (int i = 0; i < queues.length; i++) {
            int length = queues[i].peekLength();
            if (length < 0 || guarantee[i] == null) {
                continue;
            }
            long bits = length * 8L;
            if (guarantee[i].has(bits) && port.has(bits)) {
                guarantee[i].take(bits);
                return take(i, bits, out, false);
            }
        }
        for (int i = 0; i < queues.length; i++) {
            int length = queues[i].peekLength();
            if (length < 0) {
                continue;
            }
            long bits = length * 8L;
            if (port.has(bits)) {
                return take(i, bits, out, true);
            }
            wait = Math.min(wait, Math.max(1, port.nanosUntil(bits)));
        }
        return wait;
    }

    private long take(int c, long bits, Frame out, boolean borrowing) {
        port.take(bits);
        queues[c].poll(out);
        sent[c]++;
        if (borrowing) {
            borrowed[c]++;
        }
        return 0;
    }

    /** Whether every queue is empty (the taking thread). */
    public boolean isEmpty() {
        for (FrameQueue q : queues) {
            if (!q.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The classes, the implicit last one included. */
    public List<TrafficClass> classes() {
        return List.of(classes);
    }

    /** Frames class {@code c} sent; of those, sent above its guarantee; dropped with its queue full; waiting. */
    public long[] counters(int c) {
        return new long[] {sent[c], borrowed[c], queueFull[c].sum(), queues[c].size()};
    }

    /** Each class with its counters, for commands. */
    public List<RateLimits.TrafficClass> views() {
        List<RateLimits.TrafficClass> out = new ArrayList<>(classes.length);
        for (int i = 0; i < classes.length; i++) {
            out.add(new RateLimits.TrafficClass(classes[i].name(), pcpText(classes[i].pcps()), classes[i].minBitsPerSecond(),
                    sent[i], borrowed[i], queueFull[i].sum(), queues[i].size()));
        }
        return out;
    }

    public long bitsPerSecond() {
        return bitsPerSecond;
    }

    /** A PCP mask as ranges, e.g. {@code 0-2,5}. */
    static String pcpText(int mask) {
        StringBuilder s = new StringBuilder();
        for (int p = 0; p < 8; p++) {
            if ((mask & (1 << p)) == 0) {
                continue;
            }
            int end = p;
            while (end < 7 && (mask & (1 << (end + 1))) != 0) {
                end++;
            }
            s.append(s.length() > 0 ? "," : "").append(p).append(end > p ? "-" + end : "");
            p = end;
        }
        return s.toString();
    }

    /** The PCP of a frame's outer 802.1Q C-tag or S-tag, 0 when untagged. */
    static int pcp(Frame frame) {
        if (frame.length() < 16) {
            return 0;
        }
        int type = frame.typeAt12();
        return type == EtherType.C_TAG || type == EtherType.S_TAG ? frame.tciAt14() >>> 13 : 0;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(bitsPerSecond).append(" bit/s");
        for (TrafficClass c : classes) {
            s.append(", ").append(c.name()).append(" (PCP mask 0x").append(Integer.toHexString(c.pcps())).append(") min ")
                    .append(c.minBitsPerSecond());
        }
        return s.toString();
    }
}
