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
    /** Longs per bit set: 1 up to 64 rules, 2 up to 128, else 4. */
    private final int words;
    /**
     * Per class of frame (see {@link #classOf}): the rules that can match such a frame at all, and
     * the fields left to look at. A class fixes the EtherType (and for TCP and UDP the protocol)
     * and which fields a frame lacks, so rules that contradict it are dropped and those fields need
     * no lookup: an IPv4 TCP frame is never looked at for IPv6 addresses or UDP-only ports.
     */
    private final long[][] initial = new long[CLASSES][WORDS];
    private final Dimension[][] dimensions = new Dimension[CLASSES][];

    /** Not IP (or IP that could not be read), then IPv4 TCP, UDP, other, then IPv6 TCP, UDP, other. */
    private static final int CLASSES = 7;

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
        /** Longs per interval in {@link #bits}: as many as the rules need (1, 2 or 4). */
        final int stride;
        /** Index into {@link #bits} of the rules that do not look at the field: for a frame that lacks it. */
        final int absentAt;
        /** Per value, the index into {@link #bits} of its interval (at most 4 x 513); null for wide fields. */
        final char[] direct;
        /**
         * For wider fields (MACs, IPv4 addresses, IPv6 halves), per value of the upper 16 bits, the
         * interval holding the first value with them (one more entry at the end): a block without
         * a bound inside needs no search (an IPv4 /16, a MAC's first two bytes), one with bounds a
         * search among those only. Null for narrow fields.
         */
        final char[] blocks;
        /** How far a value is shifted right for its upper 16 bits. */
        final int shift;

        Dimension(int field, long[] starts, long[] bits, long max, int stride) {
            this.field = field;
            this.starts = starts;
            this.bits = bits;
            this.stride = stride;
            this.absentAt = starts.length * stride;
            if (max >= 0 && max <= DIRECT_MAX) { // 64-bit fields have max -1
                direct = new char[(int) max + 1];
                for (int v = 0; v <= max; v++) {
                    direct[v] = (char) (search(v ^ Long.MIN_VALUE, 0, starts.length) * stride);
                }
                blocks = null;
                shift = 0;
            } else {
                direct = null;
                shift = 64 - Long.numberOfLeadingZeros(max) - 16;
                blocks = new char[(1 << 16) + 1];
                for (int h = 0; h < 1 << 16; h++) {
                    blocks[h] = (char) search(((long) h << shift) ^ Long.MIN_VALUE, 0, starts.length);
                }
                blocks[1 << 16] = (char) (starts.length - 1);
            }
        }

        /** Index into {@link #bits} of the interval holding the unsigned {@code value}. */
        int find(long value) {
            char[] d = direct;
            if (d != null) {
                return d[(int) value];
            }
            char[] b = blocks;
            int h = (int) (value >>> shift);
            int first = b[h];
            int last = b[h + 1];
            return (first == last ? first : search(value ^ Long.MIN_VALUE, first, last - first + 1)) * stride;
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
        this.words = rules.size() <= 64 ? 1 : rules.size() <= 128 ? 2 : 4;
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
        long[] start = initial[c];
        Dimension[] dims = dimensions[c];
        int decided;
        if (words == 1) {
            long a0 = start[0];
            for (int i = 0; i < dims.length && a0 != 0; i++) {
                Dimension d = dims[i];
                a0 &= d.bits[at(d, eth, ip, vid)];
            }
            decided = scan(a0, 0);
        } else if (words == 2) {
            long a0 = start[0];
            long a1 = start[1];
            for (int i = 0; i < dims.length && (a0 | a1) != 0; i++) {
                Dimension d = dims[i];
                int at = at(d, eth, ip, vid);
                long[] b = d.bits;
                a0 &= b[at];
                a1 &= b[at + 1];
            }
            decided = scan(a0, 0);
            if (decided < 0) {
                decided = scan(a1, 64);
            }
        } else {
            long a0 = start[0];
            long a1 = start[1];
            long a2 = start[2];
            long a3 = start[3];
            for (int i = 0; i < dims.length && (a0 | a1 | a2 | a3) != 0; i++) {
                Dimension d = dims[i];
                int at = at(d, eth, ip, vid);
                long[] b = d.bits;
                a0 &= b[at];
                a1 &= b[at + 1];
                a2 &= b[at + 2];
                a3 &= b[at + 3];
            }
            decided = scan(a0, 0);
            if (decided < 0) {
                decided = scan(a1, 64);
            }
            if (decided < 0) {
                decided = scan(a2, 128);
            }
            if (decided < 0) {
                decided = scan(a3, 192);
            }
        }
        if (decided >= 0) {
            return decided;
        }
        defaultCounter.increment();
        return defaultPermit ? PacketFilter.PERMIT : PacketFilter.DENY;
    }

    /** Index into the dimension's bits of the frame's interval, or of the absent field's. */
    private static int at(Dimension d, EthernetHeaderView eth, IpHeaderView ip, int vid) {
        int version = ip.version();
        return switch (d.field) {
            case 0 -> d.find(eth.source());
            case 1 -> d.find(eth.destination());
            case 2 -> d.find(eth.etherType());
            case 3 -> d.find(vid);
            case 4 -> d.find(Math.max(eth.outerPcp(), 0));
            case 5 -> version == 4 ? d.find(ip.source4() & 0xFFFF_FFFFL) : d.absentAt;
            case 6 -> version == 4 ? d.find(ip.destination4() & 0xFFFF_FFFFL) : d.absentAt;
            case 7 -> version == 6 ? d.find(ip.source6High()) : d.absentAt;
            case 8 -> version == 6 ? d.find(ip.source6Low()) : d.absentAt;
            case 9 -> version == 6 ? d.find(ip.destination6High()) : d.absentAt;
            case 10 -> version == 6 ? d.find(ip.destination6Low()) : d.absentAt;
            case 11 -> ip.protocol() >= 0 ? d.find(ip.protocol()) : d.absentAt;
            case 12 -> ip.sourcePort() >= 0 ? d.find(ip.sourcePort()) : d.absentAt;
            case 13 -> ip.destinationPort() >= 0 ? d.find(ip.destinationPort()) : d.absentAt;
            default -> ip.tcpFlags() >= 0 ? d.find(ip.tcpFlags()) : d.absentAt;
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
