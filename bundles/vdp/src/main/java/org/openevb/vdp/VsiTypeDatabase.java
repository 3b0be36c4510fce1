package org.openevb.vdp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bridge's VSI type database (the role of a VSI manager, kept local): which type IDs and
 * versions exist and what each allows, and how many VSIs a port may hold with resources
 * reserved (pre-associated with reservation or associated). Immutable: replace it to change it.
 */
public final class VsiTypeDatabase {

    private final Map<Integer, Map<Integer, VsiType>> types = new HashMap<>();
    private final List<VsiType> list;
    private final int vsisPerPort;

    public VsiTypeDatabase(List<VsiType> types, int vsisPerPort) {
        if (vsisPerPort < 0) {
            throw new IllegalArgumentException("negative VSI limit " + vsisPerPort);
        }
        this.list = List.copyOf(types);
        for (VsiType t : list) {
            if (this.types.computeIfAbsent(t.typeId(), k -> new HashMap<>()).put(t.version(), t) != null) {
                throw new IllegalArgumentException("VSI type " + t.typeId() + " version " + t.version() + " defined twice");
            }
        }
        this.vsisPerPort = vsisPerPort;
    }

    /** Whether any version of this type ID exists. */
    public boolean knows(int typeId) {
        return types.containsKey(typeId);
    }

    /** The type of this ID and version, or null. */
    public VsiType lookup(int typeId, int version) {
        Map<Integer, VsiType> versions = types.get(typeId);
        return versions == null ? null : versions.get(version);
    }

    /** VSIs with reserved resources a port may hold. */
    public int vsisPerPort() {
        return vsisPerPort;
    }

    public List<VsiType> types() {
        return list;
    }
}
