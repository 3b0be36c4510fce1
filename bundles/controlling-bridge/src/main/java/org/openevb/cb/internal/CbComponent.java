package org.openevb.cb.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.config.LastGoodSettings;
import org.openevb.api.extension.CascadeView;
import org.openevb.api.extension.ControllingBridge;
import org.openevb.api.extension.ExtendedPortView;
import org.openevb.api.extension.ExtensionDropReason;
import org.openevb.api.extension.ExtensionStatus;
import org.openevb.api.extension.ReplicationGroupView;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortCounters;
import org.openevb.api.view.Counters;
import org.openevb.port.virtual.PortConsumers;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One controlling bridge's port extension side, from one factory configuration. While a cascade
 * port exists, it is attached to it and publishes one extended port per configured E-CID / vif as
 * a {@link Port} service, for a bridge configuration to list. Publishing and withdrawing run on
 * one thread of their own, so a service registration never happens inside a caller's lock.
 */
@Component(configurationPid = CbComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = ControllingBridge.class, immediate = true)
@Designate(ocd = CbConfig.class, factory = true)
public class CbComponent implements ControllingBridge, PortConsumers.Consumer {

    /** The factory PID of controlling bridge configurations. */
    public static final String PID = "org.openevb.cb";

    private static final Logger LOG = LoggerFactory.getLogger(CbComponent.class);

    private final CbRegistry registry;
    private final PortPublisher publisher;
    private final ExecutorService worker;
    /** Counters per cascade port name, kept across reconfigurations. */
    private final Map<String, CascadeCounters> counters = new ConcurrentHashMap<>();
    /** The settings in use, and why a newer configuration is not (kept the last good one). */
    private final LastGoodSettings<CbSettings> lastGood;
    private volatile String conflict;
    private volatile Map<String, Cascade> live = Map.of();
    // worker thread only
    private final Map<Cascade, List<AutoCloseable>> published = new HashMap<>();

    private static final class CascadeCounters {
        final LongAdder rx = new LongAdder();
        final LongAdder tx = new LongAdder();
        final LongAdder[] drops = new LongAdder[ExtensionDropReason.values().length];

        CascadeCounters() {
            for (int i = 0; i < drops.length; i++) {
                drops[i] = new LongAdder();
            }
        }
    }

    @Activate
    public CbComponent(@Reference CbRegistry registry, BundleContext context, CbConfig config) {
        this(registry, port -> {
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("name", port.name());
            props.put("evb.extended.port", Boolean.TRUE);
            props.put("evb.port.kind", port.kind());
            ServiceRegistration<Port> r = context.registerService(Port.class, port, props);
            return r::unregister;
        }, config);
    }

    CbComponent(CbRegistry registry, PortPublisher publisher, CbConfig config) {
        this.registry = registry;
        this.publisher = publisher;
        this.lastGood = new LastGoodSettings<>(CbSettings.from(config), Map.of());
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "evb-cb-" + settings().name());
            t.setDaemon(true);
            return t;
        });
        conflict = registry.add(this);
        worker.execute(this::sync);
    }

    @Modified
    public void modified(CbConfig config, Map<String, Object> properties) {
        CbSettings next = CbSettings.from(config);
        if (!lastGood.offer(next, status() != ExtensionStatus.ERROR, properties)) {
            LOG.error("controlling bridge '{}': {}", lastGood.current().name(), lastGood.problem());
            return;
        }
        conflict = registry.conflict(this);
        LOG.info("controlling bridge '{}' reconfigured", settings().name());
        worker.execute(this::sync);
    }

    @Deactivate
    public void deactivate() {
        registry.remove(this);
        worker.execute(() -> {
            for (Cascade c : live.values()) {
                withdraw(c);
                c.carrier.release(c);
            }
            live = Map.of();
        });
        worker.shutdown();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("controlling bridge '{}': withdrawing its ports took more than 5 s", settings().name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("controlling bridge '{}' stopped", settings().name());
    }

    CbSettings settings() {
        return lastGood.current();
    }

    @Override
    public boolean valid() {
        return settings().valid();
    }

    @Override
    public List<String> portNames() {
        return settings().cascades().stream().map(CbSettings.CascadeSpec::port).toList();
    }

    @Override
    public void portAdded(Port port) {
        if (settings().cascade(port.name()) != null) {
            resync();
        }
    }

    @Override
    public void portRemoved(Port port) {
        // by identity too: a renamed port departs already answering to its new name
        if (settings().cascade(port.name()) != null || live.values().stream().anyMatch(c -> c.carrier == port)) {
            resync();
        }
    }

    /** A cascade port came or went: bring the cascades in line. */
    private void resync() {
        if (!worker.isShutdown()) {
            worker.execute(this::sync);
        }
    }

    /** Brings attachments and published ports in line with the settings and the present ports (worker thread). */
    private void sync() {
        CbSettings s = settings();
        Map<String, Cascade> previous = live;
        Map<String, Cascade> next = new HashMap<>();
        if (s.valid() && conflict == null) {
            for (CbSettings.CascadeSpec spec : s.cascades()) {
                Port carrier = registry.port(spec.port());
                if (carrier == null) {
                    continue;
                }
                Cascade old = previous.get(spec.port());
                if (old != null && old.carrier == carrier && old.spec.equals(spec)) {
                    next.put(spec.port(), old);
                } else {
                    CascadeCounters c = counters.computeIfAbsent(spec.port(), n -> new CascadeCounters());
                    next.put(spec.port(), new Cascade(spec, carrier, c.drops, c.rx, c.tx));
                }
            }
        } else {
            LOG.error("controlling bridge '{}' configuration invalid: {}", s.name(), reason());
        }
        for (Cascade c : next.values()) {
            if (previous.get(c.spec.port()) != c) {
                c.carrier.claim("controlling bridge '" + settings().name() + "'", c);
            }
        }
        live = Map.copyOf(next);
        for (Cascade old : previous.values()) {
            if (next.get(old.spec.port()) != old) {
                withdraw(old);
                // a successor on the same carrier has replaced this claim already
                old.carrier.release(old);
            }
        }
        for (Cascade c : next.values()) {
            if (!published.containsKey(c)) {
                List<AutoCloseable> handles = new ArrayList<>();
                for (ExtendedPort p : c.ports) {
                    handles.add(publisher.publish(p));
                }
                published.put(c, handles);
                LOG.info("controlling bridge '{}': cascade '{}' ({}) with {} extended ports, {} groups", s.name(),
                        c.spec.port(), c.spec.format().key(), c.ports.length, c.groups.length);
            }
        }
    }

    private void withdraw(Cascade c) {
        List<AutoCloseable> handles = published.remove(c);
        if (handles == null) {
            return;
        }
        for (AutoCloseable h : handles) {
            try {
                h.close();
            } catch (Exception e) {
                LOG.warn("controlling bridge '{}': withdrawing an extended port failed: {}", settings().name(), e.toString());
            }
        }
    }

    // ---- ControllingBridge ----

    @Override
    public String name() {
        return settings().name();
    }

    @Override
    public ExtensionStatus status() {
        CbSettings s = settings();
        if (!s.valid() || conflict != null) {
            return ExtensionStatus.ERROR;
        }
        return missing(s).isEmpty() ? ExtensionStatus.UP : ExtensionStatus.DEGRADED;
    }

    @Override
    public String reason() {
        CbSettings s = settings();
        if (!s.valid()) {
            return String.join("; ", s.errors());
        }
        String kept = lastGood.problem();
        if (!kept.isEmpty()) {
            return kept;
        }
        if (conflict != null) {
            return conflict;
        }
        List<String> missing = missing(s);
        return missing.isEmpty() ? "" : "cascades: no port named " + String.join(", ", missing) + " (yet)";
    }

    private List<String> missing(CbSettings s) {
        List<String> out = new ArrayList<>();
        for (CbSettings.CascadeSpec c : s.cascades()) {
            if (registry.port(c.port()) == null) {
                out.add("'" + c.port() + "'");
            }
        }
        return out;
    }

    @Override
    public List<CascadeView> cascades() {
        List<CascadeView> out = new ArrayList<>();
        for (CbSettings.CascadeSpec spec : settings().cascades()) {
            CascadeCounters c = counters.get(spec.port());
            Counters<ExtensionDropReason> drops = Counters.of(ExtensionDropReason.class,
                    r -> c == null ? 0 : c.drops[r.ordinal()].sum());
            Port p = registry.port(spec.port());
            out.add(new CascadeView(spec.port(), spec.format(), p == null ? "MISSING" : p.state().name(),
                    c == null ? 0 : c.rx.sum(), c == null ? 0 : c.tx.sum(), drops));
        }
        return out;
    }

    @Override
    public List<ExtendedPortView> extendedPorts() {
        List<ExtendedPortView> out = new ArrayList<>();
        Map<String, Cascade> now = live;
        for (CbSettings.CascadeSpec spec : settings().cascades()) {
            Cascade c = now.get(spec.port());
            for (int id : spec.ids()) {
                ExtendedPort p = c == null || !c.spec.equals(spec) ? null : find(c, id);
                PortCounters k = p == null ? null : p.counters();
                out.add(new ExtendedPortView(spec.portName(id), name(), spec.port(), spec.format(), id, "extended", "",
                        p == null ? "MISSING" : p.state().name(), k == null ? 0 : k.rxFrames(), k == null ? 0 : k.rxBytes(),
                        k == null ? 0 : k.txFrames(), k == null ? 0 : k.txBytes(), 0));
            }
        }
        return out;
    }

    private static ExtendedPort find(Cascade c, int id) {
        for (ExtendedPort p : c.ports) {
            if (p.id == id) {
                return p;
            }
        }
        return null;
    }

    @Override
    public List<ReplicationGroupView> groups() {
        List<ReplicationGroupView> out = new ArrayList<>();
        Map<String, Cascade> now = live;
        for (CbSettings.CascadeSpec spec : settings().cascades()) {
            Cascade c = now.get(spec.port());
            for (CbSettings.GroupSpec g : spec.groups()) {
                Cascade.Group running = null;
                if (c != null) {
                    for (Cascade.Group x : c.groups) {
                        if (x.spec.equals(g)) {
                            running = x;
                        }
                    }
                }
                List<String> members = new ArrayList<>();
                for (int m : g.members()) {
                    members.add(spec.portName(m));
                }
                out.add(new ReplicationGroupView(name(), spec.port(), spec.format(), g.id(), members,
                        running == null ? 0 : running.frames.sum(), running == null ? 0 : running.pruned.sum()));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "controlling bridge " + name() + " (" + status() + ")";
    }
}
