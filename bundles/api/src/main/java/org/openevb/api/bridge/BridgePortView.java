package org.openevb.api.bridge;

/**
 * A port as its bridge sees it.
 *
 * @param name the port's name
 * @param role bridge port, uplink or VSI port
 * @param state the port's state (UP, DOWN, ERROR) or MISSING when no such port is configured
 * @param pvid VLAN of untagged and priority-tagged frames received
 * @param vlans VLANs the port is a member of, as text (e.g. {@code 1,10-20})
 * @param untagged VLANs sent untagged, as text
 * @param reflectiveRelay whether frames may leave by the port they arrived on
 * @param reflectiveRelaySource who decided it: {@code admin} (configuration or command),
 *     {@code negotiated} (the EVB TLV exchange with the station) or {@code default} (off, nobody
 *     asked)
 * @param peerReflectiveRelay whether the bridge at the other end reflects for us: {@code granted},
 *     {@code refused} (by its EVB TLV) or {@code unknown}
 * @param rxFrames frames the bridge received on the port
 * @param txFrames frames the bridge sent on the port
 * @param aclIn the ACL that judges frames received on the port, empty for none
 * @param aclOut the ACL that judges frames sent on the port, empty for none
 */
public record BridgePortView(String name, PortRole role, String state, int pvid, String vlans, String untagged,
        boolean reflectiveRelay, String reflectiveRelaySource, String peerReflectiveRelay, long rxFrames,
        long txFrames, String aclIn, String aclOut) {
}
