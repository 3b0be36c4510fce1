package org.openevb.api.bridge;

/**
 * One entry of a bridge's filtering database.
 *
 * @param vid the VLAN
 * @param mac the MAC address (48 low bits)
 * @param port the port it was learned on or configured for
 * @param isStatic configured, never aged
 * @param ageSeconds seconds since a frame from it was last seen (0 for static entries)
 */
public record FdbEntry(int vid, long mac, String port, boolean isStatic, long ageSeconds) {
}
