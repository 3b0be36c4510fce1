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
 * frame is one table lookup per such field (a wide field's value searched only where a bound falls
 * inside its block) and an AND of the bit sets; the lowest bit left is the first rule that matches
 * (count rules are counted on the way). The cost grows with the fields in use, not with the
 * rules; nothing is allocated.
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
    /** Longs per bit set: 2 up to 128 rules (a second word costs less than a third way to decide), else 4. */
    private final int words;
    /**
     * Per class of frame (see {@link #classOf}): the rules that can match such a frame at all, and
     * the fields left to look at. A class fixes the EtherType (and for TCP and UDP the protocol)
     * and which fields a frame lacks, so rules that contradict it are dropped and those fields need
     * no lookup: an IPv4 TCP frame is never looked at for IPv6 addresses or UDP-only ports.
     */
    private final long[][] initial = new long[CLASSES][WORDS];
    private final Dimension[][] dimensions = new Dimension[CLASSES][];
    /** The same per class by field ({@link Field#ordinal()}), null for the fields not looked at. */
    private final Dimension[][] byClassAndField = new Dimension[CLASSES][Field.ALL.length];

    /** Not IP (or IP that could not be read), then IPv4 TCP, UDP, other, then IPv6 TCP, UDP, other. */
    private static final int CLASSES = 7;

    /** Fields of at most this many values are looked up in a table by value instead of searched. */
    private static final long DIRECT_MAX = 0xFFFF;
    /** In a {@link Dimension#table}: the block's intervals are searched (above any index into the bits, at most 4 x 514). */
    private static final int SEARCH = 0x8000;

    /**
     * One field's intervals: {@code starts} in signed order of the unsigned values, bits per
     * interval, and a table by value that finds most intervals without a search.
     */
    private static final class Dimension {
        final int field;
        final long[] starts;
        final long[] bits;
        /** Longs per interval in {@link #bits}: as many as the rules need (1, 2 or 4). */
        final int stride;
        /**
         * Indexed by the value shifted right by {@link #shift}, plus one. For a field of at most 16
         * bits (EtherType, VID, PCP, protocol, ports, TCP flags; shift 0), every value's interval,
         * and at 0 that of the absent field ({@link IpHeaderView#NONE} is -1). For a wider field
         * (MACs, IPv4 addresses, IPv6 halves), per value of its upper 16 bits: a block without a
         * bound inside (an IPv4 /16, a MAC's first two bytes) its interval, a block with bounds
         * {@link #SEARCH} plus where in {@link #spans} its intervals are, to search among those
         * only. An interval is given as its index into {@link #bits}. One lookup for both kinds
         * keeps the decision's loop short.
         */
        final char[] table;
        /** How far a value is shifted right for its index into {@link #table}. */
        final int shift;
        /** For each block with bounds inside: its first and last interval. */
        final char[] spans;

        Dimension(int field, long[] starts, long[] bits, long max, int stride) {
            this.field = field;
            this.starts = starts;
            this.bits = bits;
            this.stride = stride;
            if (max >= 0 && max <= DIRECT_MAX) { // 64-bit fields have max -1
                shift = 0;
                table = new char[(int) max + 2];
                table[0] = (char) (starts.length * stride); // the absent field's rules
                for (int v = 0; v <= max; v++) {
                    table[v + 1] = (char) (search(v ^ Long.MIN_VALUE, 0, starts.length) * stride);
                }
                spans = new char[0];
            } else {
                shift = 64 - Long.numberOfLeadingZeros(max) - 16;
                table = new char[(1 << 16) + 1];
                char[] found = new char[2 * starts.length];
                int n = 0;
                for (int h = 0; h < 1 << 16; h++) {
                    int first = search(((long) h << shift) ^ Long.MIN_VALUE, 0, starts.length);
                    int last = search((((long) h << shift) + (1L << shift) - 1) ^ Long.MIN_VALUE, first,
                            starts.length - first);
                    if (first == last) {
                        table[h + 1] = (char) (first * stride);
                    } else {
                        table[h + 1] = (char) (SEARCH | n / 2);
                        found[n++] = (char) first;
                        found[n++] = (char) last;
                    }
                }
                spans = java.util.Arrays.copyOf(found, n);
            }
        }

        /**
         * Index into {@link #bits} of the interval holding the unsigned {@code value}, or of the
         * absent field for a narrow field's -1 (a wide field is never absent in a class that looks
         * at it).
         */
        int at(long value) {
            int e = table[(int) (value >>> shift) + 1];
            return e < SEARCH ? e : within(value, e - SEARCH);
        }

        /** The interval of {@code value} in the block of span {@code k}, searched. */
        private int within(long value, int k) {
            int first = spans[2 * k];
            return search(value ^ Long.MIN_VALUE, first, spans[2 * k + 1] - first + 1) * stride;
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
        this.words = rules.size() <= 128 ? 2 : 4;
        for (int r = 0; r < rules.size(); r++) {
            actions[r] = switch (rules.get(r).action()) {
                case PERMIT -> PERMIT;
                case DENY -> DENY;
                case COUNT -> COUNT;
            };
        }
        Dimension[] byField = new Dimension[Field.ALL.length];
        for (int c = 0; c < CLASSES; c++) {
            List<AclRule> possible = new ArrayList<>();
            for (int r = 0; r < rules.size(); r++) {
                if (possible(rules.get(r), c)) {
                    initial[c][r >>> 6] |= 1L << r;
                    possible.add(rules.get(r));
                }
            }
            List<Dimension> dims = new ArrayList<>();
            for (Field f : Field.ALL) {
                if (lookedAt(f, c) && possible.stream().anyMatch(r -> r.constrains(f))) {
                    if (byField[f.ordinal()] == null) {
                        byField[f.ordinal()] = dimension(f, rules);
                    }
                    dims.add(byField[f.ordinal()]);
                    byClassAndField[c][f.ordinal()] = byField[f.ordinal()];
                }
            }
            dimensions[c] = dims.toArray(Dimension[]::new);
        }
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
        if (p == 0 && !r.accepts(Field.PROTOCOL, IpHeaderView.TCP) || p == 1 && !r.accepts(Field.PROTOCOL, IpHeaderView.UDP)) {
            return false;
        }
        return p == 0 || !r.constrains(Field.TCP_FLAGS); // only TCP frames carry flags
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
        int stride = words;
        long[] bits = new long[(bounds.size() + 1) * stride]; // the last interval: the field absent
        int k = 0;
        for (long start : bounds) {
            starts[k] = start ^ Long.MIN_VALUE;
            for (int r = 0; r < rules.size(); r++) {
                if (rules.get(r).accepts(f, start)) {
                    bits[k * stride + (r >>> 6)] |= 1L << r;
                }
            }
            k++;
        }
        for (int r = 0; r < rules.size(); r++) {
            if (!rules.get(r).constrains(f)) {
                bits[bounds.size() * stride + (r >>> 6)] |= 1L << r;
            }
        }
        Dimension d = new Dimension(f.ordinal(), starts, bits, f.max, stride);
        return d;
    }

    /** Decides one frame and counts the rules that matched it up to the deciding one, or the default. */
    int decide(EthernetHeaderView eth, IpHeaderView ip, int vid) {
        int c = classOf(ip.version(), ip.protocol());
        int decided = words == 2 ? decide2(c, eth, ip, vid) : decide4(c, eth, ip, vid);
        if (decided >= 0) {
            return decided;
        }
        defaultCounter.increment();
        return defaultPermit ? PacketFilter.PERMIT : PacketFilter.DENY;
    }

    /**
     * Up to 128 rules: each field the class looks at, in a fixed order, straight from the frame.
     * Written out rather than looped over a list of fields: the loop's dispatch on the field cost
     * more than the lookups themselves.
     */
    private int decide2(int c, EthernetHeaderView eth, IpHeaderView ip, int vid) {
        Dimension[] f = byClassAndField[c];
        long[] start = initial[c];
        long a0 = start[0];
        long a1 = start[1];
        Dimension d;
        if ((d = f[0]) != null) { // SOURCE_MAC
            int at = d.at(eth.source());
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[1]) != null) { // DESTINATION_MAC
            int at = d.at(eth.destination());
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[2]) != null) { // ETHER_TYPE
            int at = d.at(eth.etherType());
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[3]) != null) { // VID
            int at = d.at(vid);
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[4]) != null) { // PCP
            int at = d.at(Math.max(eth.outerPcp(), 0));
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[5]) != null) { // SOURCE_IPV4
            int at = d.at(ip.source4() & 0xFFFF_FFFFL);
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[6]) != null) { // DESTINATION_IPV4
            int at = d.at(ip.destination4() & 0xFFFF_FFFFL);
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[7]) != null) { // SOURCE_IPV6_HIGH
            int at = d.at(ip.source6High());
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[8]) != null) { // SOURCE_IPV6_LOW
            int at = d.at(ip.source6Low());
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[9]) != null) { // DESTINATION_IPV6_HIGH
            int at = d.at(ip.destination6High());
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[10]) != null) { // DESTINATION_IPV6_LOW
            int at = d.at(ip.destination6Low());
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[11]) != null) { // PROTOCOL
            int at = d.at(ip.protocol());
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[12]) != null) { // SOURCE_PORT
            int at = d.at(ip.sourcePort());
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[13]) != null) { // DESTINATION_PORT
            int at = d.at(ip.destinationPort());
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        if ((d = f[14]) != null) { // TCP_FLAGS
            int at = d.at(ip.tcpFlags());
            a0 &= d.bits[at];
            a1 &= d.bits[at + 1];
        }
        int decided = scan(a0, 0);
        return decided >= 0 ? decided : scan(a1, 64);
    }

    /** More than 128 rules: the fields the class looks at, in a loop. */
    private int decide4(int c, EthernetHeaderView eth, IpHeaderView ip, int vid) {
        long[] start = initial[c];
        long a0 = start[0];
        long a1 = start[1];
        long a2 = start[2];
        long a3 = start[3];
        Dimension[] dims = dimensions[c];
        for (int i = 0; i < dims.length && (a0 | a1 | a2 | a3) != 0; i++) {
            Dimension d = dims[i];
            int at = d.at(value(d.field, eth, ip, vid));
            long[] b = d.bits;
            a0 &= b[at];
            a1 &= b[at + 1];
            a2 &= b[at + 2];
            a3 &= b[at + 3];
        }
        int decided = scan(a0, 0);
        if (decided < 0) {
            decided = scan(a1, 64);
        }
        if (decided < 0) {
            decided = scan(a2, 128);
        }
        return decided >= 0 ? decided : scan(a3, 192);
    }

    /**
     * The frame's value of field {@code f}, unsigned; -1 for a narrow field the frame lacks. A
     * wide field is only looked at in the classes whose frames carry it ({@link #lookedAt}).
     */
    private static long value(int f, EthernetHeaderView eth, IpHeaderView ip, int vid) {
        return switch (f) {
            case 0 -> eth.source();
            case 1 -> eth.destination();
            case 2 -> eth.etherType();
            case 3 -> vid;
            case 4 -> Math.max(eth.outerPcp(), 0);
            case 5 -> ip.source4() & 0xFFFF_FFFFL;
            case 6 -> ip.destination4() & 0xFFFF_FFFFL;
            case 7 -> ip.source6High();
            case 8 -> ip.source6Low();
            case 9 -> ip.destination6High();
            case 10 -> ip.destination6Low();
            case 11 -> ip.protocol();
            case 12 -> ip.sourcePort();
            case 13 -> ip.destinationPort();
            default -> ip.tcpFlags();
        };
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
        return java.util.Arrays.stream(dimensions).mapToInt(d -> d.length).max().orElse(0);
    }
}
