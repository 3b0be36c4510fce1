package org.openevb.api.policy;

import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ip.IpHeaderView;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One named access control list as the data path consults it. The object stays the same while
 * its rules change: each call judges the frame against one compiled rule set, read once, so no
 * frame is judged by half of one set and half of the next. Called on receive threads: it must not
 * block, allocate or throw, and counts the rule (or default action) that decided.
 */
@ProviderType
public interface PacketFilter {

    /** The frame passes. */
    int PERMIT = 0;
    /** A rule, or the default action, denied the frame. */
    int DENY = 1;
    /** No valid rule set exists under the name (never configured, or never valid): the frame is dropped. */
    int UNAVAILABLE = 2;

    /**
     * Judges one frame.
     *
     * @param header the frame's Ethernet header, whole tag stack parsed (EtherType after the tags)
     * @param ip the IP view of the same frame
     * @param vid the VLAN the bridge classified the frame into
     * @return {@link #PERMIT}, {@link #DENY} or {@link #UNAVAILABLE}
     */
    int decide(EthernetHeaderView header, IpHeaderView ip, int vid);

    /** The ACL's name. */
    String name();

    /** What a bridge consults when no ACL service runs: everything is {@link #UNAVAILABLE}. */
    static PacketFilter unavailable(String name) {
        return new PacketFilter() {
            @Override
            public int decide(EthernetHeaderView header, IpHeaderView ip, int vid) {
                return UNAVAILABLE;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
