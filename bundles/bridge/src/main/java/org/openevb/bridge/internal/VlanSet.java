package org.openevb.bridge.internal;

import java.util.Arrays;

/** A set of VLAN IDs 1..4094, parsed from and printed as text like {@code 1,10-20,100}. */
final class VlanSet {
    static final int MAX_VID = 4094;

    private final long[] bits = new long[64];

    static VlanSet of(int... vids) {
        VlanSet s = new VlanSet();
        for (int v : vids) {
            s.add(v);
        }
        return s;
    }

    /**
     * Parses {@code 1,10-20}; empty text is the empty set.
     *
     * @throws IllegalArgumentException with the offending part
     */
    static VlanSet parse(String text) {
        VlanSet s = new VlanSet();
        if (text == null || text.isBlank()) {
            return s;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int dash = p.indexOf('-');
            int from;
            int to;
            try {
                from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "' is not a VLAN ID or range");
            }
            if (from < 1 || to > MAX_VID || from > to) {
                throw new IllegalArgumentException("'" + p + "' is not in 1..4094");
            }
            for (int v = from; v <= to; v++) {
                s.add(v);
            }
        }
        return s;
    }

    void add(int vid) {
        bits[vid >>> 6] |= 1L << vid;
    }

    void addAll(VlanSet other) {
        for (int i = 0; i < bits.length; i++) {
            bits[i] |= other.bits[i];
        }
    }

    boolean contains(int vid) {
        return vid >= 0 && vid <= 4095 && (bits[vid >>> 6] & (1L << vid)) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VlanSet v && Arrays.equals(bits, v.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int v = 1;
        while (v <= MAX_VID) {
            if (!contains(v)) {
                v++;
                continue;
            }
            int start = v;
            while (v + 1 <= MAX_VID && contains(v + 1)) {
                v++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(start);
            if (v > start) {
                sb.append('-').append(v);
            }
            v++;
        }
        return sb.toString();
    }
}
