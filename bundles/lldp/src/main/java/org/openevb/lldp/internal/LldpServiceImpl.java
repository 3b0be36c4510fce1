package org.openevb.lldp.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.lldp.LldpAddress;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpExtension;
import org.openevb.api.lldp.LldpNeighbour;
import org.openevb.api.lldp.LldpService;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortListener;
import org.openevb.api.port.PortRegistry;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.port.virtual.RateLimitedLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the LLDP agents: one per (port, group address) that a configuration or an extension asks
 * for. Every agent lives on the one LLDP thread: received LLDPDUs are handed to it from the ports'
 * receive threads (bounded), timers tick on it, extensions are called on it.
 */
@Component(service = {LldpService.class, LldpServiceImpl.class}, immediate = true)
public class LldpServiceImpl implements LldpService {

    private static final Logger LOG = LoggerFactory.getLogger(LldpServiceImpl.class);
    /** LLDPDUs waiting for the LLDP thread; more are dropped (an LLDP flood must not grow memory). */
    static final int MAX_PENDING = 1024;
    private final LongAdder tickFailures = new LongAdder();
    private final RateLimitedLog tickLog = new RateLimitedLog(LOG, 10_000);
    private static final long TICK_MILLIS = 100;

    private final ScheduledThreadPoolExecutor thread;
    private final PortRegistry directory;
    private PortRegistry.Following following;
    private final List<LldpConfigComponent> configs = new CopyOnWriteArrayList<>();
    private final List<LldpExtension> extensions = new CopyOnWriteArrayList<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final LongAdder overload = new LongAdder();
    private final LongAdder notForAnAgent = new LongAdder();

    // LLDP thread only
    private final Map<String, Map<LldpAddress, Agent>> agents = new HashMap<>();
    private final Map<String, AutoCloseable> receivers = new HashMap<>();
    private volatile List<LldpAgent> snapshot = List.of();

    @Activate
    public LldpServiceImpl(@Reference PortRegistry directory) {
        this.directory = directory;
        thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "evb-lldp");
            t.setDaemon(true);
            return t;
        });
        thread.setRemoveOnCancelPolicy(true);
    }

    @Activate
    public void activate() {
        thread.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        // every arrival or departure (also a rename) is a reconciliation against the directory
        following = directory.follow(new PortListener() {
            @Override
            public void portArrived(Port port) {
                reconcile();
            }

            @Override
            public void portDeparted(Port port) {
                reconcile();
            }
        });
        reconcile();
    }

    @Deactivate
    public void deactivate() {
        if (following != null) {
            following.close();
        }
        try {
            thread.submit(() -> {
                for (String p : new ArrayList<>(agents.keySet())) {
                    stopAgents(p, true);
                }
            }).get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("LLDP agents did not stop cleanly: {}", e.toString());
        }
        thread.shutdownNow();
    }

    // ---- whiteboard ----

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addExtension(LldpExtension extension) {
        extensions.add(extension);
        extension.attached(this);
        reconcile();
    }

    public void removeExtension(LldpExtension extension) {
        extensions.remove(extension);
        extension.detached(this);
        reconcile();
    }

    void addConfig(LldpConfigComponent c) {
        configs.add(c);
        reconcile();
    }

    void removeConfig(LldpConfigComponent c) {
        configs.remove(c);
        reconcile();
    }

    List<LldpExtension> extensions() {
        return extensions;
    }

    // ---- LldpService ----

    @Override
    public List<LldpAgent> agents() {
        return snapshot;
    }

    @Override
    public void changed(String port) {
        run(() -> {
            reconcileNow();
            Map<LldpAddress, Agent> mine = agents.get(port);
            if (mine != null) {
                long now = System.nanoTime();
                mine.values().forEach(a -> a.refresh(now));
                tick();
            }
        });
    }

    /** Frames dropped because the LLDP thread was behind, and LLDPDUs for an address no agent runs on. */
    long overloadDrops() {
        return overload.sum();
    }

    long notForAnAgent() {
        return notForAnAgent.sum();
    }

    // ---- the LLDP thread ----

    void reconcile() {
        run(this::reconcileNow);
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("LLDP: {}", e.toString(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** Starts and stops agents so that they match the configurations and the extensions' needs. */
    private void reconcileNow() {
        long now = System.nanoTime();
        // the ports that hold their names: a port that lost a name collision runs no agent
        Map<String, Port> ports = new HashMap<>();
        for (Port p : directory.ports()) {
            if (directory.port(p.name()).orElse(null) == p) {
                ports.put(p.name(), p);
            }
        }
        for (String name : new ArrayList<>(agents.keySet())) {
            if (!ports.containsKey(name)) {
                stopAgents(name, false);
            }
        }
        for (Port port : ports.values()) {
            LldpSettings settings = LldpSettings.DEFAULTS;
            Set<LldpAddress> wanted = EnumSet.noneOf(LldpAddress.class);
            boolean configured = false;
            for (LldpConfigComponent c : configs) {
                LldpSettings s = c.settings();
                if (s.valid() && s.matches(port.name())) {
                    if (!configured) {
                        settings = s;
                        configured = true;
                    }
                    wanted.addAll(s.addresses());
                }
            }
            for (LldpExtension x : extensions) {
                try {
                    wanted.addAll(x.addresses(port.name()));
                } catch (RuntimeException e) {
                    extensionFailed(x, e);
                }
            }
            Map<LldpAddress, Agent> mine = agents.computeIfAbsent(port.name(), k -> new HashMap<>());
            for (LldpAddress a : LldpAddress.values()) {
                Agent agent = mine.get(a);
                if (agent != null && agent.portRef() != port) {
                    agent.stop(false);
                    mine.remove(a);
                    agent = null;
                }
                if (wanted.contains(a) && agent == null) {
                    mine.put(a, new Agent(this, port, a, settings, now));
                    LOG.info("LLDP agent started on port '{}' for {}", port.name(), a.key());
                } else if (wanted.contains(a)) {
                    agent.settings(settings, now);
                } else if (agent != null) {
                    agent.stop(true);
                    mine.remove(a);
                    LOG.info("LLDP agent stopped on port '{}' for {}", port.name(), a.key());
                }
            }
            if (mine.isEmpty()) {
                agents.remove(port.name());
                closeReceiver(port.name());
            } else if (!receivers.containsKey(port.name())) {
                try {
                    receivers.put(port.name(), port.addControlHandler(EtherType.LLDP, new Receiver()));
                } catch (IllegalStateException e) {
                    LOG.error("LLDP cannot receive on port '{}': {}", port.name(), e.getMessage());
                }
            }
        }
        publish();
    }

    private void stopAgents(String port, boolean portStillThere) {
        Map<LldpAddress, Agent> mine = agents.remove(port);
        if (mine != null) {
            mine.values().forEach(a -> a.stop(portStillThere));
        }
        closeReceiver(port);
        publish();
    }

    private void closeReceiver(String port) {
        AutoCloseable r = receivers.remove(port);
        if (r != null) {
            try {
                r.close();
            } catch (Exception e) {
                // the port is gone already
            }
        }
    }

    private void publish() {
        List<LldpAgent> all = new ArrayList<>();
        agents.values().forEach(m -> all.addAll(m.values()));
        all.sort(Comparator.comparing(LldpAgent::port).thenComparing(LldpAgent::address));
        snapshot = List.copyOf(all);
    }

    private void tick() {
        long now = System.nanoTime();
        for (Map<LldpAddress, Agent> mine : agents.values()) {
            for (Agent a : mine.values()) {
                try {
                    a.tick(now);
                } catch (RuntimeException e) {
                    // a periodic task that throws is never run again: one agent's failure must not
                    // stop LLDP on every port
                    tickFailures.increment();
                    tickLog.warn("LLDP agent on port '{}' ({}) failed its timer: {}", a.port(), a.address().key(),
                            e.toString());
                }
            }
        }
    }

    /** Timer runs of an agent that failed (the other agents went on). */
    long tickFailures() {
        return tickFailures.sum();
    }

    void received(Agent agent, LldpNeighbour n) {
        for (LldpExtension x : extensions) {
            try {
                x.received(agent, n);
            } catch (RuntimeException e) {
                extensionFailed(x, e);
            }
        }
    }

    void gone(Agent agent, LldpNeighbour n) {
        LOG.info("LLDP neighbour {} on port '{}' ({}) gone", n.id(), agent.port(), agent.address().key());
        for (LldpExtension x : extensions) {
            try {
                x.gone(agent, n);
            } catch (RuntimeException e) {
                extensionFailed(x, e);
            }
        }
    }

    void extensionFailed(LldpExtension x, RuntimeException e) {
        LOG.warn("LLDP extension {} failed: {}", x.getClass().getSimpleName(), e.toString(), e);
    }

    void malformed(Agent agent, Exception e) {
        LOG.debug("LLDP: malformed LLDPDU on port '{}': {}", agent.port(), e.getMessage());
    }

    /** Takes LLDPDUs off a port's receive thread: copies them and queues them for the LLDP thread. */
    private final class Receiver implements FrameHandler {
        @Override
        public void receive(Port ingress, Frame frame) {
            LldpAddress address = LldpAddress.of(frame.destination()).orElse(null);
            if (address == null) {
                notForAnAgent.increment();
                return;
            }
            if (pending.incrementAndGet() > MAX_PENDING) {
                pending.decrementAndGet();
                overload.increment();
                return;
            }
            byte[] bytes = frame.toByteArray();
            String port = ingress.name();
            run(() -> {
                pending.decrementAndGet();
                Map<LldpAddress, Agent> mine = agents.get(port);
                Agent agent = mine == null ? null : mine.get(address);
                if (agent == null) {
                    notForAnAgent.increment();
                    return;
                }
                agent.received(bytes, System.nanoTime());
            });
        }
    }
}
