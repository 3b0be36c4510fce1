package org.openevb.api.view;

/**
 * A value with a stable lowercase name, used in configuration, tables and JSON instead of the Java
 * constant (e.g. {@code etag}, {@code rx-unattached}).
 */
public interface Keyed {

    /** The name shown and parsed: lowercase, words joined by {@code -}. */
    String key();
}
