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
import org.openevb.api.port.PortState;
import org.openevb.port.virtual.VirtualPort;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of every port of the platform, whatever made it: ports configured on an
 * interface, and the ports other components publish as services with the property
 * {@value #KIND_PROPERTY} (S-channels, extended ports). A name is unique across all of them: a
 * newcomer that takes a name already in use is in ERROR naming the port it collides with.
 *
 * <p>It also knows every driver: configured ports wait here for their driver and take turns on
 * one supervisor thread to open, retry and close their interfaces, so a missing interface never
 * blocks a configuration thread.
 */
@Component(service = {PortRegistry.class, PortRegistryImpl.class})
public class PortRegistryImpl implements PortRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(PortRegistryImpl.class);

    /** The service property that makes a published port part of the directory, e.g. s-channel. */
    public static final String KIND_PROPERTY = "evb.port.kind";

    private final Map<String, PortDriver> drivers = new ConcurrentHashMap<>();
    private final List<PortComponent> ports = new CopyOnWriteArrayList<>();
    private final List<Port> published = new CopyOnWriteArrayList<>();
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

    /** A port another component made (an S-channel, an extended port) joins the directory. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + KIND_PROPERTY + "=*)")
    public synchronized void addPublished(Port port) {
        published.add(port);
        collisions();
    }

    public synchronized void removePublished(Port port) {
        published.remove(port);
        collisions();
        for (PortComponent other : ports) {
            other.conflictsMayHaveChanged();
        }
    }

    /**
     * Marks every published port whose name an earlier port already has, and clears the mark of
     * those whose name is free again. Configured ports check themselves in {@link #conflict}.
     */
    private void collisions() {
        for (Port p : published) {
            if (p instanceof VirtualPort v) {
                String holder = holderOf(p.name(), p);
                v.collision(holder == null ? null : "name: '" + p.name() + "' is already used by " + holder);
            }
        }
    }

    /** Who else has {@code name}, described for people, or null. Configured ports come first. */
    private String holderOf(String name, Port asking) {
        for (PortComponent other : ports) {
            if (other != asking && !other.inConflict() && other.name().equals(name)) {
                return describe(other);
            }
        }
        for (Port other : published) {
            if (other == asking) {
                return null; // the earlier published port keeps the name
            }
            if (other.name().equals(name)) {
                return describe(other);
            }
        }
        return null;
    }

    /** A port as a collision message names it, e.g. "the s-channel port 'up-ch2' (S-VLAN component on 'up')". */
    private static String describe(Port p) {
        return "the " + p.kind() + " port '" + p.name() + "' (" + p.creator() + ")";
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
        collisions();
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
        for (Port other : published) {
            if (other.name().equals(s.name())) {
                return "name: '" + s.name() + "' is already used by " + describe(other);
            }
        }
        return null;
    }

    @Override
    public List<Port> ports() {
        List<Port> sorted = new ArrayList<>(ports);
        sorted.addAll(published);
        sorted.sort(Comparator.comparing(Port::name).thenComparing(Port::kind));
        return sorted;
    }

    @Override
    public Optional<Port> port(String name) {
        for (PortComponent port : ports) {
            if (port.name().equals(name) && !port.inConflict()) {
                return Optional.of(port);
            }
        }
        for (Port port : published) {
            if (port.name().equals(name) && port.state() != PortState.ERROR) {
                return Optional.of(port);
            }
        }
        return Optional.empty();
    }
}
