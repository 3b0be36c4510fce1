package org.openevb.acl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.openevb.api.policy.PacketFilter;
import org.openevb.api.view.ThreadOwnedCounter;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ip.IpHeaderView;

/**
 * One rule set compiled for the data path, immutable but for its counters. Each field some rule
 * matches on is cut into intervals at every rule's range bounds ({@link Intervals}, shared by all
 * frames). A frame first falls into a class (not IP; IPv4 or IPv6, each TCP, UDP or other), which
 * fixes its EtherType, often its protocol, and which fields it carries: the class keeps only the
 * rules that can match such a frame, numbered again from 0 in their order, and per field it must
 * look at, the bit set of those rules each interval holds ({@link ClassTable}). Deciding a frame is
 * one lookup per such field and an AND of the bit sets; the lowest bit left is the first rule
 * that matches (count rules are counted on the way). With at most 64 rules in the frame's class,
 * a bit set is one {@code long}. The cost grows with the fields in use, not with the rules;
 * nothing is allocated.
 */
final class CompiledAcl {

    /** Most rules: a class's bit sets are at most {@value #WORDS} longs. */
    static final int MAX_RULES = 256;
    private static final int WORDS = MAX_RULES / 64;

    private static final byte PERMIT = 0;
    private static final byte DENY = 1;
    private static final byte COUNT = 2;

    /** Not IP (or IP that could not be read), then IPv4 TCP, UDP, other, then IPv6 TCP, UDP, other. */
    private static final int CLASSES = 7;

    /** Fields of at most this many values are looked up in a table by value instead of searched. */
    private static final long DIRECT_MAX = 0xFFFF;
    /** In an {@link Intervals#table}: the block's intervals are searched (above any interval, at most 2 x 514 + 1). */
    private static final int SEARCH = 0x8000;

    final AclSettings settings;
    /** Per rule: its frames, shared with the next table while the rule stays the same. */
    final ThreadOwnedCounter[] counters;
    final ThreadOwnedCounter defaultCounter;
    private final boolean defaultPermit;
    private final ClassTable[] classes = new ClassTable[CLASSES];

    /**
     * One field's values cut into intervals: {@code starts} in signed order of the unsigned values,
     * and a table by value that finds most intervals without a search. Interval {@link #count} is
     * the field absent from the frame.
     */
    private static final class Intervals {
        final long[] starts;
        /** Intervals of values, the absent field's comes after them. */
        final int count;
        /**
         * Indexed by the value shifted right by {@link #shift}, plus one. For a field of at most 16
         * bits (EtherType, VID, PCP, protocol, ports, TCP flags; shift 0), every value's interval,
         * and at 0 that of the absent field ({@link IpHeaderView#NONE} is -1). For a wider field
         * (MACs, IPv4 addresses, IPv6 halves), per value of its upper 16 bits: a block without a
         * bound inside (an IPv4 /16, a MAC's first two bytes) its interval, a block with bounds
         * {@link #SEARCH} plus where in {@link #spans} its intervals are, to search among those
         * only.
         */
        final char[] table;
        /** How far a value is shifted right for its index into {@link #table}. */
        final int shift;
        /** For each block with bounds inside: its first and last interval. */
        final char[] spans;

        Intervals(long[] starts, long max) {
            this.starts = starts;
            this.count = starts.length;
            if (max >= 0 && max <= DIRECT_MAX) { // 64-bit fields have max -1
                shift = 0;
                table = new char[(int) max + 2];
                table[0] = (char) count;
                for (int v = 0; v <= max; v++) {
                    table[v + 1] = (char) search(v ^ Long.MIN_VALUE, 0, count);
                }
                spans = new char[0];
            } else {
                shift = 64 - Long.numberOfLeadingZeros(max) - 16;
                table = new char[(1 << 16) + 1];
                char[] found = new char[2 * count];
                int n = 0;
                for (int h = 0; h < 1 << 16; h++) {
                    int first = search(((long) h << shift) ^ Long.MIN_VALUE, 0, count);
                    int last = search((((long) h << shift) + (1L << shift) - 1) ^ Long.MIN_VALUE, first, count - first);
                    if (first == last) {
                        table[h + 1] = (char) first;
                    } else {
                        table[h + 1] = (char) (SEARCH | n / 2);
                        found[n++] = (char) first;
                        found[n++] = (char) last;
                    }
                }
                spans = java.util.Arrays.copyOf(found, n);
            }
        }

        /** The interval of {@code value} in the block of span {@code k}, searched. */
        int within(long value, int k) {
            int first = spans[2 * k];
            return search(value ^ Long.MIN_VALUE, first, spans[2 * k + 1] - first + 1);
        }

        /**
         * The interval among {@code n} from {@code base} whose start is the last at or below
         * {@code key} (a value in signed order), without a data-dependent branch to mispredict.
         */
        private int search(long key, int base, int n) {
            while (n > 1) {
                int half = n >>> 1;
                base = starts[base + half] <= key ? base + half : base;
                n -= half;
            }
            return base;
        }
    }

    /**
     * One field as a class looks at it: the field's intervals and, per interval, the bit set of the
     * class's rules that accept it ({@code words} longs each). The interval table and its shift are
     * copied in for one load less per frame.
     */
    private static final class Lookup {
        final Intervals intervals;
        final char[] table;
        final int shift;
        final long[] bits;

        Lookup(Intervals intervals, long[] bits) {
            this.intervals = intervals;
            this.table = intervals.table;
            this.shift = intervals.shift;
            this.bits = bits;
        }

        /**
         * The interval of a field's unsigned value, searched in its block if need be (a narrow
         * field's -1, absent, is at index 0 and never searched).
         */
        int wide(long value) {
            int e = table[(int) (value >>> shift) + 1];
            return e < SEARCH ? e : intervals.within(value, e - SEARCH);
        }

        /** The interval of a narrow field's value, -1 (absent) included: never searched. */
        int narrow(int value) {
            return table[value + 1];
        }
    }

    /**
     * A class of frame's rules, numbered from 0 in their order, and the fields it looks at; null
     * for a field whose every interval holds the same rules (their bits are in {@link #initial}).
     */
    private static final class ClassTable {
        /** Longs per bit set: 1 up to 64 rules, else {@value #WORDS}. */
        final int words;
        final long[] initial;
        final byte[] actions;
        final ThreadOwnedCounter[] counters;
        final Lookup[] lookups;
        final Lookup sourceMac;
        final Lookup destinationMac;
        final Lookup etherType;
        final Lookup vid;
        final Lookup pcp;
        final Lookup source4;
        final Lookup destination4;
        final Lookup source6High;
        final Lookup source6Low;
        final Lookup destination6High;
        final Lookup destination6Low;
        final Lookup protocol;
        final Lookup sourcePort;
        final Lookup destinationPort;
        final Lookup tcpFlags;

        ClassTable(int words, long[] initial, byte[] actions, ThreadOwnedCounter[] counters, Lookup[] byField) {
            this.words = words;
            this.initial = initial;
            this.actions = actions;
            this.counters = counters;
            this.lookups = java.util.Arrays.stream(byField).filter(java.util.Objects::nonNull).toArray(Lookup[]::new);
            sourceMac = byField[Field.SOURCE_MAC.ordinal()];
            destinationMac = byField[Field.DESTINATION_MAC.ordinal()];
            etherType = byField[Field.ETHER_TYPE.ordinal()];
            vid = byField[Field.VID.ordinal()];
            pcp = byField[Field.PCP.ordinal()];
            source4 = byField[Field.SOURCE_IPV4.ordinal()];
            destination4 = byField[Field.DESTINATION_IPV4.ordinal()];
            source6High = byField[Field.SOURCE_IPV6_HIGH.ordinal()];
            source6Low = byField[Field.SOURCE_IPV6_LOW.ordinal()];
            destination6High = byField[Field.DESTINATION_IPV6_HIGH.ordinal()];
            destination6Low = byField[Field.DESTINATION_IPV6_LOW.ordinal()];
            protocol = byField[Field.PROTOCOL.ordinal()];
            sourcePort = byField[Field.SOURCE_PORT.ordinal()];
            destinationPort = byField[Field.DESTINATION_PORT.ordinal()];
            tcpFlags = byField[Field.TCP_FLAGS.ordinal()];
        }
    }

    /**
     * Compiles {@code settings} (valid), with the rules' counters as given (same index as the
     * rules) and the default action's.
     */
    CompiledAcl(AclSettings settings, ThreadOwnedCounter[] counters, ThreadOwnedCounter defaultCounter) {
        List<AclRule> rules = settings.rules();
        if (rules.size() > MAX_RULES || counters.length != rules.size()) {
            throw new IllegalArgumentException(rules.size() + " rules, " + counters.length + " counters");
        }
        this.settings = settings;
        this.counters = counters;
        this.defaultCounter = defaultCounter;
        this.defaultPermit = settings.defaultPermit();
        Intervals[] byField = new Intervals[Field.ALL.length];
        for (int c = 0; c < CLASSES; c++) {
            List<AclRule> possible = new ArrayList<>();
            List<ThreadOwnedCounter> possibleCounters = new ArrayList<>();
            for (int r = 0; r < rules.size(); r++) {
                if (possible(rules.get(r), c)) {
                    possible.add(rules.get(r));
                    possibleCounters.add(counters[r]);
                }
            }
            int words = possible.size() <= 64 ? 1 : WORDS;
            long[] initial = new long[words];
            byte[] actions = new byte[possible.size()];
            for (int i = 0; i < possible.size(); i++) {
                initial[i >>> 6] |= 1L << i;
                actions[i] = switch (possible.get(i).action()) {
                    case PERMIT -> PERMIT;
                    case DENY -> DENY;
                    case COUNT -> COUNT;
                };
            }
            Lookup[] lookups = new Lookup[Field.ALL.length];
            for (Field f : Field.ALL) {
                if (lookedAt(f, c) && possible.stream().anyMatch(r -> r.constrains(f))) {
                    if (byField[f.ordinal()] == null) {
                        byField[f.ordinal()] = intervals(f, rules);
                    }
                    Intervals in = byField[f.ordinal()];
                    long[] bits = bits(f, in, possible, words);
                    if (alike(bits, in.count + (f.max < 0 || f.max > DIRECT_MAX ? 0 : 1), words)) {
                        for (int w = 0; w < words; w++) {
                            initial[w] &= bits[w]; // every frame of the class: no lookup
                        }
                    } else {
                        lookups[f.ordinal()] = new Lookup(in, bits);
                    }
                }
            }
            classes[c] = new ClassTable(words, initial, actions, possibleCounters.toArray(ThreadOwnedCounter[]::new), lookups);
        }
    }

    /**
     * Whether the first {@code n} bit sets are all the same. A wide field is never absent from
     * the frames of a class that looks at it, so only its intervals of values count.
     */
    private static boolean alike(long[] bits, int n, int words) {
        for (int i = 1; i < n; i++) {
            for (int w = 0; w < words; w++) {
                if (bits[i * words + w] != bits[w]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The class of a frame: 0 not IP, 1-3 IPv4 TCP, UDP, other, 4-6 IPv6 TCP, UDP, other. */
    private static int classOf(int version, int protocol) {
        int p = protocol == IpHeaderView.TCP ? 1 : protocol == IpHeaderView.UDP ? 2 : 3;
        return version == 4 ? p : version == 6 ? 3 + p : 0;
    }

    /** Whether a rule can match some frame of class {@code c}. */
    private static boolean possible(AclRule r, int c) {
        boolean ip = c > 0;
        boolean v4 = c >= 1 && c <= 3;
        boolean v6 = c >= 4;
        int p = ip ? (c - 1) % 3 : -1; // 0 TCP, 1 UDP, 2 other
        if (!ip) {
            for (Field f : Field.ALL) {
                if (f.ordinal() >= Field.SOURCE_IPV4.ordinal() && r.constrains(f)) {
                    return false; // needs IP fields a non-IP frame lacks
                }
            }
            return true;
        }
        if (!r.accepts(Field.ETHER_TYPE, v4 ? 0x0800 : 0x86DD)) {
            return false;
        }
        boolean needs4 = r.constrains(Field.SOURCE_IPV4) || r.constrains(Field.DESTINATION_IPV4);
        boolean needs6 = r.constrains(Field.SOURCE_IPV6_HIGH) || r.constrains(Field.SOURCE_IPV6_LOW)
                || r.constrains(Field.DESTINATION_IPV6_HIGH) || r.constrains(Field.DESTINATION_IPV6_LOW);
        if (v4 && needs6 || v6 && needs4) {
            return false;
        }
        if (p == 0 && !r.accepts(Field.PROTOCOL, IpHeaderView.TCP) || p == 1 && !r.accepts(Field.PROTOCOL, IpHeaderView.UDP)
                || p == 2 && onlyTcpOrUdp(r.ranges()[Field.PROTOCOL.ordinal()])) {
            return false;
        }
        return p == 0 || !r.constrains(Field.TCP_FLAGS); // only TCP frames carry flags
    }

    /** Whether protocol ranges hold nothing but TCP and UDP (no frame of an "other" class matches them). */
    private static boolean onlyTcpOrUdp(long[] ranges) {
        if (ranges == null) {
            return false;
        }
        for (int i = 0; i < ranges.length; i += 2) {
            for (long v = ranges[i]; v <= ranges[i + 1]; v++) {
                if (v != IpHeaderView.TCP && v != IpHeaderView.UDP) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether field {@code f} varies among frames of class {@code c} (else {@link #possible} settled it). */
    private static boolean lookedAt(Field f, int c) {
        return switch (f) {
            case SOURCE_MAC, DESTINATION_MAC, VID, PCP -> true;
            case ETHER_TYPE -> c == 0;
            case SOURCE_IPV4, DESTINATION_IPV4 -> c >= 1 && c <= 3;
            case SOURCE_IPV6_HIGH, SOURCE_IPV6_LOW, DESTINATION_IPV6_HIGH, DESTINATION_IPV6_LOW -> c >= 4;
            case PROTOCOL -> c == 3 || c == 6;
            case SOURCE_PORT, DESTINATION_PORT -> c > 0;
            case TCP_FLAGS -> c == 1 || c == 4;
        };
    }

    /** Field {@code f}'s values cut at every bound of every rule's ranges on it. */
    private static Intervals intervals(Field f, List<AclRule> rules) {
        TreeSet<Long> bounds = new TreeSet<>(Long::compareUnsigned);
        bounds.add(0L);
        for (AclRule r : rules) {
            long[] ranges = r.ranges()[f.ordinal()];
            for (int i = 0; ranges != null && i < ranges.length; i += 2) {
                bounds.add(ranges[i]);
                if (ranges[i + 1] != f.max) { // no interval above the field's values: none is ever looked up
                    bounds.add(ranges[i + 1] + 1);
                }
            }
        }
        long[] starts = new long[bounds.size()];
        int k = 0;
        for (long start : bounds) {
            starts[k++] = start ^ Long.MIN_VALUE;
        }
        return new Intervals(starts, f.max);
    }

    /**
     * Per interval of {@code in}, and last for the field absent, the bit set ({@code words} longs)
     * of the class's rules (in their order) that accept it.
     */
    private static long[] bits(Field f, Intervals in, List<AclRule> rules, int words) {
        long[] bits = new long[(in.count + 1) * words];
        for (int k = 0; k < in.count; k++) {
            long start = in.starts[k] ^ Long.MIN_VALUE;
            for (int r = 0; r < rules.size(); r++) {
                if (rules.get(r).accepts(f, start)) {
                    bits[k * words + (r >>> 6)] |= 1L << r;
                }
            }
        }
        for (int r = 0; r < rules.size(); r++) {
            if (!rules.get(r).constrains(f)) {
                bits[in.count * words + (r >>> 6)] |= 1L << r;
            }
        }
        return bits;
    }

    /** Decides one frame and counts the rules that matched it up to the deciding one, or the default. */
    int decide(EthernetHeaderView eth, IpHeaderView ip, int vid) {
        ClassTable t = classes[classOf(ip.version(), ip.protocol())];
        int decided = t.words == 1 ? decide1(t, eth, ip, vid) : decideWide(t, eth, ip, vid);
        if (decided >= 0) {
            return decided;
        }
        defaultCounter.increment();
        return defaultPermit ? PacketFilter.PERMIT : PacketFilter.DENY;
    }

    /**
     * At most 64 rules in the class: one word, each field the class looks at in a fixed order,
     * straight from the frame. Written out rather than looped over a list of fields: the loop's
     * dispatch on the field cost more than the lookups themselves.
     */
    private static int decide1(ClassTable t, EthernetHeaderView eth, IpHeaderView ip, int vid) {
        long a = t.initial[0];
        Lookup l;
        if ((l = t.sourceMac) != null) {
            a &= l.bits[l.wide(eth.source())];
        }
        if ((l = t.destinationMac) != null) {
            a &= l.bits[l.wide(eth.destination())];
        }
        if ((l = t.etherType) != null) {
            a &= l.bits[l.narrow(eth.etherType())];
        }
        if ((l = t.vid) != null) {
            a &= l.bits[l.narrow(vid)];
        }
        if ((l = t.pcp) != null) {
            a &= l.bits[l.narrow(Math.max(eth.outerPcp(), 0))];
        }
        if ((l = t.source4) != null) {
            a &= l.bits[l.wide(ip.source4() & 0xFFFF_FFFFL)];
        }
        if ((l = t.destination4) != null) {
            a &= l.bits[l.wide(ip.destination4() & 0xFFFF_FFFFL)];
        }
        if ((l = t.source6High) != null) {
            a &= l.bits[l.wide(ip.source6High())];
        }
        if ((l = t.source6Low) != null) {
            a &= l.bits[l.wide(ip.source6Low())];
        }
        if ((l = t.destination6High) != null) {
            a &= l.bits[l.wide(ip.destination6High())];
        }
        if ((l = t.destination6Low) != null) {
            a &= l.bits[l.wide(ip.destination6Low())];
        }
        if ((l = t.protocol) != null) {
            a &= l.bits[l.narrow(ip.protocol())];
        }
        if ((l = t.sourcePort) != null) {
            a &= l.bits[l.narrow(ip.sourcePort())];
        }
        if ((l = t.destinationPort) != null) {
            a &= l.bits[l.narrow(ip.destinationPort())];
        }
        if ((l = t.tcpFlags) != null) {
            a &= l.bits[l.narrow(ip.tcpFlags())];
        }
        return scan(t, a, 0);
    }

    /**
     * More than 64 rules in the class: {@value #WORDS} words, the fields written out as in
     * {@link #decide1} (a loop dispatching on each field cost more than the lookups, and a small
     * loop here would be inlined into {@link #decide}, making it too large to be inlined into the
     * bridge's decision in turn).
     */
    private static int decideWide(ClassTable t, EthernetHeaderView eth, IpHeaderView ip, int vid) {
        long[] start = t.initial;
        long a0 = start[0];
        long a1 = start[1];
        long a2 = start[2];
        long a3 = start[3];
        Lookup l;
        int at;
        if ((l = t.sourceMac) != null) {
            at = l.wide(eth.source()) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.destinationMac) != null) {
            at = l.wide(eth.destination()) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.etherType) != null) {
            at = l.narrow(eth.etherType()) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.vid) != null) {
            at = l.narrow(vid) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.pcp) != null) {
            at = l.narrow(Math.max(eth.outerPcp(), 0)) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.source4) != null) {
            at = l.wide(ip.source4() & 0xFFFF_FFFFL) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.destination4) != null) {
            at = l.wide(ip.destination4() & 0xFFFF_FFFFL) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.source6High) != null) {
            at = l.wide(ip.source6High()) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.source6Low) != null) {
            at = l.wide(ip.source6Low()) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.destination6High) != null) {
            at = l.wide(ip.destination6High()) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.destination6Low) != null) {
            at = l.wide(ip.destination6Low()) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.protocol) != null) {
            at = l.narrow(ip.protocol()) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.sourcePort) != null) {
            at = l.narrow(ip.sourcePort()) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.destinationPort) != null) {
            at = l.narrow(ip.destinationPort()) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        if ((l = t.tcpFlags) != null) {
            at = l.narrow(ip.tcpFlags()) * WORDS;
            a0 &= l.bits[at];
            a1 &= l.bits[at + 1];
            a2 &= l.bits[at + 2];
            a3 &= l.bits[at + 3];
        }
        int decided = scan(t, a0, 0);
        if (decided < 0) {
            decided = scan(t, a1, 64);
        }
        if (decided < 0) {
            decided = scan(t, a2, 128);
        }
        return decided >= 0 ? decided : scan(t, a3, 192);
    }

    /**
     * Counts the matching rules of one word of a class in order up to a permit or deny: its
     * verdict, or -1.
     */
    private static int scan(ClassTable t, long word, int base) {
        while (word != 0) {
            int r = base + Long.numberOfTrailingZeros(word);
            t.counters[r].increment();
            byte a = t.actions[r];
            if (a != COUNT) {
                return a == PERMIT ? PacketFilter.PERMIT : PacketFilter.DENY;
            }
            word &= word - 1;
        }
        return -1;
    }

    /** Most fields a class of frame is looked up for, for tests and the benchmark's description. */
    int dimensions() {
        return java.util.Arrays.stream(classes).mapToInt(c -> c.lookups.length).max().orElse(0);
    }
}
