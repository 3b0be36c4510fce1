package org.openevb.qualify.internal;

/**
 * A frame of the session, as the port's tap saw it.
 *
 * @param number    its number in the session's pcap (1-based)
 * @param in        received from the peer (false: sent by a probe)
 * @param timestampNanos wall-clock time of the tap, nanoseconds since the epoch
 * @param atMillis  milliseconds since the session started
 * @param bytes     the whole frame, from the destination MAC
 * @param port      the session's port it was on: 0 the first, 1 the second
 */
record Captured(long number, boolean in, long timestampNanos, long atMillis, byte[] bytes, int port) {
}
