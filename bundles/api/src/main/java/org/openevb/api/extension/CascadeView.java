package org.openevb.api.extension;

import java.util.Map;

/**
 * A cascade link end: a controlling bridge's cascade port, or an extender's upstream port.
 *
 * @param port the port's name
 * @param format the tag format on the link
 * @param state UP, DOWN, ERROR, or MISSING when no such port exists
 * @param rxFrames tagged frames received and accepted
 * @param txFrames tagged frames sent
 * @param drops frames dropped on this link, per reason (every reason present)
 */
public record CascadeView(String port, TagFormat format, String state, long rxFrames, long txFrames,
        Map<ExtensionDropReason, Long> drops) {
}
