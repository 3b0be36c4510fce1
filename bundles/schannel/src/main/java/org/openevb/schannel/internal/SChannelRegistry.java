package org.openevb.schannel.internal;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortListener;
import org.openevb.api.port.PortRegistry;
import org.openevb.api.schannel.SChannelService;
import org.openevb.api.schannel.SComponentStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Knows the S-VLAN components, follows the port directory, and tells a component when its port
 * comes or goes.
 */
@Component(service = {SChannelService.class, SChannelRegistry.class}, immediate = true)
public class SChannelRegistry implements SChannelService {

    private final PortRegistry directory;
    private final List<SComponent> components = new CopyOnWriteArrayList<>();
    private final PortRegistry.Following following;

    @Activate
    public SChannelRegistry(@Reference PortRegistry directory) {
        this.directory = directory;
        this.following = directory.follow(new PortListener() {
            @Override
            public void portArrived(Port port) {
                // only the component of that port is told, so no component waits on another's lock
                components.stream().filter(c -> c.settings().port().equals(port.name())).forEach(c -> c.portAdded(port));
            }

            @Override
            public void portDeparted(Port port) {
                // every component: a renamed port departs already answering to its new name, and
                // each one checks whether it is its own
                components.forEach(c -> c.portRemoved(port));
            }
        });
    }

    @Deactivate
    public void deactivate() {
        following.close();
    }

    /** The port that holds that name in the directory, or null. */
    Port port(String name) {
        return directory.port(name).orElse(null);
    }

    /** Adds a component; returns why it conflicts with another (same port), or null. */
    synchronized String add(SComponent component) {
        String conflict = conflict(component);
        components.add(component);
        return conflict;
    }

    synchronized void remove(SComponent component) {
        components.remove(component);
    }

    synchronized String conflict(SComponent component) {
        for (SComponent other : components) {
            if (other != component && other.active() && other.settings().port().equals(component.settings().port())) {
                return "port: '" + component.settings().port() + "' already has an S-VLAN component";
            }
        }
        return null;
    }

    @Override
    public List<SComponentStatus> components() {
        return components.stream().map(SComponent::status).sorted(Comparator.comparing(SComponentStatus::port)).toList();
    }
}
