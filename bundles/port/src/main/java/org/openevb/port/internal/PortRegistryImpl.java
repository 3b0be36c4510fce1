package org.openevb.port.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openevb.api.driver.PortDriver;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortRegistry;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows every port and every driver. Ports wait here for their driver and take turns on one
 * supervisor thread to open, retry and close their interfaces, so a missing interface never
 * blocks a configuration thread.
 */
@Component(service = {PortRegistry.class, PortRegistryImpl.class})
public class PortRegistryImpl implements PortRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PortRegistryImpl.class);

    private final Map<String, PortDriver> drivers = new ConcurrentHashMap<>();
    private final List<PortComponent> ports = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor supervisor;

    public PortRegistryImpl() {
        supervisor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "evb-port-supervisor");
            t.setDaemon(true);
            return t;
        });
        supervisor.setRemoveOnCancelPolicy(true);
    }

    @Deactivate
    public void deactivate() {
        supervisor.shutdownNow();
        try {
            supervisor.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addDriver(PortDriver driver) {
        drivers.put(driver.name(), driver);
        LOG.info("driver '{}' available", driver.name());
        for (PortComponent port : ports) {
            port.driverAdded(driver.name());
        }
    }

    public void removeDriver(PortDriver driver) {
        drivers.remove(driver.name(), driver);
        LOG.info("driver '{}' gone", driver.name());
        for (PortComponent port : ports) {
            port.driverRemoved(driver);
        }
    }

    PortDriver driver(String name) {
        return drivers.get(name);
    }

    ScheduledExecutorService supervisor() {
        return supervisor;
    }

    /**
     * Adds a port. Returns why it conflicts with a port already present (same name or same
     * interface on the same driver), or null. A conflicting port is still listed, in ERROR.
     */
    synchronized String add(PortComponent port) {
        String conflict = conflict(port);
        ports.add(port);
        return conflict;
    }

    synchronized void remove(PortComponent port) {
        ports.remove(port);
        // a port that was refused because of this one may now be valid
        for (PortComponent other : ports) {
            other.conflictsMayHaveChanged();
        }
    }

    /** Why {@code port} conflicts with another listed, non-conflicting port, or null. */
    synchronized String conflict(PortComponent port) {
        PortSettings s = port.settings();
        for (PortComponent other : ports) {
            if (other == port || other.inConflict()) {
                continue;
            }
            PortSettings o = other.settings();
            if (o.name().equals(s.name())) {
                return "name: '" + s.name() + "' is already used by another port";
            }
            if (o.interfaceName().equals(s.interfaceName()) && o.driver().equals(s.driver())) {
                return "interface: '" + s.interfaceName() + "' is already used by port '" + o.name() + "'";
            }
        }
        return null;
    }

    @Override
    public List<Port> ports() {
        List<Port> sorted = new ArrayList<>(ports);
        sorted.sort(Comparator.comparing(Port::name));
        return sorted;
    }

    @Override
    public Optional<Port> port(String name) {
        for (PortComponent port : ports) {
            if (port.name().equals(name) && !port.inConflict()) {
                return Optional.of(port);
            }
        }
        return Optional.empty();
    }
}
