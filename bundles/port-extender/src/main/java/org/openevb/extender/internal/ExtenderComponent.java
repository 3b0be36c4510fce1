package org.openevb.extender.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.config.LastGoodSettings;
import org.openevb.api.extension.CascadeView;
import org.openevb.api.extension.ExtendedPortView;
import org.openevb.api.extension.ExtensionDropReason;
import org.openevb.api.extension.ExtensionStatus;
import org.openevb.api.extension.PortExtender;
import org.openevb.api.extension.ReplicationGroupView;
import org.openevb.api.extension.TagFormat;
import org.openevb.api.port.Port;
import org.openevb.port.virtual.PortConsumers;
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
 * One port extender, from one factory configuration. It attaches itself as the frame handler of
 * its host, cascade and upstream ports (it is not a bridge: nothing is learned, every decision is
 * the E-CID). A reconfiguration swaps the data path between two frames and keeps the counters.
 */
@Component(configurationPid = ExtenderComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = PortExtender.class, immediate = true)
@Designate(ocd = ExtenderConfig.class, factory = true)
public class ExtenderComponent implements PortExtender, PortConsumers.Consumer {

    /** The factory PID of extender configurations. */
    public static final String PID = "org.openevb.extender";

    private static final Logger LOG = LoggerFactory.getLogger(ExtenderComponent.class);

    private final ExtenderRegistry registry;
    private final Object lock = new Object();
    private final Map<String, Counters> counters = new HashMap<>();
    private final LongAdder[] drops = new LongAdder[ExtensionDropReason.values().length];
    private final LongAdder upstreamRx = new LongAdder();
    private final LongAdder upstreamTx = new LongAdder();
    /** The settings in use, and why a newer configuration is not (kept the last good one). */
    private final LastGoodSettings<ExtenderSettings> lastGood;
    private volatile ExtenderPlane plane;
    private volatile String configError = "starting";
    private boolean stopped;

    @Activate
    public ExtenderComponent(@Reference ExtenderRegistry registry, ExtenderConfig config) {
        this.registry = registry;
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
        this.lastGood = new LastGoodSettings<>(ExtenderSettings.from(config), Map.of());
        String conflict = registry.add(this);
        synchronized (lock) {
            apply(conflict);
        }
    }

    @Modified
    public void modified(ExtenderConfig config, Map<String, Object> properties) {
        ExtenderSettings next = ExtenderSettings.from(config);
        synchronized (lock) {
            if (!lastGood.offer(next, plane != null, properties)) {
                LOG.error("extender '{}': {}", lastGood.current().name(), lastGood.problem());
                return;
            }
            LOG.info("extender '{}' reconfigured", next.name());
            apply(registry.conflict(this));
        }
    }

    @Deactivate
    public void deactivate() {
        synchronized (lock) {
            stopped = true;
            ExtenderPlane p = plane;
            if (p != null) {
                p.detachAll();
            }
            plane = null;
            configError = "extender removed";
        }
        registry.remove(this);
        LOG.info("extender '{}' stopped", settings().name());
    }

    private void apply(String conflict) {
        ExtenderSettings s = settings();
        ExtenderPlane old = plane;
        if (!s.valid() || conflict != null) {
            if (old != null) {
                old.detachAll();
            }
            plane = null;
            configError = s.valid() ? conflict : String.join("; ", s.errors());
            LOG.error("extender '{}' configuration invalid: {}", s.name(), configError);
            return;
        }
        ExtenderPlane next = new ExtenderPlane(s, n -> counters.computeIfAbsent(n, x -> new Counters()), drops,
                upstreamRx, upstreamTx);
        plane = next;
        configError = "";
        // the new handlers first: a port always has one of the two, so no frame falls between
        for (String name : s.portNames()) {
            Port port = registry.port(name);
            if (port != null) {
                next.portAdded(port);
            }
        }
        if (old != null) {
            old.detachPortsNotIn(next);
        }
        LOG.info("extender '{}' {} with {} host ports, {} cascades, {} groups, upstream '{}'", s.name(), s.format().key(),
                s.hosts().size(), s.cascades().size(), s.groups().size(), s.upstream());
    }

    ExtenderSettings settings() {
        return lastGood.current();
    }

    @Override
    public boolean valid() {
        return settings().valid();
    }

    @Override
    public Set<String> portNames() {
        return settings().portNames();
    }

    @Override
    public void portAdded(Port port) {
        synchronized (lock) {
            ExtenderPlane p = plane;
            if (!stopped && p != null) {
                p.portAdded(port);
            }
        }
    }

    @Override
    public void portRemoved(Port port) {
        synchronized (lock) {
            ExtenderPlane p = plane;
            if (p != null) {
                p.portRemoved(port);
            }
        }
    }

    // ---- PortExtender ----

    @Override
    public String name() {
        return settings().name();
    }

    @Override
    public ExtensionStatus status() {
        if (plane == null) {
            return ExtensionStatus.ERROR;
        }
        return missingPorts().isEmpty() ? ExtensionStatus.UP : ExtensionStatus.DEGRADED;
    }

    @Override
    public String reason() {
        if (plane == null) {
            return configError;
        }
        String kept = lastGood.problem();
        if (!kept.isEmpty()) {
            return kept;
        }
        List<String> missing = missingPorts();
        return missing.isEmpty() ? "" : "no port named " + String.join(", ", missing) + " (yet)";
    }

    private List<String> missingPorts() {
        List<String> out = new ArrayList<>();
        ExtenderSettings s = settings();
        if (registry.port(s.upstream()) == null) {
            out.add("'" + s.upstream() + "' (upstream)");
        }
        s.hosts().stream().filter(h -> registry.port(h.port()) == null).forEach(h -> out.add("'" + h.port() + "' (ports)"));
        s.cascades().stream().filter(c -> registry.port(c.port()) == null).forEach(c -> out.add("'" + c.port() + "' (cascades)"));
        return out;
    }

    @Override
    public CascadeView upstream() {
        ExtenderSettings s = settings();
        return new CascadeView(s.upstream(), s.format(), state(s.upstream()), upstreamRx.sum(), upstreamTx.sum(), drops());
    }

    @Override
    public List<ExtendedPortView> ports() {
        ExtenderPlane p = plane;
        List<ExtendedPortView> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        String name = p.settings.name();
        String up = p.settings.upstream();
        for (ExtenderPlane.Host h : p.hosts) {
            out.add(view(name, up, p.format, h.id, "host", "", h));
        }
        for (ExtenderPlane.Cascade c : p.cascades) {
            out.add(view(name, up, p.format, 0, "cascade", c.spec.rangeText(), c));
        }
        return out;
    }

    private ExtendedPortView view(String owner, String up, TagFormat format, int id, String kind, String range,
            ExtenderPlane.Member m) {
        Counters c = m.counters;
        return new ExtendedPortView(m.name, owner, up, format, id, kind, range, state(m.name), c.up.sum(), c.upBytes.sum(),
                c.down.sum(), c.downBytes.sum(), c.pruned.sum());
    }

    private String state(String portName) {
        Port port = registry.port(portName);
        return port == null ? "MISSING" : port.state().name();
    }

    @Override
    public List<ReplicationGroupView> groups() {
        ExtenderPlane p = plane;
        List<ReplicationGroupView> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        for (ExtenderPlane.Group g : p.groups) {
            out.add(new ReplicationGroupView(p.settings.name(), p.settings.upstream(), p.format, g.spec.id(),
                    g.spec.members(), g.frames.sum(), g.pruned.sum()));
        }
        return out;
    }

    @Override
    public org.openevb.api.view.Counters<ExtensionDropReason> drops() {
        return org.openevb.api.view.Counters.of(ExtensionDropReason.class, r -> drops[r.ordinal()].sum());
    }

    @Override
    public String toString() {
        return "extender " + name() + " (" + status() + ")";
    }
}
