package org.openevb.api.bridge;

import java.util.List;
import org.openevb.api.view.Counters;
import org.openevb.codec.Frame;
import org.osgi.annotation.versioning.ProviderType;

/** A bridge or edge relay: its ports, mode, FDB and counters. */
@ProviderType
public interface Bridge {

    String name();

    /** The mode the configuration names. */
    String modeName();

    /** What the mode does now (see {@link ForwardingMode#behaviour}), or empty when it is not available. */
    String behaviour();

    BridgeStatus status();

    /** Why the bridge is not FORWARDING (empty when it is). */
    String reason();

    /** The bridge's ports in configuration order. */
    List<BridgePortView> ports();

    /** The FDB, sorted by VLAN and MAC. */
    List<FdbEntry> fdb();

    FdbStats fdbStats();

    /**
     * Removes learned entries (static ones stay).
     *
     * @param vid only this VLAN, or -1 for all
     * @param port only entries on this port, or null for all
     * @return how many entries were removed
     */
    int flushFdb(int vid, String port);

    /** Frames dropped, per reason (every reason present). */
    Counters<BridgeDropReason> drops();

    /**
     * Frames that matched no associated VSI on a port where VDP runs in the bridge role, and were
     * forwarded anyway because {@code vsi.enforcement} is {@code count-only} (under {@code enforce}
     * they are dropped: {@link BridgeDropReason#VSI_UNASSOCIATED}).
     */
    long unassociatedForwarded();

    /** The counters of every VSI associated on the bridge's ports (empty with {@code vsi.enforcement} off). */
    List<VsiTraffic> vsiTraffic();

    /** How many times the mode in use changed since the bridge started (swaps, losses, returns). */
    long modeChanges();

    /** The ACL (by name) judging the frames received into each VLAN, by VID; empty when none. */
    default java.util.Map<Integer, String> vlanAcls() {
        return java.util.Map.of();
    }

    /**
     * Forwards {@code frame} as if it had been received on {@code port}: a frame a component sends
     * on behalf of what is behind that port, as a hypervisor writes a migrated VM's announcements
     * into its tap. It is classified, learned and forwarded by the mode like any frame of that
     * port, and counted as received there. Not the fast path: calls are serialized, for
     * control-plane rates; they never run concurrently with each other.
     *
     * <p>Ownership: the bridge may change the frame (a tag pushed or popped) until this returns;
     * the caller keeps it.
     *
     * @return false when the bridge has no such port or is not running (nothing was forwarded)
     */
    default boolean receiveAs(String port, Frame frame) {
        return false;
    }

    /** The ACL (by name) judging the frames sent in each VLAN, by VID; empty when none. */
    default java.util.Map<Integer, String> vlanAclsOut() {
        return java.util.Map.of();
    }
}
