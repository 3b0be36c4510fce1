package org.openevb.mirror.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openevb.api.mirror.MirrorView;
import org.openevb.api.mirror.Mirrors;
import org.osgi.service.component.annotations.Component;

/** Every mirror: one name each; the first configuration to take a name keeps it. */
@Component(service = {Mirrors.class, MirrorRegistry.class}, immediate = true)
public class MirrorRegistry implements Mirrors {

    private final List<MirrorComponent> mirrors = new CopyOnWriteArrayList<>();

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
