package org.openevb.api.config;

import java.util.List;

/**
 * Settings read from one configuration and checked: valid, or with every problem named as
 * {@code KEY: 'VALUE' is not ...} so an operator sees everything wrong at once.
 */
public interface CheckedSettings {

    /** What is wrong with the configuration, one entry per problem; empty when it is valid. */
    List<String> errors();

    /** Whether the configuration can be used. */
    default boolean valid() {
        return errors().isEmpty();
    }
}
