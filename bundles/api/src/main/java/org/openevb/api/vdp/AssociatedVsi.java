package org.openevb.api.vdp;

import java.util.List;

/**
 * A VSI associated on a bridge port, as the data path needs it: which (source MAC, VID) pairs are
 * its frames.
 *
 * @param port the bridge port it is associated on
 * @param vsiid its VSIID as {@code format:value}, e.g. {@code uuid:…} or {@code mac:02:00:…}
 * @param filter its filter as the bridge admitted it (a VID of 0 in the request replaced by the
 *     VID the bridge assigned)
 * @param policy what its VSI type applies to its frames (policer, ACLs); {@link VsiPolicy#NONE} for nothing
 */
public record AssociatedVsi(String port, String vsiid, List<FilterMatch> filter, VsiPolicy policy) {

    public AssociatedVsi {
        filter = List.copyOf(filter);
        policy = policy == null ? VsiPolicy.NONE : policy;
    }

    /** A VSI whose type applies no policy. */
    public AssociatedVsi(String port, String vsiid, List<FilterMatch> filter) {
        this(port, vsiid, filter, VsiPolicy.NONE);
    }

    /**
     * One filter entry.
     *
     * @param mac the MAC (48 bits), or -1 for a filter format without MACs (VID, GroupID/VID): then
     *     every source MAC on that VID is the VSI's
     * @param vid the VID, 1..4094
     */
    public record FilterMatch(long mac, int vid) {
    }
}
