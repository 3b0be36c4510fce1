package org.openevb.mirror.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openevb.api.mirror.MirrorView;
import org.openevb.api.mirror.Mirrors;
import org.openevb.api.policy.AclService;
import org.openevb.api.policy.PacketFilter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Every mirror: one name each; the first configuration to take a name keeps it. */
@Component(service = {Mirrors.class, MirrorRegistry.class}, immediate = true)
public class MirrorRegistry implements Mirrors {

    private final List<MirrorComponent> mirrors = new CopyOnWriteArrayList<>();
    private volatile AclService acls;

    /** The ACLs mirror filters name, when the service runs (else filtered copies are not sent). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void setAclService(AclService service) {
        acls = service;
        mirrors.forEach(MirrorComponent::nudge);
    }

    public void unsetAclService(AclService service) {
        if (acls == service) {
            acls = null;
            mirrors.forEach(MirrorComponent::nudge);
        }
    }

    /** The filter of the ACL named so, or one that answers unavailable while no ACL service runs. */
    PacketFilter filter(String name) {
        AclService s = acls;
        return s == null ? PacketFilter.unavailable(name) : s.filter(name);
    }

    /** Adds a mirror; returns why it cannot run (its name is taken), or null. */
    synchronized String add(MirrorComponent mirror) {
        mirrors.add(mirror);
        return conflict(mirror);
    }

    synchronized void remove(MirrorComponent mirror) {
        mirrors.remove(mirror);
    }

    /** Why {@code mirror} cannot run beside the mirrors added before it, or null. */
    synchronized String conflict(MirrorComponent mirror) {
        for (MirrorComponent other : mirrors) {
            if (other == mirror) {
                return null;
            }
            if (other.name().equals(mirror.name())) {
                return "name: '" + mirror.name() + "' is already used by another mirror";
            }
        }
        return null;
    }

    @Override
    public List<MirrorView> mirrors() {
        return mirrors.stream().map(MirrorComponent::view).sorted(Comparator.comparing(MirrorView::name)).toList();
    }

    @Override
    public Optional<MirrorView> mirror(String name) {
        return mirrors.stream().filter(m -> m.name().equals(name)).findFirst().map(MirrorComponent::view);
    }
}
