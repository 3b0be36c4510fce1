package org.openevb.api.bridge;

/**
 * One entry of a bridge's filtering database.
 *
 * @param vlan the VLAN
 * @param mac the MAC address, as {@code 02:00:00:00:00:01}
 * @param port the port it was learned on or configured for
 * @param isStatic configured, never aged (shown as {@code static})
 * @param ageSeconds seconds since a frame from it was last seen (0 for static entries)
 */
public record FdbEntry(int vlan, String mac, String port, boolean isStatic, long ageSeconds) {
}
