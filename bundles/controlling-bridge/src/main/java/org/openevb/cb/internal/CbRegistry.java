package org.openevb.cb.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openevb.api.extension.ControllingBridge;
import org.openevb.api.extension.ControllingBridges;
import org.openevb.api.port.Port;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Knows every controlling bridge and every port, and tells them when a cascade port comes or goes. */
@Component(service = {ControllingBridges.class, CbRegistry.class}, immediate = true)
public class CbRegistry implements ControllingBridges {

    private final Map<String, Port> ports = new ConcurrentHashMap<>();
    private final List<CbComponent> bridges = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addPort(Port port) {
        ports.put(port.name(), port);
        bridges.forEach(b -> b.portChanged(port));
    }

    public void removePort(Port port) {
        ports.remove(port.name(), port);
        bridges.forEach(b -> b.portChanged(port));
    }

    Port port(String name) {
        return ports.get(name);
    }

    synchronized String add(CbComponent bridge) {
        String conflict = conflict(bridge);
        bridges.add(bridge);
        return conflict;
    }

    synchronized void remove(CbComponent bridge) {
        bridges.remove(bridge);
    }

    /** Why the bridge conflicts with another (same name, or a cascade port in both), or null. */
    synchronized String conflict(CbComponent bridge) {
        CbSettings s = bridge.settings();
        for (CbComponent other : bridges) {
            if (other == bridge || !other.settings().valid()) {
                continue;
            }
            if (other.settings().name().equals(s.name())) {
                return "name: '" + s.name() + "' is already used by another controlling bridge";
            }
            for (CbSettings.CascadeSpec c : s.cascades()) {
                if (other.settings().cascade(c.port()) != null) {
                    return "cascades: '" + c.port() + "' already belongs to controlling bridge '" + other.settings().name() + "'";
                }
            }
        }
        return null;
    }

    @Override
    public List<ControllingBridge> bridges() {
        List<ControllingBridge> sorted = new ArrayList<>(bridges);
        sorted.sort(Comparator.comparing(ControllingBridge::name));
        return sorted;
    }

    @Override
    public Optional<ControllingBridge> bridge(String name) {
        return bridges.stream().filter(b -> b.name().equals(name)).map(b -> (ControllingBridge) b).findFirst();
    }
}
