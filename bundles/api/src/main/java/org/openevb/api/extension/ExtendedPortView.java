package org.openevb.api.extension;

/**
 * One extended port as its extender or controlling bridge sees it.
 *
 * @param name the port's name (on a controlling bridge, the bridge port {@code <cascade>.e<E-CID>})
 * @param owner the extender or controlling bridge it belongs to
 * @param carrier the cascade link it travels on (extender: the upstream port; controlling bridge:
 *     the cascade port)
 * @param format the tag format on that link
 * @param id point-to-point E-CID (E-Tag) or vif (VN-Tag); 0 for an extender's cascade port
 * @param kind {@code host} (a port of the extender), {@code cascade} (an extender below this one)
 *     or {@code extended} (a controlling bridge's bridge port)
 * @param range for a cascade: the E-CIDs or vifs served below it, else empty
 * @param state UP, DOWN, ERROR, or MISSING when no such port exists
 * @param rxFrames frames received from the port (extender: sent up for it)
 * @param txFrames frames sent to the port (extender: delivered down to it), replicated copies included
 * @param pruned frames of a replication group not delivered to it because it was their source
 */
public record ExtendedPortView(String name, String owner, String carrier, TagFormat format, int id, String kind,
        String range, String state, long rxFrames, long rxBytes, long txFrames, long txBytes, long pruned) {
}
