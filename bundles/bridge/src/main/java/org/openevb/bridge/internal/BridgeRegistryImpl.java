package org.openevb.bridge.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.bridge.ForwardingMode;
import org.openevb.api.policy.AclService;
import org.openevb.api.policy.PacketFilter;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortListener;
import org.openevb.api.port.PortRegistry;
import org.openevb.api.vdp.VdpService;
import org.openevb.api.vdp.VsiAssociations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows every bridge and every forwarding mode, follows the port directory, and tells bridges
 * when a mode or a port comes or goes, so that a bridge never restarts for either. Also ages every
 * FDB once a second.
 */
@Component(service = {BridgeRegistry.class, BridgeRegistryImpl.class}, immediate = true)
public class BridgeRegistryImpl implements BridgeRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeRegistryImpl.class);

    private final Map<String, ForwardingMode> modes = new ConcurrentHashMap<>();
    private final PortRegistry directory;
    private final List<BridgeComponent> bridges = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> negotiatedReflectiveRelay = new ConcurrentHashMap<>();
    private final Map<String, Boolean> peerReflectiveRelay = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor aging;
    /**
     * The FDB's clock (System.nanoTime), at most {@value #CLOCK_MILLIS} ms old: the receive threads
     * read a volatile instead of the system clock for every frame, and aging counts in seconds.
     */
    private volatile long now = System.nanoTime();
    static final long CLOCK_MILLIS = 10;

    private final PortRegistry.Following following;
    /** What VDP's bridge role admits now; NONE without VDP. */
    private volatile VsiAssociations associations = VsiAssociations.NONE;
    private final Map<VdpService, AutoCloseable> vdpFollowing = new ConcurrentHashMap<>();
    /** The ACLs, when their service runs. */
    private volatile AclService aclService;

    @Activate
    public BridgeRegistryImpl(@Reference PortRegistry directory) {
        aging = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "evb-fdb-aging");
            t.setDaemon(true);
            return t;
        });
        this.directory = directory;
        this.following = directory.follow(new PortListener() {
            @Override
            public void portArrived(Port port) {
                bridges.forEach(b -> b.portAdded(port));
            }

            @Override
            public void portDeparted(Port port) {
                bridges.forEach(b -> b.portRemoved(port));
            }
        });
    }

    @Activate
    public void activate() {
        aging.scheduleAtFixedRate(() -> now = System.nanoTime(), CLOCK_MILLIS, CLOCK_MILLIS, TimeUnit.MILLISECONDS);
        aging.scheduleWithFixedDelay(() -> bridges.forEach(BridgeComponent::age), 1, 1, TimeUnit.SECONDS);
    }

    /** Now, for the FDB (see {@link #now}). */
    long now() {
        return now;
    }

    @Deactivate
    public void deactivate() {
        following.close();
        aging.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addMode(ForwardingMode mode) {
        modes.put(mode.name(), mode);
        LOG.info("forwarding mode '{}' available", mode.name());
        bridges.forEach(b -> b.modeAdded(mode));
    }

    public void removeMode(ForwardingMode mode) {
        modes.remove(mode.name(), mode);
        LOG.info("forwarding mode '{}' gone", mode.name());
        bridges.forEach(b -> b.modeRemoved(mode));
    }

    /**
     * VDP, when it runs: its associations decide what passes on bridge ports where it runs in the
     * bridge role (for bridges whose {@code vsi.enforcement} is not off).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void setVdp(VdpService vdp) {
        vdpFollowing.put(vdp, vdp.followAssociations(this::associations));
    }

    public void unsetVdp(VdpService vdp) {
        AutoCloseable f = vdpFollowing.remove(vdp);
        try {
            if (f != null) {
                f.close();
            }
        } catch (Exception e) {
            LOG.warn("following VDP's associations did not stop cleanly: {}", e.toString());
        }
        associations(VsiAssociations.NONE);
    }

    /** The ACLs bound to bridge ports, by name, when the service runs (else they drop as unavailable). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void setAclService(AclService acls) {
        aclService = acls;
        bridges.forEach(BridgeComponent::aclServiceChanged);
    }

    public void unsetAclService(AclService acls) {
        if (aclService == acls) {
            aclService = null;
            bridges.forEach(BridgeComponent::aclServiceChanged);
        }
    }

    /** The filter of the ACL named so: the service's, or one that answers unavailable while there is none. */
    PacketFilter acl(String name) {
        AclService s = aclService;
        return s == null ? PacketFilter.unavailable(name) : s.filter(name);
    }

    /** The associations now (VDP tells them, or a test). */
    void associations(VsiAssociations next) {
        if (!next.equals(associations)) {
            associations = next;
            LOG.info("VDP bridge role: {} VSIs associated on {} ports", next.vsis().size(), next.ports().size());
            bridges.forEach(BridgeComponent::associationsChanged);
        }
    }

    VsiAssociations associations() {
        return associations;
    }

    ForwardingMode mode(String name) {
        return modes.get(name);
    }

    /** The port that holds that name in the directory, or null. */
    Port port(String name) {
        return directory.port(name).orElse(null);
    }

    /** Adds a bridge; returns why it conflicts with another (same name, or a port in both), or null. */
    synchronized String add(BridgeComponent bridge) {
        String conflict = conflict(bridge);
        bridges.add(bridge);
        return conflict;
    }

    synchronized void remove(BridgeComponent bridge) {
        bridges.remove(bridge);
    }

    synchronized String conflict(BridgeComponent bridge) {
        BridgeSettings s = bridge.settings();
        for (BridgeComponent other : bridges) {
            if (other == bridge || !other.settings().valid()) {
                continue;
            }
            if (other.settings().name().equals(s.name())) {
                return "name: '" + s.name() + "' is already used by another bridge";
            }
            for (BridgeSettings.PortSpec p : s.ports()) {
                if (other.settings().indexOf(p.name()) >= 0) {
                    return "ports: '" + p.name() + "' already belongs to bridge '" + other.settings().name() + "'";
                }
            }
        }
        return null;
    }

    @Override
    public List<Bridge> bridges() {
        List<Bridge> sorted = new ArrayList<>(bridges);
        sorted.sort(Comparator.comparing(Bridge::name));
        return sorted;
    }

    @Override
    public Optional<Bridge> bridge(String name) {
        return bridges.stream().filter(b -> b.name().equals(name)).map(b -> (Bridge) b).findFirst();
    }

    @Override
    public List<String> modes() {
        return modes.keySet().stream().sorted().toList();
    }

    @Override
    public void setNegotiatedReflectiveRelay(String port, Boolean on) {
        if (!Objects.equals(put(negotiatedReflectiveRelay, port, on), on)) {
            LOG.info("port '{}': negotiated reflective relay {}", port, on == null ? "withdrawn" : on ? "on" : "off");
            bridges.forEach(BridgeComponent::relayStatesChanged);
        }
    }

    @Override
    public void setPeerReflectiveRelay(String port, Boolean granted) {
        if (!Objects.equals(put(peerReflectiveRelay, port, granted), granted)) {
            LOG.info("port '{}': the adjacent bridge's reflective relay is {}", port,
                    granted == null ? "unknown" : granted ? "granted" : "refused");
            bridges.forEach(BridgeComponent::relayStatesChanged);
        }
    }

    private static Boolean put(Map<String, Boolean> map, String key, Boolean value) {
        return value == null ? map.remove(key) : map.put(key, value);
    }

    /** The negotiated reflective relay of a port, or null. */
    Boolean negotiatedReflectiveRelay(String port) {
        return negotiatedReflectiveRelay.get(port);
    }

    /** Whether a port's peer reflects for us, or null when unknown. */
    Boolean peerReflectiveRelay(String port) {
        return peerReflectiveRelay.get(port);
    }
}
