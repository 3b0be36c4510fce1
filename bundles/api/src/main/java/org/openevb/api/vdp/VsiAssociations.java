package org.openevb.api.vdp;

import java.util.List;
import java.util.Set;

/**
 * What the bridge role of VDP admits now: the ports where it runs, and the VSIs associated on
 * them. A snapshot, replaced whole on every change.
 *
 * @param ports every port where VDP runs in the bridge role (with or without VSIs)
 * @param vsis the VSIs associated on those ports (pre-associated ones are not: they do not pass)
 */
public record VsiAssociations(Set<String> ports, List<AssociatedVsi> vsis) {

    /** Nothing runs, nothing is associated. */
    public static final VsiAssociations NONE = new VsiAssociations(Set.of(), List.of());

    public VsiAssociations {
        ports = Set.copyOf(ports);
        vsis = List.copyOf(vsis);
    }
}
