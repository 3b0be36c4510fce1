package org.openevb.evb.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.evb.EvbPortStatus;
import org.openevb.api.evb.EvbService;
import org.openevb.api.lldp.LldpAddress;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpExtension;
import org.openevb.api.lldp.LldpNeighbour;
import org.openevb.api.lldp.LldpService;
import org.openevb.codec.CodecException;
import org.openevb.codec.lldp.EvbTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.codec.lldp.PreStandardEvbTlv;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.openevb.port.virtual.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EVB TLV on every configured port, on the port's nearest-customer-bridge LLDP agent. What it
 * decides goes to the bridges: the bridge role turns a port's reflective relay on or off, the
 * station role tells the port's edge relay whether the adjacent bridge reflects for it.
 */
@Component(service = {LldpExtension.class, EvbService.class, EvbServiceImpl.class}, immediate = true)
public class EvbServiceImpl implements LldpExtension, EvbService {

    private static final Logger LOG = LoggerFactory.getLogger(EvbServiceImpl.class);
    private final RateLimitedLog malformedLog = new RateLimitedLog(LOG, 10_000);
    private static final LldpAddress ADDRESS = LldpAddress.NEAREST_CUSTOMER_BRIDGE;

    /** The LLDP service that took this extension (see {@link #attached}), or null. */
    private volatile LldpService lldp;
    private final BridgeRegistry bridges;
    private final List<EvbConfigComponent> configs = new CopyOnWriteArrayList<>();
    private final Map<String, PortEvb> ports = new HashMap<>();

    /** The exchange on one port; guarded by the service. */
    private static final class PortEvb {
        final String port;
        EvbSettings settings;
        /** Why EVB is refused on the port by configuration (a link-aggregation member), or null. */
        String refusal;
        EvbTlv remote;
        PreStandardEvbTlv remotePreStandard;
        String peer = "";
        String refused;
        EvbTlv local;
        Boolean decided;
        long remoteTlvs;
        /** EVB or pre-standard EVB TLVs received that did not decode. */
        long malformedTlvs;
        long changes;

        PortEvb(String port, EvbSettings settings) {
            this.port = port;
            this.settings = settings;
            this.refusal = EvbNegotiation.refusal(settings, port);
            this.local = EvbNegotiation.local(settings, null);
        }
    }

    @Activate
    public EvbServiceImpl(@Reference BridgeRegistry bridges) {
        this.bridges = bridges;
    }

    @Override
    public void attached(LldpService service) {
        lldp = service;
    }

    @Override
    public void detached(LldpService service) {
        if (lldp == service) {
            lldp = null;
        }
    }

    /** Asks the LLDP service to re-read what this extension sends and needs on a port. */
    private void lldpChanged(String port) {
        LldpService l = lldp;
        if (l != null) {
            l.changed(port);
        }
    }

    @Deactivate
    public void deactivate() {
        List<PortEvb> all;
        synchronized (this) {
            all = new ArrayList<>(ports.values());
            ports.clear();
        }
        all.forEach(this::withdraw);
    }

    void addConfig(EvbConfigComponent c) {
        configs.add(c);
        configsChanged();
    }

    void removeConfig(EvbConfigComponent c) {
        configs.remove(c);
        configsChanged();
    }

    /** Re-matches every known port against the configurations; ports nobody configures any more stop. */
    void configsChanged() {
        List<PortEvb> dropped = new ArrayList<>();
        List<PortEvb> changed = new ArrayList<>();
        List<String> touched = new ArrayList<>();
        synchronized (this) {
            for (PortEvb p : new ArrayList<>(ports.values())) {
                EvbSettings s = settingsFor(p.port);
                if (s == null) {
                    ports.remove(p.port);
                    dropped.add(p);
                } else if (!s.equals(p.settings)) {
                    p.settings = s;
                    String refusal = EvbNegotiation.refusal(s, p.port);
                    if (refusal != null && p.refusal == null) {
                        // refused from now on: forget the peer's TLV, so what it granted is withdrawn
                        p.remote = null;
                        p.refused = null;
                        p.peer = "";
                        LOG.info("EVB TLV on port '{}' {}", p.port, refusal);
                    }
                    p.refusal = refusal;
                    recompute(p);
                    changed.add(p);
                }
                touched.add(p.port);
            }
        }
        dropped.forEach(this::withdraw);
        changed.forEach(this::apply);
        // new ports are found when the LLDP service asks for addresses
        for (String port : touched) {
            lldpChanged(port);
        }
        if (touched.isEmpty()) {
            lldpChanged("");
        }
    }

    private EvbSettings settingsFor(String port) {
        for (EvbConfigComponent c : configs) {
            EvbSettings s = c.settings();
            if (s.valid() && s.matches(port)) {
                return s;
            }
        }
        return null;
    }

    private synchronized PortEvb state(String port) {
        PortEvb p = ports.get(port);
        if (p == null) {
            EvbSettings s = settingsFor(port);
            if (s == null) {
                return null;
            }
            p = new PortEvb(port, s);
            ports.put(port, p);
            LOG.info("EVB TLV on port '{}' as {}{}", port, s.role(), p.refusal == null ? "" : ": " + p.refusal);
        }
        return p;
    }

    // ---- LldpExtension (LLDP thread) ----

    @Override
    public Set<LldpAddress> addresses(String port) {
        return state(port) == null ? Set.of() : Set.of(ADDRESS);
    }

    @Override
    public List<LldpTlv> tlvs(LldpAgent agent) {
        if (agent.address() != ADDRESS) {
            return List.of();
        }
        synchronized (this) {
            PortEvb p = ports.get(agent.port());
            // a refused port sends LLDP without the EVB TLV, as a switch that refuses EVB there does
            return p == null || p.refusal != null ? List.of() : List.of(p.local.toTlv());
        }
    }

    @Override
    public void received(LldpAgent agent, LldpNeighbour neighbour) {
        if (agent.address() != ADDRESS) {
            return;
        }
        PortEvb p = state(agent.port());
        if (p == null || p.refusal != null) {
            return;
        }
        EvbTlv evb = null;
        PreStandardEvbTlv pre = null;
        boolean malformed = false;
        boolean preMalformed = false;
        try {
            evb = neighbour.lldpdu().evb().orElse(null);
        } catch (CodecException e) {
            malformed = true;
            malformedLog.warn("port '{}': malformed EVB TLV from {} (counted; the last good one stays in use): {}",
                    agent.port(), neighbour.id(), e.getMessage());
        }
        try {
            pre = neighbour.lldpdu().preStandardEvb().orElse(null);
        } catch (CodecException e) {
            preMalformed = true;
            malformedLog.warn("port '{}': malformed pre-standard EVB TLV from {} (counted): {}", agent.port(),
                    neighbour.id(), e.getMessage());
        }
        boolean changed;
        synchronized (this) {
            if (p.refusal != null) {
                return; // refused since the check above (a configuration change)
            }
            if (malformed || preMalformed) {
                p.malformedTlvs++;
            }
            if (malformed) {
                // a TLV that does not decode is not a TLV withdrawn: keep the last good state
                return;
            }
            EvbTlv before = p.local;
            if (!preMalformed) {
                p.remotePreStandard = pre;
            }
            if (evb != null && !p.peer.isEmpty() && !p.peer.equals(neighbour.id()) && p.remote != null) {
                // a second EVB speaker on the link does not displace the peer we negotiate with
                LOG.warn("port '{}': EVB TLV from {} ignored, the peer is {}", p.port, neighbour.id(), p.peer);
                return;
            }
            if (evb != null) {
                p.remoteTlvs++;
                p.refused = EvbNegotiation.usable(p.settings, evb);
                p.remote = p.refused == null ? evb : null;
                p.peer = neighbour.id();
            } else if (neighbour.id().equals(p.peer)) {
                // the peer stopped sending the TLV: as if it had aged out
                p.remote = null;
                p.refused = null;
            }
            recompute(p);
            changed = !p.local.equals(before);
        }
        apply(p);
        if (changed) {
            lldpChanged(p.port);
        }
    }

    @Override
    public void gone(LldpAgent agent, LldpNeighbour neighbour) {
        if (agent.address() != ADDRESS) {
            return;
        }
        PortEvb p;
        synchronized (this) {
            p = ports.get(agent.port());
            if (p == null || p.refusal != null || !neighbour.id().equals(p.peer)) {
                return;
            }
            p.remote = null;
            p.remotePreStandard = null;
            p.refused = null;
            p.peer = "";
            recompute(p);
        }
        LOG.info("port '{}': the EVB peer {} is gone", p.port, neighbour.id());
        apply(p);
        lldpChanged(p.port);
    }

    private void recompute(PortEvb p) {
        p.local = EvbNegotiation.local(p.settings, p.remote);
    }

    /** Hands the decision to the bridges; counts and logs a change. */
    private void apply(PortEvb p) {
        Boolean decided;
        boolean bridge;
        synchronized (this) {
            decided = p.remote == null ? null : EvbNegotiation.reflectiveRelay(p.settings, p.local);
            if (Objects.equals(decided, p.decided)) {
                return;
            }
            p.decided = decided;
            p.changes++;
            bridge = p.settings.bridge();
        }
        LOG.info("port '{}' ({}): reflective relay {}", p.port, bridge ? "bridge" : "station",
                decided == null ? "not negotiated" : decided ? "on" : "off");
        if (bridge) {
            bridges.setNegotiatedReflectiveRelay(p.port, decided);
        } else {
            bridges.setPeerReflectiveRelay(p.port, decided);
        }
    }

    private void withdraw(PortEvb p) {
        if (p.settings.bridge()) {
            bridges.setNegotiatedReflectiveRelay(p.port, null);
        } else {
            bridges.setPeerReflectiveRelay(p.port, null);
        }
    }

    // ---- EvbService ----

    @Override
    public synchronized List<EvbPortStatus> ports() {
        List<EvbPortStatus> out = new ArrayList<>();
        for (PortEvb p : ports.values()) {
            EvbTlv l = p.local;
            String state = p.refusal != null ? p.refusal
                    : p.refused != null ? p.refused : p.remote == null ? "waiting" : "negotiated";
            boolean gid = p.remote != null && l.bgid() && l.sgid();
            out.add(new EvbPortStatus(p.port, p.settings.role(), state, l, p.remote, p.remotePreStandard, p.peer,
                    Boolean.TRUE.equals(p.decided), l.r(), l.rte(), l.rwd(), l.rka(), gid, p.remoteTlvs, p.malformedTlvs,
                    p.changes, p.settings.vdp()));
        }
        out.sort(Comparator.comparing(EvbPortStatus::port));
        return out;
    }
}
