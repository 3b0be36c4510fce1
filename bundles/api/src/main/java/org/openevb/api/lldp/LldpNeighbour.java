package org.openevb.api.lldp;

import org.openevb.codec.lldp.Lldpdu;

/**
 * A neighbour an agent heard, as of its last LLDPDU.
 *
 * @param chassisId its chassis ID, as text (a MAC as {@code aa:bb:..}, else the ID's text)
 * @param portId its port ID, as text
 * @param ttlSeconds the time to live it announced
 * @param expiresInMillis how long it stays without another LLDPDU
 * @param systemName its system name, or empty
 * @param source the MAC address it sent from
 * @param lldpdu its last LLDPDU, all TLVs
 */
public record LldpNeighbour(String chassisId, String portId, int ttlSeconds, long expiresInMillis, String systemName,
        long source, Lldpdu lldpdu) {

    /** The key of the neighbour in its agent's table. */
    public String id() {
        return chassisId + "/" + portId;
    }
}
