package org.openevb.port.virtual;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openevb.codec.Frame;

/**
 * Frames waiting for one thread (a mirror's copies, a shaped port's egress): a bounded queue of
 * preallocated slots that any number of frame threads fill and one thread empties. Neither side
 * locks or allocates; a frame thread that finds the queue full is told at once and never waits.
 *
 * <p>Each slot carries a sequence number that says whose turn it is (a slot at position p is free
 * for the producer of ticket p when its number is p, and holds a copy for the consumer when it is
 * p + 1), so a producer that has taken a ticket fills its slot while others fill theirs.
 */
public final class FrameQueue {

    /**
     * Longs between two slots' entries in {@link #meta}: a slot's turn has a cache line of its
     * own, so a producer filling one slot does not take the line the consumer reads.
     */
    private static final int STRIDE = 8;

    private final int mask;
    private final int slotBytes;
    /** The copies' storage, a frame per slot, allocated once. */
    private final Frame[] slots;
    /** Per slot: its turn (at slot * STRIDE); the turn publishes the slot's copy. */
    private final AtomicLongArray meta;
    private final AtomicLong tail = new AtomicLong();
    private long head; // the consumer's; other threads read it only for size()

    /**
     * @param frames the capacity, rounded up to a power of two
     * @param slotBytes the longest copy
     */
    public FrameQueue(int frames, int slotBytes) {
        int capacity = Integer.highestOneBit(Math.max(1, frames - 1)) << 1;
        if (frames == 1) {
            capacity = 1;
        }
        this.mask = capacity - 1;
        this.slotBytes = slotBytes;
        this.slots = new Frame[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new Frame(0, slotBytes);
        }
        this.meta = new AtomicLongArray(capacity * STRIDE);
        for (int i = 0; i < capacity; i++) {
            meta.set(i * STRIDE, i);
        }
    }

    public int capacity() {
        return mask + 1;
    }

    public int slotBytes() {
        return slotBytes;
    }

    /** Copies {@code frame} in if there is room (any thread); false when full or too long. */
    public boolean offer(Frame frame) {
        if (frame.length() > slotBytes) {
            return false;
        }
        long ticket = tail.get();
        while (true) {
            int slot = (int) ticket & mask;
            long turn = meta.get(slot * STRIDE);
            long lag = turn - ticket;
            if (lag == 0) {
                if (tail.compareAndSet(ticket, ticket + 1)) {
                    frame.copyTo(slots[slot]);
                    meta.set(slot * STRIDE, ticket + 1); // publishes the copy (and its length) to the consumer
                    return true;
                }
                ticket = tail.get();
            } else if (lag < 0) {
                return false; // the slot still holds a copy from a lap ago: full
            } else {
                ticket = tail.get(); // another producer took this ticket
            }
        }
    }

    /** Moves the oldest copy into {@code frame} (the mirror thread only); false when empty. */
    public boolean poll(Frame frame) {
        int slot = (int) head & mask;
        if (meta.get(slot * STRIDE) != head + 1) {
            return false;
        }
        slots[slot].copyTo(frame);
        meta.set(slot * STRIDE, head + mask + 1); // free for the producer one lap later
        head++;
        return true;
    }

    /** The length of the oldest frame (the consuming thread only), -1 when empty. */
    public int peekLength() {
        int slot = (int) head & mask;
        return meta.get(slot * STRIDE) == head + 1 ? slots[slot].length() : -1;
    }

    /** Frames waiting now (a moment's view). */
    public int size() {
        long n = tail.get() - head;
        return (int) Math.max(0, Math.min(n, capacity()));
    }

    public boolean isEmpty() {
        return meta.get(((int) head & mask) * STRIDE) != head + 1;
    }
}
