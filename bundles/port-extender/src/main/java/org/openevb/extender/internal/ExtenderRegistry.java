package org.openevb.extender.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openevb.api.extension.PortExtender;
import org.openevb.api.extension.PortExtenders;
import org.openevb.api.port.Port;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Knows every extender and every port, and tells extenders when a port they use comes or goes. */
@Component(service = {PortExtenders.class, ExtenderRegistry.class}, immediate = true)
public class ExtenderRegistry implements PortExtenders {

    private final Map<String, Port> ports = new ConcurrentHashMap<>();
    private final List<ExtenderComponent> extenders = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addPort(Port port) {
        ports.put(port.name(), port);
        extenders.forEach(e -> e.portAdded(port));
    }

    public void removePort(Port port) {
        ports.remove(port.name(), port);
        extenders.forEach(e -> e.portRemoved(port));
    }

    Port port(String name) {
        return ports.get(name);
    }

    /** Adds an extender; returns why it conflicts with another (same name, or a port in both), or null. */
    synchronized String add(ExtenderComponent extender) {
        String conflict = conflict(extender);
        extenders.add(extender);
        return conflict;
    }

    synchronized void remove(ExtenderComponent extender) {
        extenders.remove(extender);
    }

    synchronized String conflict(ExtenderComponent extender) {
        ExtenderSettings s = extender.settings();
        for (ExtenderComponent other : extenders) {
            if (other == extender || !other.settings().valid()) {
                continue;
            }
            if (other.settings().name().equals(s.name())) {
                return "name: '" + s.name() + "' is already used by another extender";
            }
            for (String p : s.portNames()) {
                if (other.settings().portNames().contains(p)) {
                    return "ports: '" + p + "' already belongs to extender '" + other.settings().name() + "'";
                }
            }
        }
        return null;
    }

    @Override
    public List<PortExtender> extenders() {
        List<PortExtender> sorted = new ArrayList<>(extenders);
        sorted.sort(Comparator.comparing(PortExtender::name));
        return sorted;
    }

    @Override
    public Optional<PortExtender> extender(String name) {
        return extenders.stream().filter(e -> e.name().equals(name)).map(e -> (PortExtender) e).findFirst();
    }
}
