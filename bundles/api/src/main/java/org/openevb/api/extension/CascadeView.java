package org.openevb.api.extension;

import org.openevb.api.view.Counters;

/**
 * A cascade link end: a controlling bridge's cascade port, or an extender's upstream port.
 *
 * @param port the port's name
 * @param format the tag format on the link
 * @param state UP, DOWN, ERROR, or MISSING when no such port exists
 * @param rxFrames tagged frames received and accepted
 * @param txFrames tagged frames sent
 * @param drops frames dropped on this link: the total of {@code dropsByReason}
 * @param dropsByReason frames dropped on this link, per reason (every reason present)
 */
public record CascadeView(String port, TagFormat format, String state, long rxFrames, long txFrames, long drops,
        Counters<ExtensionDropReason> dropsByReason) {

    public CascadeView {
        if (drops != dropsByReason.total()) {
            throw new IllegalArgumentException("drops " + drops + " is not the total of " + dropsByReason);
        }
    }

    /** The link end, with the total of drops taken from {@code dropsByReason}. */
    public CascadeView(String port, TagFormat format, String state, long rxFrames, long txFrames,
            Counters<ExtensionDropReason> dropsByReason) {
        this(port, format, state, rxFrames, txFrames, dropsByReason.total(), dropsByReason);
    }
}
