package org.openevb.api.driver;

/**
 * How to open an interface.
 *
 * @param snaplen the longest frame to capture, in bytes; longer frames are delivered truncated to
 *     this length (the port then drops them as oversize)
 * @param bufferSize the kernel receive buffer, in bytes
 * @param readTimeoutMillis how long the driver may wait to batch received frames
 * @param promiscuous whether to receive frames addressed to other MAC addresses
 * @param threadName the name for the receive thread, e.g. {@code evb-rx-uplink}
 */
public record DriverOptions(int snaplen, int bufferSize, int readTimeoutMillis, boolean promiscuous, String threadName) {
}
