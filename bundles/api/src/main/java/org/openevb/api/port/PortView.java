package org.openevb.api.port;

import java.util.List;
import org.openevb.codec.MacAddress;

/**
 * A port as the platform shows it (a table row, a JSON document): a snapshot, whatever kind of
 * port it is.
 *
 * @param name the port's name, unique across every kind
 * @param interfaceName the interface it is configured on (shown as {@code interface})
 * @param driver the driver that runs it
 * @param kind {@code interface}, {@code s-channel}, {@code extended}...
 * @param creator what made it ({@code configuration}, or the component that registered it)
 * @param owner who claimed its received frames, or empty
 * @param state UP, DOWN or ERROR
 * @param reason why it is not UP (empty when it is)
 * @param mtu the interface MTU, or -1 when unknown
 * @param mac its MAC address as {@code 02:00:00:00:00:01}, or null when it has none
 * @param counters its counters
 * @param rxFramesByLane frames received per receive lane ({@code rx.lanes}); one entry for one lane
 * @param linkDowns how many times it went DOWN because its link lost its carrier ({@link Port#linkDowns()})
 */
public record PortView(String name, String interfaceName, String driver, String kind, String creator, String owner,
        PortState state, String reason, int mtu, String mac, PortCounters counters, List<Long> rxFramesByLane,
        long linkDowns) {

    /** A snapshot without link downs (a port with no link of its own). */
    public PortView(String name, String interfaceName, String driver, String kind, String creator, String owner,
            PortState state, String reason, int mtu, String mac, PortCounters counters, List<Long> rxFramesByLane) {
        this(name, interfaceName, driver, kind, creator, owner, state, reason, mtu, mac, counters, rxFramesByLane, 0);
    }

    /** A snapshot of {@code port}. */
    public static PortView of(Port port) {
        long mac = port.macAddress();
        return new PortView(port.name(), port.interfaceName(), port.driverName(), port.kind(), port.creator(),
                port.owner(), port.state(), port.reason(), port.mtu(),
                mac < 0 ? null : MacAddress.format(mac), port.counters(), port.rxFramesByLane(), port.linkDowns());
    }
}
