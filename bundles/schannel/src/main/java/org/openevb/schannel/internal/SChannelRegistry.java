package org.openevb.schannel.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openevb.api.port.Port;
import org.openevb.api.schannel.SChannelService;
import org.openevb.api.schannel.SComponentStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Knows the S-VLAN components and the ports they run on, and tells a component when its port comes or goes. */
@Component(service = {SChannelService.class, SChannelRegistry.class}, immediate = true)
public class SChannelRegistry implements SChannelService {

    private final Map<String, Port> ports = new ConcurrentHashMap<>();
    private final List<SComponent> components = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addPort(Port port) {
        ports.put(port.name(), port);
        // only the component of that port is told, so no component waits on another's lock
        components.stream().filter(c -> c.settings().port().equals(port.name())).forEach(c -> c.portAdded(port));
    }

    public void removePort(Port port) {
        ports.remove(port.name(), port);
        components.stream().filter(c -> c.settings().port().equals(port.name())).forEach(c -> c.portRemoved(port));
    }

    Port port(String name) {
        return ports.get(name);
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
