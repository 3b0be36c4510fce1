package org.openevb.extender.internal;

import java.util.List;
import java.util.Optional;
import org.openevb.api.extension.PortExtender;
import org.openevb.api.extension.PortExtenders;
import org.openevb.api.port.Port;
import org.openevb.port.virtual.PortConsumers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Knows every extender and every port, and tells extenders when a port they use comes or goes. */
@Component(service = {PortExtenders.class, ExtenderRegistry.class}, immediate = true)
public class ExtenderRegistry extends PortConsumers<ExtenderComponent> implements PortExtenders {

    public ExtenderRegistry() {
        super("extender", "ports");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addPort(Port port) {
        portAdded(port);
    }

    public void removePort(Port port) {
        portRemoved(port);
    }

    @Override
    public List<PortExtender> extenders() {
        return List.copyOf(consumers());
    }

    @Override
    public Optional<PortExtender> extender(String name) {
        return consumer(name).map(e -> e);
    }
}
