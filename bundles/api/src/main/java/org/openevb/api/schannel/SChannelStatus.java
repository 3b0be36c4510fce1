package org.openevb.api.schannel;

/**
 * One S-channel.
 *
 * @param scid the channel's ID, agreed by both ends (1 is the default channel)
 * @param svid the S-VID its frames carry on the wire (0 while not assigned)
 * @param port the name of the channel's port (what edge relays and bridges attach to)
 * @param state {@code up}, {@code pending} (asked for, not agreed yet) or {@code down}
 * @param reason why it is not up, or empty
 * @param rxFrames frames received on the channel
 * @param txFrames frames sent on the channel
 * @param drops frames the channel's port dropped
 */
public record SChannelStatus(int scid, int svid, String port, String state, String reason, long rxFrames,
        long txFrames, long drops) {
}
