package org.openevb.api.lldp;

import java.util.ArrayList;
import java.util.List;
import org.openevb.codec.CodecException;
import org.openevb.codec.MacAddress;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;

/**
 * A neighbour as the platform shows it (a table row, a JSON document): where it was heard, who it
 * is, its 802.1Qbg TLVs decoded, and every TLV of its last LLDPDU.
 *
 * @param port the local port it was heard on
 * @param address the group address of the agent that heard it
 * @param id its key in the agent's table ({@code chassis/port})
 * @param chassisId its chassis ID, as text
 * @param portId its port ID, as text
 * @param systemName its system name, or empty
 * @param source the source MAC address of its last LLDPDU, as {@code 02:00:00:00:00:01}
 * @param ttlSeconds the TTL it announced
 * @param expiresInMillis milliseconds until it is aged out
 * @param evb its EVB TLV, or null when absent or malformed
 * @param evbError why its EVB TLV does not decode, or null
 * @param cdcp its CDCP TLV, or null when absent or malformed
 * @param cdcpError why its CDCP TLV does not decode, or null
 * @param preStandardEvb its pre-standard (00-1B-3F) EVB TLV, or null when absent or malformed
 * @param preStandardEvbError why its pre-standard EVB TLV does not decode, or null
 * @param tlvs every TLV of its last LLDPDU, in order
 */
public record LldpNeighbourView(String port, LldpAddress address, String id, String chassisId, String portId,
        String systemName, String source, int ttlSeconds, long expiresInMillis, EvbTlv evb, String evbError,
        CdcpTlv cdcp, String cdcpError, PreStandardEvbTlv preStandardEvb, String preStandardEvbError,
        List<LldpTlv> tlvs) {

    public LldpNeighbourView {
        tlvs = List.copyOf(tlvs);
    }

    /** The neighbours of {@code agent}, decoded. */
    public static List<LldpNeighbourView> of(LldpAgent agent) {
        List<LldpNeighbourView> out = new ArrayList<>();
        for (LldpNeighbour n : agent.neighbours()) {
            out.add(of(agent.port(), agent.address(), n));
        }
        return out;
    }

    /** One neighbour heard on {@code port} by the agent of {@code address}, decoded. */
    public static LldpNeighbourView of(String port, LldpAddress address, LldpNeighbour n) {
        EvbTlv evb = null;
        String evbError = null;
        CdcpTlv cdcp = null;
        String cdcpError = null;
        PreStandardEvbTlv preStandard = null;
        String preStandardError = null;
        // a TLV that does not decode is named with its reason; the others still show
        try {
            evb = n.lldpdu().evb().orElse(null);
        } catch (CodecException | IllegalArgumentException e) {
            evbError = e.getMessage();
        }
        try {
            cdcp = n.lldpdu().cdcp().orElse(null);
        } catch (CodecException | IllegalArgumentException e) {
            cdcpError = e.getMessage();
        }
        try {
            preStandard = n.lldpdu().preStandardEvb().orElse(null);
        } catch (CodecException | IllegalArgumentException e) {
            preStandardError = e.getMessage();
        }
        return new LldpNeighbourView(port, address, n.id(), n.chassisId(), n.portId(), n.systemName(),
                MacAddress.format(n.source()), n.ttlSeconds(), n.expiresInMillis(), evb, evbError, cdcp, cdcpError,
                preStandard, preStandardError, n.lldpdu().tlvs());
    }
}
