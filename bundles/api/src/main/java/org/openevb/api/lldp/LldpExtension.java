package org.openevb.api.lldp;

import java.util.List;
import java.util.Set;
import org.openevb.codec.lldp.LldpTlv;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A protocol that rides on LLDP (the EVB TLV, CDCP), registered as an OSGi service. The LLDP
 * service runs the agents it asks for, puts its TLVs into their LLDPDUs and tells it what their
 * neighbours say. Every method is called on an LLDP thread and must not block.
 */
@ConsumerType
public interface LldpExtension {

    /** The addresses this extension needs an agent for on the port (empty for none). */
    Set<LldpAddress> addresses(String port);

    /** The TLVs to add to the agent's next LLDPDU (empty for none). */
    List<LldpTlv> tlvs(LldpAgent agent);

    /** A neighbour's LLDPDU arrived on the agent (a new neighbour or a refresh). */
    void received(LldpAgent agent, LldpNeighbour neighbour);

    /** A neighbour is gone: aged out, shut down, or the agent stopped. */
    void gone(LldpAgent agent, LldpNeighbour neighbour);

    /**
     * The LLDP service took this extension; {@code lldp} is where it says that its TLVs or needs
     * changed. Handed over rather than referenced as a service: the LLDP service already
     * references every extension, and a reference back would make a cycle.
     */
    default void attached(LldpService lldp) {
    }

    /** The LLDP service let this extension go (it stopped, or the extension is going). */
    default void detached(LldpService lldp) {
    }
}
