package org.openevb.api.view;

/**
 * One counter of a named set: implemented by enums, so that a {@link Counters} snapshot always
 * holds every counter of its set and an exporter can list them with their labels.
 */
public interface Counter extends Keyed {

    /** What the counter counts, in a few words, for tables and metric help texts. */
    String description();

    /** The usual key of an enum constant: its name in lowercase, {@code _} as {@code -}. */
    static String keyOf(Enum<?> constant) {
        return constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
