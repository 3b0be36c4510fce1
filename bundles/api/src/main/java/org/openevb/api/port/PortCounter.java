package org.openevb.api.port;

import org.openevb.api.view.Counter;

/** The traffic counters of a port, as a named set (drops have their own set, {@link DropReason}). */
public enum PortCounter implements Counter {
    RX_FRAMES("frames received from the interface"),
    RX_BYTES("bytes of the frames received, as captured"),
    TX_FRAMES("frames sent on the interface"),
    TX_BYTES("bytes of the frames sent, padding included"),
    KERNEL_DROPS("frames the kernel or capture library dropped before the port saw them");

    private final String description;

    PortCounter(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String key() {
        return Counter.keyOf(this);
    }
}
