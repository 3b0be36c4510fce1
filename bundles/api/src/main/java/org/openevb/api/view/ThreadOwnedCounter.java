package org.openevb.api.view;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * A live counter on the data path (an ACL rule's frames, a bridge port's frames): exact under any
 * number of threads, and cheapest for the thread that counts first. That thread owns a field only
 * it writes, so its count is a plain add with no locked instruction (a port's receive lane counts
 * all its frames on its own thread); any other thread adds to a {@link LongAdder}. A locked add per
 * frame cost about a third of an ACL decision, and as much again in the bridge's port counters.
 * Holds the owning thread (one object) for as long as the counter lives.
 */
public final class ThreadOwnedCounter {

    private static final VarHandle OWNER;
    private static final VarHandle OWNED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OWNER = lookup.findVarHandle(ThreadOwnedCounter.class, "owner", Thread.class);
            OWNED = lookup.findVarHandle(ThreadOwnedCounter.class, "owned", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The thread that counts in {@link #owned}; null until one counts. Kept after it ends (one object). */
    private Thread owner;
    /** Written by {@link #owner} alone, read by others whole (opaque). */
    private long owned;
    private final LongAdder others = new LongAdder();

    /** Adds one. */
    public void increment() {
        Thread self = Thread.currentThread();
        if (owner == self || owner == null && OWNER.compareAndSet(this, null, self)) {
            OWNED.setOpaque(this, owned + 1);
        } else {
            others.increment();
        }
    }

    /** The count so far. */
    public long sum() {
        return (long) OWNED.getOpaque(this) + others.sum();
    }
}
