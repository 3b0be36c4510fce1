/**
 * The Edge Control Protocol of 802.1Qbg (clause 43) as a state machine: {@link org.openevb.ecp.EcpEntity}
 * takes events (a PDU received, the clock, an upper layer's PDU to send) and answers with
 * {@link org.openevb.ecp.EcpAction}s, so the component that owns a port does the I/O and the timing.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.openevb.ecp;
