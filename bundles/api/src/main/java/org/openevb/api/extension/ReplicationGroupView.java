package org.openevb.api.extension;

import java.util.List;

/**
 * A multicast E-CID (E-Tag, GRP not 0) or vif list (VN-Tag) and its members.
 *
 * @param owner the extender or controlling bridge it is configured on
 * @param carrier the cascade link it is used on
 * @param id the point-to-multipoint E-CID (0x1000..0x3FFF) or vif list id
 * @param idHex the same id in hex, as {@code 0x1001}
 * @param members member port names (extender) or extended port names (controlling bridge)
 * @param frames frames sent (controlling bridge) or replicated (extender) with this id
 * @param pruned copies left out because the member was the frame's source
 */
public record ReplicationGroupView(String owner, String carrier, TagFormat format, int id, String idHex,
        List<String> members, long frames, long pruned) {

    public ReplicationGroupView {
        members = List.copyOf(members);
    }

    /** The group, with {@code idHex} written from {@code id}. */
    public ReplicationGroupView(String owner, String carrier, TagFormat format, int id, List<String> members,
            long frames, long pruned) {
        this(owner, carrier, format, id, String.format("0x%04x", id), members, frames, pruned);
    }
}
