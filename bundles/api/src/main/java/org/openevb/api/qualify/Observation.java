package org.openevb.api.qualify;

/**
 * One piece of evidence: a frame the probe sent or saw, or a note of what it measured.
 *
 * @param atMillis  milliseconds since the session started
 * @param frame     the frame's number in the session's pcap (1-based, as Wireshark counts), 0 for a note
 * @param direction {@code in} (from the peer), {@code out} (sent by the probe) or {@code note}
 * @param summary   what the frame is or what was measured, in one line
 */
public record Observation(long atMillis, long frame, String direction, String summary) {
}
