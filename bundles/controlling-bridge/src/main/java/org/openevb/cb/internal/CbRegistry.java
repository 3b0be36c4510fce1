package org.openevb.cb.internal;

import java.util.List;
import java.util.Optional;
import org.openevb.api.extension.ControllingBridge;
import org.openevb.api.extension.ControllingBridges;
import org.openevb.api.port.PortRegistry;
import org.openevb.port.virtual.PortConsumers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Every controlling bridge: told by the port directory when a cascade port comes or goes. */
@Component(service = {ControllingBridges.class, CbRegistry.class}, immediate = true)
public class CbRegistry extends PortConsumers<CbComponent> implements ControllingBridges {

    @Activate
    public CbRegistry(@Reference PortRegistry directory) {
        super(directory, "controlling bridge", "cascades");
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
