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
 *     with a receive thread that cannot be pinned there fails the open. With several lanes, lane
 *     {@code i} runs on the {@code i}-th CPU of the set (round robin)
 * @param rxLanes receive threads (1 to 8): above 1, the kernel spreads the interface's frames over
 *     that many, keeping each flow on one, and the driver asks the listener for each lane's own
 *     listener ({@link DriverListener#lane}); a driver that cannot fails the open
 * @param xdpNative for a driver that attaches an XDP program (xdp): attach it in the interface's
 *     driver (native XDP) where that driver allows, rather than in the generic receive path (after
 *     the skb is built); other drivers ignore it
 */
public record DriverOptions(int snaplen, int bufferSize, int readTimeoutMillis, boolean promiscuous, String threadName,
        CpuSet rxCpus, int rxLanes, boolean xdpNative) {

    public DriverOptions {
        if (rxCpus == null) {
            rxCpus = CpuSet.ANY;
        }
        if (rxLanes < 1 || rxLanes > 8) {
            throw new IllegalArgumentException("rxLanes " + rxLanes + " not in 1..8");
        }
    }

    /** Options with the XDP program, if any, in the generic receive path. */
    public DriverOptions(int snaplen, int bufferSize, int readTimeoutMillis, boolean promiscuous, String threadName,
            CpuSet rxCpus, int rxLanes) {
        this(snaplen, bufferSize, readTimeoutMillis, promiscuous, threadName, rxCpus, rxLanes, false);
    }

    /** Options with one receive lane. */
    public DriverOptions(int snaplen, int bufferSize, int readTimeoutMillis, boolean promiscuous, String threadName,
            CpuSet rxCpus) {
        this(snaplen, bufferSize, readTimeoutMillis, promiscuous, threadName, rxCpus, 1);
    }

    /** Options with the receive thread not pinned. */
    public DriverOptions(int snaplen, int bufferSize, int readTimeoutMillis, boolean promiscuous, String threadName) {
        this(snaplen, bufferSize, readTimeoutMillis, promiscuous, threadName, CpuSet.ANY);
    }

    /** Fails an open that asks for several lanes from a driver that receives on one thread. */
    public void requireOneLane(String driver) throws DriverException {
        if (rxLanes > 1) {
            throw new DriverException("rx.lanes " + rxLanes + ": the " + driver
                    + " driver receives on one thread; the packet driver has lanes");
        }
    }
}
