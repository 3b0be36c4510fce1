package org.openevb.api.vdp;

import org.openevb.api.view.Counter;

/** What a port's ECP entity counts (802.1Qbg clause 43): one set per port, read as a snapshot. */
public enum EcpCounter implements Counter {
    RECEIVED("ECP PDUs received, before any check"),
    DELIVERED("new requests delivered to their upper layer"),
    DUPLICATES("requests repeating the last delivered sequence number: acknowledged again, not delivered"),
    UNKNOWN_SUBTYPE("requests of a subtype no upper layer uses here: dropped without an acknowledgement"),
    BAD_VERSION("PDUs of a version other than 1: dropped without an acknowledgement"),
    MALFORMED("PDUs shorter than the ECP header, or with an operation other than request or acknowledgement"),
    ACKS_SENT("acknowledgements sent for received requests (duplicates included)"),
    SENT("requests sent for the first time"),
    RETRANSMITTED("requests sent again after the acknowledgement timer ran out"),
    ACKNOWLEDGED("own requests acknowledged by the peer"),
    GIVEN_UP("own requests dropped after R retransmissions without an acknowledgement"),
    UNEXPECTED_ACKS("acknowledgements that match no outstanding request"),
    REFUSED("requests refused because the send queue was full");

    private final String description;

    EcpCounter(String description) {
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
