package org.openevb.acl.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * The frames one rule (or an ACL's default action) counted: exact under any number of threads,
 * and cheapest for the thread that counts first. That thread owns a field only it writes, so its
 * count is a plain add with no locked instruction (a port's receive lane judges all its frames on
 * its own thread); any other thread adds to a {@link LongAdder}. A locked add per frame cost about
 * a third of the whole ACL decision.
 */
final class RuleCounter {

    private static final VarHandle OWNER;
    private static final VarHandle OWNED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OWNER = lookup.findVarHandle(RuleCounter.class, "owner", Thread.class);
            OWNED = lookup.findVarHandle(RuleCounter.class, "owned", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The thread that counts in {@link #owned}; null until one counts. Kept after it ends (one object). */
    private Thread owner;
    /** Written by {@link #owner} alone, read by others whole (opaque). */
    private long owned;
    private final LongAdder others = new LongAdder();

    void increment() {
        Thread self = Thread.currentThread();
        if (owner == self || owner == null && OWNER.compareAndSet(this, null, self)) {
            OWNED.setOpaque(this, owned + 1);
        } else {
            others.increment();
        }
    }

    long sum() {
        return (long) OWNED.getOpaque(this) + others.sum();
    }
}
