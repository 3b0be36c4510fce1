package org.openevb.api.port;

import org.openevb.api.view.Counters;

/**
 * A snapshot of a port's counters.
 *
 * @param rxFrames frames received from the interface
 * @param rxBytes bytes of those frames, as captured
 * @param txFrames frames sent on the interface
 * @param txBytes bytes of those frames, including padding to the Ethernet minimum
 * @param drops frames dropped for any reason (kernel drops not included): the total of
 *     {@code dropsByReason}
 * @param dropsByReason frames dropped, per reason (every reason present, zero included)
 * @param kernelDrops frames the kernel or capture library dropped before the port saw them, as the
 *     driver reports them (0 when the driver cannot tell)
 */
public record PortCounters(long rxFrames, long rxBytes, long txFrames, long txBytes, long drops,
        Counters<DropReason> dropsByReason, long kernelDrops) {

    public PortCounters {
        if (drops != dropsByReason.total()) {
            throw new IllegalArgumentException("drops " + drops + " is not the total of " + dropsByReason);
        }
    }

    /** The counters, with the total of drops taken from {@code dropsByReason}. */
    public PortCounters(long rxFrames, long rxBytes, long txFrames, long txBytes, Counters<DropReason> dropsByReason,
            long kernelDrops) {
        this(rxFrames, rxBytes, txFrames, txBytes, dropsByReason.total(), dropsByReason, kernelDrops);
    }

    /** The number of frames dropped for one reason. */
    public long drops(DropReason reason) {
        return dropsByReason.get(reason);
    }

    /** The number of frames dropped for any reason (kernel drops not included). */
    public long totalDrops() {
        return drops;
    }

    /** The traffic counters as a named set, for an exporter. */
    public Counters<PortCounter> asCounters() {
        return Counters.of(PortCounter.class, c -> switch (c) {
            case RX_FRAMES -> rxFrames;
            case RX_BYTES -> rxBytes;
            case TX_FRAMES -> txFrames;
            case TX_BYTES -> txBytes;
            case KERNEL_DROPS -> kernelDrops;
        });
    }
}
