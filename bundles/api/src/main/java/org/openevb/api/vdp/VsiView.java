package org.openevb.api.vdp;

import java.util.List;

/**
 * One VSI on one port, with the columns of the IEEE8021-EVB-MIB VSI table.
 *
 * @param port the port it is on
 * @param role {@code station} or {@code bridge}
 * @param name the station's name for it (its configuration), empty on a bridge
 * @param vsiidFormat {@code uuid}, {@code mac}, {@code ipv4}, {@code ipv6} or {@code local}
 * @param vsiid the VSIID in that format's notation
 * @param managerId the VSI Manager ID, as an IP address when it is one, else hex
 * @param typeId the VSI type ID
 * @param typeVersion the VSI type version
 * @param filterFormat {@code vid}, {@code mac-vid}, {@code group-vid} or {@code group-mac-vid}
 * @param filter the filter entries (as the bridge answered them: a VID of 0 replaced), each
 *     {@code [GROUP/][MAC/]VID}
 * @param state {@code deassociated}, {@code preassociated}, {@code preassociated-rr} or {@code associated}
 * @param pending the command waiting for its answer (station), empty if none
 * @param lastCommand the last command sent (station) or received (bridge), empty if none
 * @param lastReason the last answer's reason: {@code success}, or why not (e.g. {@code unknown-type-id}
 *     at a bridge, {@code other failure hard} or {@code timeout} at a station)
 * @param keep the last answer kept the previous state (Keep bit)
 * @param hard the last answer says asking again will not help (Hard bit)
 * @param keepAliveAgeMillis milliseconds since the last answer (station) or request (bridge), -1 if none
 * @param succeeded commands that succeeded
 * @param failed commands that failed (refused, timed out, given up)
 * @param hints the migration hint of the last command sent (station) or received (bridge):
 *     {@code migrate-to} (M bit), {@code migrate-from} (S bit) or empty
 * @param announced RARP announcements the station sent for the VSI's MACs after it migrated here
 *     (one per MAC and round; 0 at a bridge)
 * @param migratedTo bridge: the port the VSI migrated to (associated there with the migrate-to
 *     hint) while this port still holds it, until its station de-associates it here; the data path
 *     follows the destination. Empty otherwise
 * @param relayPort station: the edge relay port the VSI is attached to (the VM behind it), which
 *     its announcements are forwarded from; empty when it has none (they leave by the VDP port)
 */
public record VsiView(String port, String role, String name, String vsiidFormat, String vsiid, String managerId,
        int typeId, int typeVersion, String filterFormat, List<String> filter, String state, String pending,
        String lastCommand, String lastReason, boolean keep, boolean hard, long keepAliveAgeMillis, long succeeded,
        long failed, String hints, long announced, String migratedTo, String relayPort) {

    public VsiView {
        filter = List.copyOf(filter);
    }

    /** A VSI attached to no edge relay port. */
    public VsiView(String port, String role, String name, String vsiidFormat, String vsiid, String managerId,
            int typeId, int typeVersion, String filterFormat, List<String> filter, String state, String pending,
            String lastCommand, String lastReason, boolean keep, boolean hard, long keepAliveAgeMillis, long succeeded,
            long failed, String hints, long announced, String migratedTo) {
        this(port, role, name, vsiidFormat, vsiid, managerId, typeId, typeVersion, filterFormat, filter, state, pending,
                lastCommand, lastReason, keep, hard, keepAliveAgeMillis, succeeded, failed, hints, announced, migratedTo,
                "");
    }
}
