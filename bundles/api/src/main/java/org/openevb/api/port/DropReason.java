package org.openevb.api.port;

import org.openevb.api.view.Counter;

/** Why a port dropped a frame. Every drop is counted under exactly one reason. */
public enum DropReason implements Counter {
    /** Send refused: the frame is longer than the interface MTU allows (tags add bytes). */
    TX_OVERSIZE("send refused: longer than the interface MTU allows"),
    /** Send attempted while the port was not UP. */
    TX_PORT_DOWN("send while the port is not up"),
    /** The driver or the kernel refused the send. */
    TX_ERROR("send failed in the driver"),
    /** A virtual port's carrier (the port its frames travel on, tagged) refused the send. */
    TX_CARRIER_REFUSED("send refused by the carrying port (see its counters)"),
    /** A shaped port's queue for the frame's traffic class was full (shape.rate). */
    TX_QUEUE_FULL("send dropped: the shaped port's queue for its traffic class was full"),
    /** A received frame longer than the port's maximum frame size. */
    RX_OVERSIZE("received frame longer than max.frame.size"),
    /** A received frame that no bridge or protocol consumes (the port is not attached). */
    RX_UNATTACHED("received while the port is attached to nothing"),
    /** The consumer of a received frame failed; the frame was dropped, the port kept running. */
    RX_HANDLER_ERROR("the frame's consumer failed"),
    /** A received frame above the port's ingress police rate (police.rate, police.pps). */
    RX_POLICED("received above the port's police.rate or police.pps");

    private final String description;

    DropReason(String description) {
        this.description = description;
    }

    /** A short human-readable explanation. */
    @Override
    public String description() {
        return description;
    }

    /** The name used in JSON and tables, e.g. {@code tx-oversize}. */
    @Override
    public String key() {
        return Counter.keyOf(this);
    }
}
