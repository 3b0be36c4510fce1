package org.openevb.api.port;

import java.util.List;
import org.openevb.api.driver.KernelForwarding;
import org.openevb.codec.Frame;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A port: one configured attachment to one interface through one driver.
 *
 * <p>A port keeps its identity, handler, taps and counters while its interface comes and goes;
 * only its state changes.
 */
@ProviderType
public interface Port {

    /** The port's name, unique on this platform. */
    String name();

    /** The name of the interface the port is configured on, e.g. {@code eth1}. */
    String interfaceName();

    /** The name of the driver the port is configured to use, e.g. {@code pcap}. */
    String driverName();

    PortState state();

    /** Why the port is not UP (empty when it is). */
    String reason();

    /**
     * How many times the port went DOWN because its link lost its carrier (the far end went down,
     * or the port took its own link down) while its interface stayed open; 0 for a port that has
     * no link of its own.
     */
    default long linkDowns() {
        return 0;
    }

    /** The interface MTU, or -1 while unknown. */
    int mtu();

    /** The interface's MAC address, or -1 while unknown. */
    long macAddress();

    /** A snapshot of the counters. */
    PortCounters counters();

    /**
     * Sends a frame, synchronously, on the calling thread. Frames shorter than 60 bytes are
     * zero-padded first (in the frame's tailroom). Never throws for a frame that cannot be sent:
     * it is counted under a {@link DropReason} and {@code false} is returned.
     *
     * <p>Ownership: the caller keeps {@code frame}; the port is done with it when this returns.
     */
    boolean send(Frame frame);

    /**
     * Claims the port's received frames for {@code owner} (a bridge, an extender, an S-VLAN
     * component: named for people, e.g. {@code bridge 'br0'}). One owner at a time: while another
     * owner holds the port the claim is not granted but waits, and is granted when that owner
     * releases; the same owner claiming again replaces its handler. Frames received while no one
     * holds the port are counted as {@link DropReason#RX_UNATTACHED}.
     *
     * @return true if {@code handler} receives the port's frames from now on, false if another
     *     owner holds the port ({@link #owner()} names it)
     */
    boolean claim(String owner, FrameHandler handler);

    /**
     * Withdraws the claim of {@code handler}, held or waiting. A handler its owner has replaced
     * since changes nothing. The first waiting claim, if any, is granted.
     */
    void release(FrameHandler handler);

    /** The owner of the port's received frames, or "" when no one holds it. */
    String owner();

    /**
     * What kind of port this is: {@code interface} (configured on a network interface),
     * {@code s-channel}, {@code extended}.
     */
    String kind();

    /** What made the port: {@code configuration}, or the component that made it. */
    String creator();

    /** Adds a tap; closing the returned handle removes it. */
    AutoCloseable addTap(PortTap tap);

    /**
     * Takes received frames of one EtherType (the outermost one, at offset 12) away from the
     * attached handler and gives them to {@code handler}: how a link-local control protocol (LLDP
     * 0x88CC, ECP 0x8940) runs on a port whatever bridge the port belongs to. Closing the returned
     * handle removes it.
     *
     * @throws IllegalStateException if another handler already takes this EtherType
     */
    AutoCloseable addControlHandler(int etherType, FrameHandler handler);

    /**
     * Takes the link of the port's interface down ({@code up} false) or brings it up again, as
     * {@code ip link set dev IF down|up} does: on a cable or a veth the peer sees its carrier go
     * while it is down, which is how a link flap is made on purpose (the qualification kit does).
     * While the link is down the port is DOWN (reason {@code link set down by the port}) but keeps
     * its interface open with its owner, taps and counters: frames sent meanwhile are dropped and
     * counted, and it is UP and receiving again once the link is back with its carrier.
     *
     * @throws UnsupportedOperationException if this kind of port or its driver cannot (the message says which)
     * @throws IllegalStateException if the port is not open or the kernel refused (the message says why)
     */
    default void setLinkUp(boolean up) {
        throw new UnsupportedOperationException("a port of kind '" + kind() + "' has no link of its own to set");
    }

    /** The port's ingress policer and egress shaper, or null when it has neither. */
    default RateLimits rateLimits() {
        return null;
    }

    /**
     * Frames received per receive lane (see {@link LaneFrameHandler}): one entry for a port that
     * receives on one thread.
     */
    default List<Long> rxFramesByLane() {
        return List.of(counters().rxFrames());
    }

    /**
     * The table of frames the kernel may forward past this port (see {@link
     * KernelForwarding}), or null: when its driver has none, and while the
     * port must see every frame it receives and sends itself (a tap, guards, an ingress policer,
     * egress shaping). When one of those comes, the port removes its own entries and every entry
     * that sends to it before it answers null; whoever adds an entry checks both ports again
     * afterwards and removes it if either answers null then. The counters of the port include the
     * frames the kernel forwarded from it and to it.
     */
    default KernelForwarding kernelForwarding() {
        return null;
    }
}
