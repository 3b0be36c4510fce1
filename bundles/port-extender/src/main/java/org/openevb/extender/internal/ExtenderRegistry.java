package org.openevb.extender.internal;

import java.util.List;
import java.util.Optional;
import org.openevb.api.extension.PortExtender;
import org.openevb.api.extension.PortExtenders;
import org.openevb.api.port.PortRegistry;
import org.openevb.port.virtual.PortConsumers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Every port extender: told by the port directory when a port it uses comes or goes. */
@Component(service = {PortExtenders.class, ExtenderRegistry.class}, immediate = true)
public class ExtenderRegistry extends PortConsumers<ExtenderComponent> implements PortExtenders {

    @Activate
    public ExtenderRegistry(@Reference PortRegistry directory) {
        super(directory, "extender", "ports");
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
