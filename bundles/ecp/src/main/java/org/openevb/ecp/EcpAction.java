package org.openevb.ecp;

import org.openevb.codec.ecp.EcpPdu;

/**
 * What an {@link EcpEntity} asks its owner to do after an event. The owner performs them in order:
 * transmissions go to the port, the others to the upper layer of {@code subtype}.
 */
public sealed interface EcpAction {

    /** Send this PDU to the peer (the owner adds the Ethernet header and pads to 60 bytes). */
    record Transmit(EcpPdu pdu) implements EcpAction {
    }

    /** A new request for the upper layer of {@code subtype}; {@code ulpdu} includes any frame padding. */
    record Deliver(int subtype, int sequence, byte[] ulpdu) implements EcpAction {
    }

    /** The peer acknowledged the request sent with this sequence number. */
    record Acknowledged(int subtype, int sequence) implements EcpAction {
    }

    /** This request got no acknowledgement after {@code transmissions} tries (1 + R) and is dropped. */
    record GaveUp(int subtype, int sequence, byte[] ulpdu, int transmissions) implements EcpAction {
    }

    /** This request was not accepted because the send queue was full. */
    record Refused(int subtype, byte[] ulpdu) implements EcpAction {
    }
}
