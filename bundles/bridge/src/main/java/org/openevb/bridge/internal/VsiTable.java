package org.openevb.bridge.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.VsiCounter;
import org.openevb.api.policy.PacketFilter;
import org.openevb.api.vdp.VsiPolicy;
import org.openevb.api.view.Counters;
import org.openevb.port.virtual.Policer;

/**
 * The VSIs associated on one bridge port, as the data path looks them up: which VSI a (MAC, VID)
 * belongs to, which VSI holds a MAC on any VID, and which VIDs the port's VSIs use. Immutable once
 * built: an association change builds a new table and the bridge swaps it whole, so a frame is
 * judged against one table, never half an update. Lookups are open-addressed probes over arrays
 * and allocate nothing.
 */
final class VsiTable {

    static final int NONE = -1;
    private static final long EMPTY = -1L;
    private static final int VIDS = 4096;

    final boolean enforce;
    private final Slot[] vsis;
    /** Per VSI, what its type applies to its frames, or null for nothing. */
    private final Policy[] policies;
    /** Whether a VSI of the port has an ACL on the frames sent to it: else they are not looked up for it. */
    final boolean outAcls;
    // (VID << 48 | MAC) -> VSI: the MAC/VID and GroupID/MAC/VID filter formats
    private final long[] keys;
    private final int[] values;
    // MAC -> VSI (the first to list it), whatever the VID: a frame of a VSI on a VID it lacks
    private final long[] macKeys;
    private final int[] macValues;
    private final int mask;
    /** VID -> VSI for the filter formats without MACs (VID, GroupID/VID), or null if none. */
    private final int[] byVid;
    /** The VIDs of the port's VSIs, one bit each. */
    private final long[] vids = new long[VIDS / 64];

    /** One entry of a VSI's filter: {@code mac} is -1 for a format without MACs. */
    record Match(long mac, int vid) {
    }

    /**
     * What a VSI's type applies to its frames: its own policer, created at association (or when its
     * rates change) and used under its own lock (a port's receive lanes may police the same VSI at
     * once); and the filters of its ACLs, null for none.
     */
    record Policy(VsiPolicy spec, Policer policer, PacketFilter in, PacketFilter out) {
    }

    /**
     * An associated VSI and its counters; the counters live as long as the association, across
     * tables (another VSI coming or going keeps them).
     */
    static final class Slot {
        private static final VarHandle FRAMES_IN;
        private static final VarHandle BYTES_IN;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                FRAMES_IN = l.findVarHandle(Slot.class, "framesIn", long.class);
                BYTES_IN = l.findVarHandle(Slot.class, "bytesIn", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final String vsiid;
        final List<Match> filter;
        // one writer: frames from the VSI arrive on its port's lane 0, one frame at a time (as
        // Forwarder.Ingress relies on); a plain ordered store, no atomic read-modify-write.
        // The port's other receive lanes, if any, count in the adders.
        private long framesIn;
        private long bytesIn;
        final LongAdder framesInLanes = new LongAdder();
        final LongAdder bytesInLanes = new LongAdder();
        // any ingress port's thread sends to the VSI
        final LongAdder framesOut = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
        final LongAdder deniedOut = new LongAdder();
        final LongAdder[] drops = new LongAdder[BridgeDropReason.values().length];

        Slot(String vsiid, List<Match> filter) {
            this.vsiid = vsiid;
            this.filter = List.copyOf(filter);
            for (int i = 0; i < drops.length; i++) {
                drops[i] = new LongAdder();
            }
        }

        /** A frame of {@code bytes} from the VSI, received on its port's lane {@code lane}. */
        void in(int lane, int bytes) {
            if (lane == 0) {
                FRAMES_IN.setRelease(this, (long) FRAMES_IN.getOpaque(this) + 1);
                BYTES_IN.setRelease(this, (long) BYTES_IN.getOpaque(this) + bytes);
            } else {
                framesInLanes.increment();
                bytesInLanes.add(bytes);
            }
        }

        void out(int bytes) {
            framesOut.increment();
            bytesOut.add(bytes);
        }

        /** A frame to the VSI that its type's egress ACL did not let out. */
        void deniedOut() {
            deniedOut.increment();
        }

        void drop(BridgeDropReason why) {
            drops[why.ordinal()].increment();
        }

        Counters<VsiCounter> counters() {
            return Counters.of(VsiCounter.class, c -> switch (c) {
                case FRAMES_IN -> (long) FRAMES_IN.getAcquire(this) + framesInLanes.sum();
                case BYTES_IN -> (long) BYTES_IN.getAcquire(this) + bytesInLanes.sum();
                case FRAMES_OUT -> framesOut.sum();
                case BYTES_OUT -> bytesOut.sum();
                case FRAMES_OUT_DENIED -> deniedOut.sum();
            });
        }

        Counters<BridgeDropReason> dropCounters() {
            return Counters.of(BridgeDropReason.class, r -> drops[r.ordinal()].sum());
        }
    }

    VsiTable(boolean enforce, List<Slot> slots) {
        this(enforce, slots, java.util.Collections.nCopies(slots.size(), null));
    }

    /** @param policies per slot, its policy or null */
    VsiTable(boolean enforce, List<Slot> slots, List<Policy> policies) {
        this.enforce = enforce;
        this.vsis = slots.toArray(Slot[]::new);
        this.policies = policies.toArray(Policy[]::new);
        boolean out = false;
        for (Policy p : this.policies) {
            out |= p != null && p.out() != null;
        }
        this.outAcls = out;
        int entries = 0;
        boolean vidOnly = false;
        for (Slot s : vsis) {
            entries += s.filter.size();
            for (Match m : s.filter) {
                vidOnly |= m.mac() < 0;
            }
        }
        int capacity = Integer.highestOneBit(Math.max(4, entries * 4 - 1)) << 1; // at most 1/4 full
        mask = capacity - 1;
        keys = new long[capacity];
        values = new int[capacity];
        macKeys = new long[capacity];
        macValues = new int[capacity];
        Arrays.fill(keys, EMPTY);
        Arrays.fill(macKeys, EMPTY);
        byVid = vidOnly ? new int[VIDS] : null;
        if (byVid != null) {
            Arrays.fill(byVid, NONE);
        }
        for (int v = 0; v < vsis.length; v++) {
            for (Match m : vsis[v].filter) {
                int vid = m.vid() & 0xFFF;
                vids[vid >>> 6] |= 1L << vid;
                if (m.mac() < 0) {
                    if (byVid[vid] == NONE) {
                        byVid[vid] = v;
                    }
                } else {
                    put(keys, values, (long) vid << 48 | m.mac(), v);
                    put(macKeys, macValues, m.mac(), v);
                }
            }
        }
    }

    /** The VSI whose filter has ({@code mac}, {@code vid}), or {@link #NONE}. */
    int match(long mac, int vid) {
        int v = get(keys, values, (long) vid << 48 | mac);
        if (v == NONE && byVid != null) {
            v = byVid[vid & 0xFFF];
        }
        return v;
    }

    /** The VSI that lists {@code mac} in its filter on any VID, or {@link #NONE}. */
    int owner(long mac) {
        return get(macKeys, macValues, mac);
    }

    /** Whether a VSI of the port uses {@code vid}: the VID joins the port. */
    boolean hasVid(int vid) {
        return (vids[(vid & 0xFFF) >>> 6] & 1L << vid) != 0;
    }

    Slot slot(int index) {
        return vsis[index];
    }

    /** The policy of the VSI at {@code index}, or null. */
    Policy policy(int index) {
        return policies[index];
    }

    int size() {
        return vsis.length;
    }

    private void put(long[] k, int[] val, long key, int v) {
        int i = index(key);
        while (k[i] != EMPTY) {
            if (k[i] == key) {
                return; // the first VSI to list it keeps it (the registry keeps MACs unique anyway)
            }
            i = (i + 1) & mask;
        }
        k[i] = key;
        val[i] = v;
    }

    private int get(long[] k, int[] val, long key) {
        int i = index(key);
        long at;
        while ((at = k[i]) != EMPTY) {
            if (at == key) {
                return val[i];
            }
            i = (i + 1) & mask;
        }
        return NONE;
    }

    private int index(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & mask;
    }
}
