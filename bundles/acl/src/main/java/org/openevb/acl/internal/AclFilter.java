package org.openevb.acl.internal;

import org.openevb.api.policy.PacketFilter;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ip.IpHeaderView;

/**
 * The filter of one ACL name: the compiled table in use, replaced whole by every valid change and
 * read once per frame; null while no valid rule set exists under the name.
 */
final class AclFilter implements PacketFilter {

    private final String name;
    private volatile CompiledAcl table;

    AclFilter(String name) {
        this.name = name;
    }

    @Override
    public int decide(EthernetHeaderView header, IpHeaderView ip, int vid) {
        CompiledAcl t = table;
        return t == null ? UNAVAILABLE : t.decide(header, ip, vid);
    }

    @Override
    public String name() {
        return name;
    }

    CompiledAcl table() {
        return table;
    }

    void table(CompiledAcl next) {
        table = next;
    }

    @Override
    public String toString() {
        return "ACL " + name;
    }
}
