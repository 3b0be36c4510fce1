package org.openevb.bridge.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.StampedLock;
import java.util.function.IntFunction;
import org.openevb.api.bridge.FdbEntry;
import org.openevb.api.bridge.FdbStats;
import org.openevb.codec.MacAddress;

/**
 * The filtering database: (VID, MAC) to port, open addressing with linear probing in flat arrays,
 * a hard bound on entries, aging by timestamp. Lookups, refreshes of known entries and learning
 * that changes nothing (an entry that may not move, a full table) take no lock (optimistic
 * reads); only new entries, moves and removals lock. Nothing allocates per frame.
 */
final class Fdb {

    private static final long EMPTY = 0;

    private final int maxEntries;
    private final int mask;
    private final long[] keys;
    private final int[] ports;
    private final long[] seen;
    private final boolean[] fixed;
    private final StampedLock lock = new StampedLock();
    private int size;

    private final LongAdder learned = new LongAdder();
    private final LongAdder moves = new LongAdder();
    private final LongAdder refusedFull = new LongAdder();
    private final LongAdder aged = new LongAdder();
    /** Told of every address that moved or went (not of new ones), after the table changed; null for none. */
    private volatile Forgetting forgetting;

    /** What wants to know when an address moves to another port or leaves the table. */
    @FunctionalInterface
    interface Forgetting {
        void forgot(int vid, long mac);
    }

    Fdb(int maxEntries) {
        this.maxEntries = maxEntries;
        int capacity = Integer.highestOneBit(Math.max(16, maxEntries * 2 - 1)) << 1;
        mask = capacity - 1;
        keys = new long[capacity];
        ports = new int[capacity];
        seen = new long[capacity];
        fixed = new boolean[capacity];
    }

    /** From now on, {@code listener} is told of every move and removal (null: nobody). */
    void forgetting(Forgetting listener) {
        forgetting = listener;
    }

    private void forgot(long key) {
        Forgetting f = forgetting;
        if (f != null) {
            f.forgot((int) (key >>> 48) - 1, key & 0xFFFF_FFFF_FFFFL);
        }
    }

    /**
     * Refreshes the learned entry (vid, mac) if it is still on {@code port}: its frames were seen
     * without passing the bridge (forwarded in the kernel).
     */
    void touch(int vid, long mac, int port, long now) {
        long stamp = lock.writeLock();
        try {
            int i = find(key(vid, mac));
            if (i >= 0 && !fixed[i] && ports[i] == port) {
                seen[i] = now;
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** VID 0..4095 in the top bits, +1 so that no key is 0 (the empty slot). */
    static long key(int vid, long mac) {
        return ((long) (vid + 1) << 48) | (mac & 0xFFFF_FFFF_FFFFL);
    }

    private int home(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** Slot of the key, or -1. Caller holds a lock or validates an optimistic stamp. */
    private int find(long key) {
        int i = home(key);
        for (int n = 0; n <= mask; n++) {
            long k = keys[i];
            if (k == key) {
                return i;
            }
            if (k == EMPTY) {
                return -1;
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** The port for (vid, mac), or -1 if unknown or older than {@code agingNanos}. */
    int lookup(int vid, long mac, long now, long agingNanos) {
        long key = key(vid, mac);
        long stamp = lock.tryOptimisticRead();
        int port = lookupIn(key, now, agingNanos);
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                port = lookupIn(key, now, agingNanos);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return port;
    }

    private int lookupIn(long key, long now, long agingNanos) {
        int i = find(key);
        if (i < 0) {
            return -1;
        }
        if (!fixed[i] && now - seen[i] > agingNanos) {
            return -1;
        }
        return ports[i];
    }

    /**
     * Learns that (vid, mac) is behind {@code port}, and returns where it was before: its port, or
     * -1 if unknown or older than {@code agingNanos} (what {@link #lookup} would have said). A known
     * entry on the same port is only refreshed; a static entry never changes; an entry on another
     * port moves only if {@code mayMove}. When the table is full a new source is refused and
     * counted. The frame-by-frame case, a station seen again where it was, takes no lock and is
     * small enough to be inlined into the forwarding decision; the rest is {@link #learnLocked}.
     */
    int learn(int vid, long mac, int port, long now, long agingNanos, boolean mayMove) {
        long key = key(vid, mac);
        long stamp = lock.tryOptimisticRead();
        int i = find(key);
        if (i >= 0) {
            int was = ports[i];
            boolean isStatic = fixed[i];
            long last = seen[i];
            // nothing to change but the time: the same port, or an entry that may not move here
            // (static, or a VSI's MAC reflected back on an edge relay's uplink)
            if ((was == port || isStatic || !mayMove) && lock.validate(stamp)) {
                if (was == port && !isStatic && last != now) {
                    seen[i] = now; // a racing removal can at worst refresh a neighbour once
                }
                return isStatic || now - last <= agingNanos ? was : -1;
            }
        }
        return learnLocked(key, port, now, agingNanos, mayMove);
    }

    /** {@link #learn} for a new entry or a move: under the lock, but for a full table. */
    private int learnLocked(long key, int port, long now, long agingNanos, boolean mayMove) {
        long stamp = lock.tryOptimisticRead();
        if (find(key) < 0 && size >= maxEntries && lock.validate(stamp)) {
            // full: a flood of new sources is refused without serialising the receive threads
            refusedFull.increment();
            return -1;
        }
        boolean moved = false;
        stamp = lock.writeLock();
        try {
            int i = find(key);
            if (i >= 0) {
                int was = fixed[i] || now - seen[i] <= agingNanos ? ports[i] : -1;
                if (fixed[i] || (ports[i] != port && !mayMove)) {
                    return was;
                }
                if (ports[i] != port) {
                    moves.increment();
                    ports[i] = port;
                    moved = true;
                }
                seen[i] = now;
                return was;
            }
            if (size >= maxEntries) {
                refusedFull.increment();
                return -1;
            }
            insert(key, port, now, false);
            learned.increment();
            return -1;
        } finally {
            lock.unlockWrite(stamp);
            if (moved) {
                forgot(key);
            }
        }
    }

    /** Adds or replaces a static entry (never aged, never moved by learning). */
    void putStatic(int vid, long mac, int port) {
        long key = key(vid, mac);
        boolean changed = false;
        long stamp = lock.writeLock();
        try {
            int i = find(key);
            if (i >= 0) {
                changed = ports[i] != port;
                ports[i] = port;
                fixed[i] = true;
            } else {
                insert(key, port, 0, true);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
        if (changed) {
            forgot(key);
        }
    }

    private void insert(long key, int port, long now, boolean isStatic) {
        int i = home(key);
        while (keys[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        ports[i] = port;
        seen[i] = now;
        fixed[i] = isStatic;
        size++;
    }

    /** Removes slot i and shifts the following cluster back so that no probe chain breaks. */
    private void removeAt(int i) {
        keys[i] = EMPTY;
        size--;
        int hole = i;
        int j = (i + 1) & mask;
        while (keys[j] != EMPTY) {
            int h = home(keys[j]);
            // move j into the hole if its home is not in (hole, j]
            boolean stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
            if (!stays) {
                keys[hole] = keys[j];
                ports[hole] = ports[j];
                seen[hole] = seen[j];
                fixed[hole] = fixed[j];
                keys[j] = EMPTY;
                hole = j;
            }
            j = (j + 1) & mask;
        }
    }

    /** Removes learned entries older than {@code agingNanos}; returns how many. */
    int age(long now, long agingNanos) {
        return removeIf(i -> !fixed[i] && now - seen[i] > agingNanos, true);
    }

    /** Removes learned entries of one VLAN (-1: all) on one port (-1: all); returns how many. */
    int flush(int vid, int port) {
        return removeIf(i -> !fixed[i] && (vid < 0 || (int) (keys[i] >>> 48) - 1 == vid)
                && (port < 0 || ports[i] == port), false);
    }

    /** Removes the static entries (before the configured ones are put again). */
    int forgetStatics() {
        return removeIf(i -> fixed[i], false);
    }

    private int removeIf(java.util.function.IntPredicate doomed, boolean aging) {
        boolean tell = forgetting != null;
        List<Long> gone = tell ? new ArrayList<>() : null;
        long stamp = lock.writeLock();
        try {
            int removed = 0;
            // removing shifts entries backwards: rescan a slot after a removal
            for (int i = 0; i <= mask; i++) {
                while (keys[i] != EMPTY && doomed.test(i)) {
                    if (tell) {
                        gone.add(keys[i]);
                    }
                    removeAt(i);
                    removed++;
                }
            }
            if (aging) {
                aged.add(removed);
            }
            return removed;
        } finally {
            lock.unlockWrite(stamp);
            if (tell) {
                gone.forEach(this::forgot);
            }
        }
    }

    List<FdbEntry> entries(long now, IntFunction<String> portName) {
        List<FdbEntry> out = new ArrayList<>();
        long stamp = lock.readLock();
        try {
            for (int i = 0; i <= mask; i++) {
                if (keys[i] != EMPTY) {
                    int vid = (int) (keys[i] >>> 48) - 1;
                    long mac = keys[i] & 0xFFFF_FFFF_FFFFL;
                    long age = fixed[i] ? 0 : Math.max(0, (now - seen[i]) / 1_000_000_000L);
                    out.add(new FdbEntry(vid, MacAddress.format(mac), portName.apply(ports[i]), fixed[i], age));
                }
            }
        } finally {
            lock.unlockRead(stamp);
        }
        // formatted MACs have a fixed width, so their text order is their numeric order
        out.sort(Comparator.comparingInt(FdbEntry::vlan).thenComparing(FdbEntry::mac));
        return out;
    }

    int size() {
        long stamp = lock.readLock();
        try {
            return size;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    FdbStats stats() {
        return new FdbStats(size(), maxEntries, learned.sum(), moves.sum(), refusedFull.sum(), aged.sum());
    }
}
