package org.openevb.acl.internal;

import java.util.Arrays;

/**
 * One rule, parsed: its number, action, text, and per {@link Field} the ranges of values it
 * matches ({@code null}: any value, the field need not even be present). A frame matches when
 * every constrained field is present in it and within one of the field's ranges.
 *
 * @param ranges per field ordinal, null or {@code [low0, high0, low1, high1, ...]}, unsigned, inclusive
 */
record AclRule(int id, Action action, String text, long[][] ranges) {

    /** What a matching rule does. */
    enum Action {
        PERMIT, DENY,
        /** Counts the frame and goes on to the next rule. */
        COUNT;

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    boolean constrains(Field f) {
        return ranges[f.ordinal()] != null;
    }

    /** Whether {@code value} (unsigned) lies in one of the ranges of {@code f}; true when unconstrained. */
    boolean accepts(Field f, long value) {
        long[] r = ranges[f.ordinal()];
        if (r == null) {
            return true;
        }
        for (int i = 0; i < r.length; i += 2) {
            if (Long.compareUnsigned(value, r[i]) >= 0 && Long.compareUnsigned(value, r[i + 1]) <= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The reference matcher, field by field: {@code values[f]} is the frame's value of field f,
     * {@code present[f]} whether the frame has it. The compiled table must decide exactly as this.
     */
    boolean matches(long[] values, boolean[] present) {
        for (Field f : Field.ALL) {
            if (constrains(f) && (!present[f.ordinal()] || !accepts(f, values[f.ordinal()]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AclRule r && r.id == id && r.action == action && r.text.equals(text)
                && Arrays.deepEquals(r.ranges, ranges);
    }

    @Override
    public int hashCode() {
        return id * 31 + text.hashCode();
    }

    @Override
    public String toString() {
        return "rule." + id + " = " + text;
    }
}
