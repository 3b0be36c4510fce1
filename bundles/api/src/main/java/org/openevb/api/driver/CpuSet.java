package org.openevb.api.driver;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The CPUs a receive thread may run on, as an operator writes them: {@code 1}, {@code 0,2},
 * {@code 2-3}. Empty means anywhere the scheduler likes. Immutable.
 */
public final class CpuSet {

    /** CPU numbers above this are refused: {@code sched_setaffinity} masks here are 1024 bits. */
    public static final int MAX_CPU = 1023;
    public static final CpuSet ANY = new CpuSet(new BitSet());

    private final BitSet cpus;

    private CpuSet(BitSet cpus) {
        this.cpus = cpus;
    }

    /** The CPUs given, each in 0..{@value #MAX_CPU}. */
    public static CpuSet of(int... cpus) {
        BitSet b = new BitSet();
        for (int c : cpus) {
            if (c < 0 || c > MAX_CPU) {
                throw new IllegalArgumentException("CPU " + c + " is not in 0.." + MAX_CPU);
            }
            b.set(c);
        }
        return new CpuSet(b);
    }

    /**
     * A list of CPU numbers and ranges, comma-separated ({@code 1}, {@code 0,2-3}); blank is
     * {@link #ANY}.
     *
     * @throws IllegalArgumentException when a part is not a number, a range LOW-HIGH or within 0..{@value #MAX_CPU}
     */
    public static CpuSet parse(String text) {
        BitSet b = new BitSet();
        if (text == null || text.isBlank()) {
            return ANY;
        }
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-', 1);
            try {
                int low = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int high = dash < 0 ? low : Integer.parseInt(p.substring(dash + 1).trim());
                if (low < 0 || high > MAX_CPU || low > high) {
                    throw new IllegalArgumentException("'" + p + "' is not a CPU or range in 0.." + MAX_CPU);
                }
                b.set(low, high + 1);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' is not a CPU number or a range LOW-HIGH");
            }
        }
        return new CpuSet(b);
    }

    public boolean isEmpty() {
        return cpus.isEmpty();
    }

    public boolean contains(int cpu) {
        return cpu >= 0 && cpus.get(cpu);
    }

    /**
     * The set for receive lane {@code lane}: its {@code lane}-th CPU, counting round the set, alone;
     * {@link #ANY} stays {@link #ANY}.
     */
    public CpuSet forLane(int lane) {
        if (cpus.isEmpty()) {
            return this;
        }
        int skip = lane % cpus.cardinality();
        int cpu = cpus.nextSetBit(0);
        for (int i = 0; i < skip; i++) {
            cpu = cpus.nextSetBit(cpu + 1);
        }
        return of(cpu);
    }

    /** The highest CPU number in the set, -1 if empty. */
    public int highest() {
        return cpus.length() - 1;
    }

    /** The set as the 64-bit words of a Linux {@code cpu_set_t}, long enough for the highest CPU. */
    public long[] mask() {
        return Arrays.copyOf(cpus.toLongArray(), Math.max(1, (cpus.length() + 63) / 64));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuSet other && cpus.equals(other.cpus);
    }

    @Override
    public int hashCode() {
        return cpus.hashCode();
    }

    /** The canonical text: ranges joined by commas ({@code 0,2-3}), empty for {@link #ANY}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int c = cpus.nextSetBit(0); c >= 0; ) {
            int end = cpus.nextClearBit(c) - 1;
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(c);
            if (end > c) {
                out.append('-').append(end);
            }
            c = cpus.nextSetBit(end + 1);
        }
        return out.toString();
    }
}
