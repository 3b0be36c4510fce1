package org.openevb.acl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.policy.PacketFilter;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ip.IpHeaderView;

/**
 * One rule set compiled for the data path, immutable but for its counters. Each field some rule
 * matches on is one dimension: its values are cut into intervals at every rule's range bounds,
 * and each interval holds the bit set of the rules that accept it (rules that do not look at the
 * field are in every interval, and alone in the one for a frame that lacks the field). Deciding a
 * frame is one binary search per such field and an AND of the bit sets; the lowest bit left is the
 * first rule that matches (count rules are counted on the way). The cost grows with the fields in
 * use and the logarithm of the rules, not with the rules; nothing is allocated.
 */
final class CompiledAcl {

    /** Most rules: the bit sets are {@value #WORDS} longs. */
    static final int MAX_RULES = 256;
    private static final int WORDS = MAX_RULES / 64;

    private static final byte PERMIT = 0;
    private static final byte DENY = 1;
    private static final byte COUNT = 2;

    final AclSettings settings;
    /** Per rule: its frames, shared with the next table while the rule stays the same. */
    final LongAdder[] counters;
    final LongAdder defaultCounter;
    private final byte[] actions;
    private final boolean defaultPermit;
    private final long[] all = new long[WORDS];
    private final Dimension[] dimensions;

    /** Fields of at most this many values are looked up in a table by value instead of searched. */
    private static final long DIRECT_MAX = 0xFFFF;

    /**
     * One field's intervals: {@code starts} in signed order of the unsigned values, bits per
     * interval; for a field of at most 16 bits (EtherType, VID, PCP, protocol, ports, TCP flags),
     * also the interval of every value, so no search is needed.
     */
    private static final class Dimension {
        final int field;
        final long[] starts;
        final long[] bits;
        final long[] absent = new long[WORDS];
        /** Per value, the index into {@link #bits} of its interval (at most 4 x 513); null for wide fields. */
        final char[] direct;

        Dimension(int field, long[] starts, long[] bits, long max) {
            this.field = field;
            this.starts = starts;
            this.bits = bits;
            if (max >= 0 && max <= DIRECT_MAX) { // 64-bit fields have max -1
                direct = new char[(int) max + 1];
                for (int v = 0; v <= max; v++) {
                    direct[v] = (char) search(v);
                }
            } else {
                direct = null;
            }
        }

        /** Index into {@link #bits} of the interval holding the unsigned {@code value}. */
        int find(long value) {
            char[] d = direct;
            return d != null ? d[(int) value] : search(value);
        }

        private int search(long value) {
            long key = value ^ Long.MIN_VALUE;
            int lo = 0;
            int hi = starts.length - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (starts[mid] <= key) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo * WORDS;
        }
    }

    /**
     * Compiles {@code settings} (valid), with the rules' counters as given (same index as the
     * rules) and the default action's.
     */
    CompiledAcl(AclSettings settings, LongAdder[] counters, LongAdder defaultCounter) {
        List<AclRule> rules = settings.rules();
        if (rules.size() > MAX_RULES || counters.length != rules.size()) {
            throw new IllegalArgumentException(rules.size() + " rules, " + counters.length + " counters");
        }
        this.settings = settings;
        this.counters = counters;
        this.defaultCounter = defaultCounter;
        this.defaultPermit = settings.defaultPermit();
        this.actions = new byte[rules.size()];
        for (int r = 0; r < rules.size(); r++) {
            actions[r] = switch (rules.get(r).action()) {
                case PERMIT -> PERMIT;
                case DENY -> DENY;
                case COUNT -> COUNT;
            };
            all[r >>> 6] |= 1L << r;
        }
        List<Dimension> dims = new ArrayList<>();
        for (Field f : Field.ALL) {
            if (rules.stream().anyMatch(r -> r.constrains(f))) {
                dims.add(dimension(f, rules));
            }
        }
        this.dimensions = dims.toArray(Dimension[]::new);
    }

    private Dimension dimension(Field f, List<AclRule> rules) {
        TreeSet<Long> bounds = new TreeSet<>(Long::compareUnsigned);
        bounds.add(0L);
        for (AclRule r : rules) {
            long[] ranges = r.ranges()[f.ordinal()];
            for (int i = 0; ranges != null && i < ranges.length; i += 2) {
                bounds.add(ranges[i]);
                if (ranges[i + 1] != -1L) {
                    bounds.add(ranges[i + 1] + 1);
                }
            }
        }
        long[] starts = new long[bounds.size()];
        long[] bits = new long[bounds.size() * WORDS];
        int k = 0;
        for (long start : bounds) {
            starts[k] = start ^ Long.MIN_VALUE;
            for (int r = 0; r < rules.size(); r++) {
                if (rules.get(r).accepts(f, start)) {
                    bits[k * WORDS + (r >>> 6)] |= 1L << r;
                }
            }
            k++;
        }
        Dimension d = new Dimension(f.ordinal(), starts, bits, f.max);
        for (int r = 0; r < rules.size(); r++) {
            if (!rules.get(r).constrains(f)) {
                d.absent[r >>> 6] |= 1L << r;
            }
        }
        return d;
    }

    /** Decides one frame and counts the rules that matched it up to the deciding one, or the default. */
    int decide(EthernetHeaderView eth, IpHeaderView ip, int vid) {
        long a0 = all[0];
        long a1 = all[1];
        long a2 = all[2];
        long a3 = all[3];
        int version = ip.version();
        for (Dimension d : dimensions) {
            long v;
            boolean present = true;
            switch (d.field) {
                case 0 -> v = eth.source();
                case 1 -> v = eth.destination();
                case 2 -> v = eth.etherType();
                case 3 -> v = vid;
                case 4 -> v = Math.max(eth.tagCount() > 0 ? eth.outerPcp() : 0, 0);
                case 5 -> {
                    v = ip.source4() & 0xFFFF_FFFFL;
                    present = version == 4;
                }
                case 6 -> {
                    v = ip.destination4() & 0xFFFF_FFFFL;
                    present = version == 4;
                }
                case 7 -> {
                    v = ip.source6High();
                    present = version == 6;
                }
                case 8 -> {
                    v = ip.source6Low();
                    present = version == 6;
                }
                case 9 -> {
                    v = ip.destination6High();
                    present = version == 6;
                }
                case 10 -> {
                    v = ip.destination6Low();
                    present = version == 6;
                }
                case 11 -> {
                    v = ip.protocol();
                    present = v >= 0;
                }
                case 12 -> {
                    v = ip.sourcePort();
                    present = v >= 0;
                }
                case 13 -> {
                    v = ip.destinationPort();
                    present = v >= 0;
                }
                default -> {
                    v = ip.tcpFlags();
                    present = v >= 0;
                }
            }
            if (present) {
                int at = d.find(v);
                long[] b = d.bits;
                a0 &= b[at];
                a1 &= b[at + 1];
                a2 &= b[at + 2];
                a3 &= b[at + 3];
            } else {
                long[] b = d.absent;
                a0 &= b[0];
                a1 &= b[1];
                a2 &= b[2];
                a3 &= b[3];
            }
            if ((a0 | a1 | a2 | a3) == 0) {
                break;
            }
        }
        int decided = scan(a0, 0);
        if (decided < 0) {
            decided = scan(a1, 64);
        }
        if (decided < 0) {
            decided = scan(a2, 128);
        }
        if (decided < 0) {
            decided = scan(a3, 192);
        }
        if (decided >= 0) {
            return decided;
        }
        defaultCounter.increment();
        return defaultPermit ? PacketFilter.PERMIT : PacketFilter.DENY;
    }

    /** Counts the matching rules of one word in order up to a permit or deny: its verdict, or -1. */
    private int scan(long word, int base) {
        while (word != 0) {
            int r = base + Long.numberOfTrailingZeros(word);
            counters[r].increment();
            byte a = actions[r];
            if (a != COUNT) {
                return a == PERMIT ? PacketFilter.PERMIT : PacketFilter.DENY;
            }
            word &= word - 1;
        }
        return -1;
    }

    /** Fields in use, for tests and the benchmark's description. */
    int dimensions() {
        return dimensions.length;
    }
}
