package org.openevb.port.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.driver.PortDriver;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortListener;
import org.openevb.api.port.PortRegistry;
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
    private final List<Follower> followers = new CopyOnWriteArrayList<>();
    private final LongAdder listenerFailures = new LongAdder();
    /** The port holding each name; replaced under this lock by {@link #reevaluate}, read without it. */
    private volatile Map<String, Port> holders = Map.of();
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
    public void addPublished(Port port) {
        synchronized (this) {
            published.add(port);
            reevaluate();
        }
        deliver();
    }

    public void removePublished(Port port) {
        synchronized (this) {
            published.remove(port);
            reevaluate();
        }
        deliver();
        conflictsMayHaveChanged();
    }

    /**
     * Decides again who holds each name and tells the followers; call after anything that can
     * change it (a port added, removed, renamed, reconfigured or re-admitted). Also marks every
     * published port whose name another port holds, and clears the mark of those whose name is
     * free again (configured ports check themselves in {@link #conflict}).
     *
     * <p>Configured ports not in conflict come first, then published ports in the order they
     * came: the first to take a name holds it.
     */
    private void reevaluate() {
        Map<String, Port> next = new HashMap<>();
        for (PortComponent p : ports) {
            if (!p.inConflict()) {
                next.putIfAbsent(p.name(), p);
            }
        }
        for (Port p : published) {
            next.putIfAbsent(p.name(), p);
        }
        for (Port p : published) {
            if (p instanceof VirtualPort v) {
                Port holder = next.get(p.name());
                v.collision(holder == p ? null : "name: '" + p.name() + "' is already used by " + describe(holder));
            }
        }
        holders = Map.copyOf(next);
        for (Follower f : followers) {
            f.catchUp(next);
        }
    }

    /** Hands the followers what {@link #reevaluate} queued; never with this lock held. */
    private void deliver() {
        for (Follower f : followers) {
            f.drain();
        }
    }

    /** Reevaluates and tells the followers: a port's name, configuration or conflict changed. */
    void changed() {
        synchronized (this) {
            reevaluate();
        }
        deliver();
    }

    /** As {@link #changed}, and a port refused because of this one's name or interface may now be valid. */
    void reconfigured() {
        changed();
        conflictsMayHaveChanged();
    }

    private void conflictsMayHaveChanged() {
        for (PortComponent other : ports) {
            other.conflictsMayHaveChanged();
        }
    }

    @Override
    public Following follow(PortListener listener) {
        Follower f = new Follower(listener);
        synchronized (this) {
            followers.add(f);
            f.catchUp(holders);
        }
        f.drain();
        return f;
    }

    /**
     * Whether every follower has been told everything: no event waits and no thread is handing
     * one over. Another thread may be delivering a change a caller made (see {@link Follower}),
     * so a test that needs its change seen waits for this.
     */
    public boolean idle() {
        for (Follower f : followers) {
            if (!f.idle()) {
                return false;
            }
        }
        return true;
    }

    /** How many times a follower's listener threw (each is logged). */
    long listenerFailures() {
        return listenerFailures.sum();
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
     * interface on the same driver), or null. A conflicting port is still listed, in ERROR, and
     * does not hold its name.
     */
    String add(PortComponent port) {
        String conflict;
        synchronized (this) {
            conflict = conflict(port);
            port.inConflict(conflict != null);
            ports.add(port);
            reevaluate();
        }
        deliver();
        return conflict;
    }

    void remove(PortComponent port) {
        synchronized (this) {
            ports.remove(port);
            reevaluate();
        }
        deliver();
        // a port that was refused because of this one may now be valid
        conflictsMayHaveChanged();
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
        return Optional.ofNullable(holders.get(name));
    }

    /**
     * One listener and what it has been told: the ports announced, with the name each arrived
     * under. Events are queued under the directory's lock, in the order of the changes, and handed
     * to the listener one at a time by whichever thread finds nobody else doing it, with no lock
     * held, so a listener may look ports up or change the directory (its own events wait).
     */
    private final class Follower implements Following {
        private record Event(Port port, boolean arrived) {
        }

        private final PortListener listener;
        /** Guarded by the directory's lock. */
        private final Map<Port, String> told = new IdentityHashMap<>();
        /** Guarded by this. */
        private final ArrayDeque<Event> queue = new ArrayDeque<>();
        private boolean delivering;

        Follower(PortListener listener) {
            this.listener = listener;
        }

        /**
         * Queues the departures and arrivals that bring what it was told in line with {@code
         * holders}, each by name: departures first, so a name changing hands leaves before it comes.
         */
        void catchUp(Map<String, Port> holders) {
            List<Map.Entry<Port, String>> gone = new ArrayList<>();
            for (var e : told.entrySet()) {
                if (holders.get(e.getValue()) != e.getKey()) {
                    gone.add(Map.entry(e.getKey(), e.getValue()));
                }
            }
            gone.sort(Map.Entry.comparingByValue());
            List<Event> events = new ArrayList<>();
            for (var e : gone) {
                told.remove(e.getKey());
                events.add(new Event(e.getKey(), false));
            }
            for (var e : new TreeMap<>(holders).entrySet()) {
                if (!told.containsKey(e.getValue())) {
                    told.put(e.getValue(), e.getKey());
                    events.add(new Event(e.getValue(), true));
                }
            }
            synchronized (this) {
                queue.addAll(events);
            }
        }

        synchronized boolean idle() {
            return !delivering && queue.isEmpty();
        }

        void drain() {
            synchronized (this) {
                if (delivering) {
                    return;
                }
                delivering = true;
            }
            boolean done = false;
            try {
                while (!done) {
                    Event e;
                    synchronized (this) {
                        e = queue.poll();
                        if (e == null) {
                            delivering = false;
                            done = true;
                            continue;
                        }
                    }
                    tell(e);
                }
            } finally {
                if (!done) {
                    // an Error escaped the listener: the next change delivers what is left
                    synchronized (this) {
                        delivering = false;
                    }
                }
            }
        }

        private void tell(Event e) {
            try {
                if (e.arrived) {
                    listener.portArrived(e.port);
                } else {
                    listener.portDeparted(e.port);
                }
            } catch (RuntimeException x) {
                listenerFailures.increment();
                LOG.warn("port directory: a listener failed on the {} of port '{}': {}",
                        e.arrived ? "arrival" : "departure", e.port.name(), x.toString(), x);
            }
        }

        /** Stops following: every port still announced departs. */
        @Override
        public void close() {
            synchronized (PortRegistryImpl.this) {
                if (!followers.remove(this)) {
                    return;
                }
                catchUp(Map.of());
            }
            drain();
        }
    }
}
