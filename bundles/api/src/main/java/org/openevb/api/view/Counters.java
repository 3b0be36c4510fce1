package org.openevb.api.view;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * An immutable snapshot of a named set of counters: one value for every constant of the enum
 * {@code E}, zero included, in declaration order. Built when someone asks (a command, an exporter),
 * never on the data path: the live counters stay where they are counted ({@code LongAdder}s,
 * arrays) and are read into a snapshot with {@link #of(Class, ToLongFunction)}.
 *
 * @param <E> the counters of the set
 */
public final class Counters<E extends Enum<E> & Counter> {

    private final Class<E> type;
    private final long[] values;

    private Counters(Class<E> type, long[] values) {
        this.type = type;
        this.values = values;
    }

    /** A snapshot of every counter of {@code type}, each read by {@code value}. */
    public static <E extends Enum<E> & Counter> Counters<E> of(Class<E> type, ToLongFunction<E> value) {
        E[] keys = type.getEnumConstants();
        long[] values = new long[keys.length];
        for (E key : keys) {
            values[key.ordinal()] = value.applyAsLong(key);
        }
        return new Counters<>(type, values);
    }

    /** A snapshot from a map; counters missing from it are zero. */
    public static <E extends Enum<E> & Counter> Counters<E> of(Class<E> type, Map<E, Long> values) {
        return of(type, key -> values.getOrDefault(key, 0L));
    }

    /** Every counter of {@code type} at zero. */
    public static <E extends Enum<E> & Counter> Counters<E> zero(Class<E> type) {
        return new Counters<>(type, new long[type.getEnumConstants().length]);
    }

    /** The enum of the set, for whoever walks counters they do not know in advance. */
    public Class<E> type() {
        return type;
    }

    /** Every counter of the set, in declaration order. */
    public List<E> keys() {
        return List.of(type.getEnumConstants());
    }

    /** The value of one counter. */
    public long get(E key) {
        return values[key.ordinal()];
    }

    /** The sum of every counter of the set. */
    public long total() {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }

    /** The counters as an unmodifiable map in declaration order. */
    public Map<E, Long> asMap() {
        EnumMap<E, Long> map = new EnumMap<>(type);
        for (E key : type.getEnumConstants()) {
            map.put(key, values[key.ordinal()]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Counters<?> c && c.type == type && java.util.Arrays.equals(c.values, values);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("{");
        for (E key : type.getEnumConstants()) {
            s.append(s.length() == 1 ? "" : ", ").append(key.key()).append('=').append(values[key.ordinal()]);
        }
        return s.append('}').toString();
    }
}
