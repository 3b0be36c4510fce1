package org.openevb.ecp;

/** What an {@link EcpEntity} counts: one set per port, read as a snapshot. */
public enum EcpCounter {
    /** Every PDU handed to the entity, before any check. */
    RECEIVED,
    /** New requests delivered to their upper layer. */
    DELIVERED,
    /** Requests with the sequence number of the last one delivered: acknowledged again, not delivered. */
    DUPLICATES,
    /** Requests of a subtype no upper layer uses here: dropped without an acknowledgement. */
    UNKNOWN_SUBTYPE,
    /** PDUs of a version other than {@link org.openevb.codec.ecp.EcpPdu#VERSION}: dropped, no acknowledgement. */
    BAD_VERSION,
    /** PDUs shorter than the ECP header, or with an operation other than request or acknowledgement. */
    MALFORMED,
    /** Acknowledgements sent for received requests (duplicates included). */
    ACKS_SENT,
    /** Requests sent for the first time. */
    SENT,
    /** Requests sent again after the acknowledgement timer ran out. */
    RETRANSMITTED,
    /** Own requests acknowledged by the peer. */
    ACKNOWLEDGED,
    /** Own requests dropped after R retransmissions without an acknowledgement (reported to the sender). */
    GIVEN_UP,
    /** Acknowledgements that match no outstanding request (late, or for a request already given up). */
    UNEXPECTED_ACKS,
    /** Requests an upper layer asked to send while the queue was full (reported to the sender). */
    REFUSED
}
