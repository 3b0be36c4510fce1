package org.openevb.vdp;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.openevb.api.vdp.VsiPolicy;
import org.openevb.codec.MacAddress;

/**
 * One version of a VSI type as the bridge's VSI type database defines it: the VLANs its VSIs may
 * use (the lowest is assigned for a VID of 0) and the MACs (empty: any unicast MAC), and the policy
 * a bridge applies to its VSIs' frames.
 *
 * @param typeId  24 bits
 * @param version 0..255
 * @param vlans   allowed VIDs, 1..4094
 * @param macs    allowed MAC addresses, empty for any
 * @param policy  the policer and ACLs of its VSIs on the data path
 */
public record VsiType(int typeId, int version, SortedSet<Integer> vlans, Set<Long> macs, VsiPolicy policy) {

    /** A type without policy. */
    public VsiType(int typeId, int version, SortedSet<Integer> vlans, Set<Long> macs) {
        this(typeId, version, vlans, macs, VsiPolicy.NONE);
    }

    public VsiType {
        if (typeId < 0 || typeId > 0xFFFFFF) {
            throw new IllegalArgumentException("VSI type ID out of range: " + typeId);
        }
        if (version < 0 || version > 255) {
            throw new IllegalArgumentException("VSI type version out of range: " + version);
        }
        vlans = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(vlans));
        for (int v : vlans) {
            if (v < 1 || v > 4094) {
                throw new IllegalArgumentException("VID out of range 1..4094: " + v);
            }
        }
        macs = Set.copyOf(macs);
        policy = policy == null ? VsiPolicy.NONE : policy;
        for (long m : macs) {
            if (!MacAddress.isValid(m) || MacAddress.isMulticast(m)) {
                throw new IllegalArgumentException("not a unicast MAC: " + m);
            }
        }
    }

    /** A type whose VSIs may use these VLANs and any MAC. */
    public static VsiType of(int typeId, int version, Integer... vlans) {
        return new VsiType(typeId, version, new TreeSet<>(Set.of(vlans)), Set.of());
    }

    public boolean allowsVid(int vid) {
        return vlans.contains(vid);
    }

    public boolean allowsMac(long mac) {
        return macs.isEmpty() || macs.contains(mac);
    }
}
