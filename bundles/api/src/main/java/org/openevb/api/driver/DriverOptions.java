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
 * @param rxCpus the CPUs the receive thread runs on, {@link CpuSet#ANY} for no pinning; a driver
 *     with a receive thread that cannot be pinned there fails the open
 */
public record DriverOptions(int snaplen, int bufferSize, int readTimeoutMillis, boolean promiscuous, String threadName,
        CpuSet rxCpus) {

    public DriverOptions {
        if (rxCpus == null) {
            rxCpus = CpuSet.ANY;
        }
    }

    /** Options with the receive thread not pinned. */
    public DriverOptions(int snaplen, int bufferSize, int readTimeoutMillis, boolean promiscuous, String threadName) {
        this(snaplen, bufferSize, readTimeoutMillis, promiscuous, threadName, CpuSet.ANY);
    }
}
