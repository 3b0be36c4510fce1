package org.openevb.cb.internal;

import java.util.List;
import java.util.Optional;
import org.openevb.api.extension.ControllingBridge;
import org.openevb.api.extension.ControllingBridges;
import org.openevb.api.port.Port;
import org.openevb.port.virtual.PortConsumers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Knows every controlling bridge and every port, and tells them when a cascade port comes or goes. */
@Component(service = {ControllingBridges.class, CbRegistry.class}, immediate = true)
public class CbRegistry extends PortConsumers<CbComponent> implements ControllingBridges {

    public CbRegistry() {
        super("controlling bridge", "cascades");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addPort(Port port) {
        portAdded(port);
    }

    public void removePort(Port port) {
        portRemoved(port);
    }

    @Override
    public List<ControllingBridge> bridges() {
        return List.copyOf(consumers());
    }

    @Override
    public Optional<ControllingBridge> bridge(String name) {
        return consumer(name).map(b -> b);
    }
}
