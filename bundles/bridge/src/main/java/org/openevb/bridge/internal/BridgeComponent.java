package org.openevb.bridge.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.bridge.FdbEntry;
import org.openevb.api.bridge.FdbStats;
import org.openevb.api.bridge.ForwardingMode;
import org.openevb.api.bridge.VsiTraffic;
import org.openevb.api.config.ConfigFiles;
import org.openevb.api.policy.PacketFilter;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
import org.openevb.api.vdp.AssociatedVsi;
import org.openevb.api.vdp.VsiAssociations;
import org.openevb.api.vdp.VsiPolicy;
import org.openevb.api.view.Counters;
import org.openevb.api.view.ThreadOwnedCounter;
import org.openevb.codec.Frame;
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
 * One bridge or edge relay, from one factory configuration. It owns its ports' attachments, FDB,
 * VLAN tables and counters; the forwarding mode is one volatile reference read once per frame, so
 * a mode swap (configuration change, or the mode's bundle going or coming) takes effect between
 * two frames without touching ports, FDB or counters.
 */
@Component(configurationPid = BridgeComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = Bridge.class, immediate = true)
@Designate(ocd = BridgeConfig.class, factory = true)
public class BridgeComponent implements Bridge {

    /** The factory PID of bridge configurations. */
    public static final String PID = "org.openevb.bridge";

    private static final Logger LOG = LoggerFactory.getLogger(BridgeComponent.class);

    private final BridgeRegistryImpl registry;
    private final Object lock = new Object();
    /** Per-port counters by port name, kept across reconfigurations. */
    private final Map<String, PortCounters> counters = new HashMap<>();
    final LongAdder[] drops = new LongAdder[BridgeDropReason.values().length];
    private final LongAdder modeChanges = new LongAdder();
    private final LongAdder unassociatedForwarded = new LongAdder();
    /** The counters of each associated VSI, by port and VSIID, kept across tables while it stays associated. */
    private final Map<String, VsiTable.Slot> vsiSlots = new HashMap<>();
    /** The policy of each associated VSI, by port and VSIID: its policer lives on while its rates stay. */
    private final Map<String, VsiTable.Policy> vsiPolicies = new HashMap<>();

    private volatile BridgeSettings settings;
    private volatile Forwarder forwarder;
    private volatile ForwardingMode mode;
    private volatile Fdb fdb;
    private volatile BridgeStatus status = BridgeStatus.ERROR;
    private volatile String reason = "starting";
    /** The configuration's properties as given, for messages naming its file or PID. */
    private volatile Map<String, Object> properties;
    private boolean conflict;
    private boolean stopped;
    private boolean hadMode;

    /** Counters of one bridge port. */
    static final class PortCounters {
        final ThreadOwnedCounter rx = new ThreadOwnedCounter();
        final ThreadOwnedCounter tx = new ThreadOwnedCounter();
        /** Frames the kernel forwarded from the port and to it by the bridge's entries, read once a second. */
        final LongAdder kernelRx = new LongAdder();
        final LongAdder kernelTx = new LongAdder();
    }

    @Activate
    public BridgeComponent(@Reference BridgeRegistryImpl registry, BridgeConfig config, Map<String, Object> properties) {
        this.registry = registry;
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
        this.settings = BridgeSettings.from(config, properties);
        this.properties = properties;
        String conflictReason = registry.add(this);
        synchronized (lock) {
            conflict = conflictReason != null;
            apply(null, conflictReason);
        }
    }

    @Modified
    public void modified(BridgeConfig config, Map<String, Object> properties) {
        BridgeSettings next = BridgeSettings.from(config, properties);
        synchronized (lock) {
            this.properties = properties;
            if (!next.valid() && runningOn(settings)) {
                // an empty or half-written file must not take down a working bridge: keep its
                // last good configuration, and say which file is wrong and why
                reason = ConfigFiles.keptLastGood(properties, next.errors());
                LOG.error("bridge '{}': {}", settings.name(), reason);
                return;
            }
            BridgeSettings previous = settings;
            settings = next;
            String conflictReason = registry.conflict(this);
            conflict = conflictReason != null;
            LOG.info("bridge '{}' reconfigured from {}", next.name(), ConfigFiles.source(properties));
            apply(previous, conflictReason);
        }
    }

    /** Whether the bridge runs with these (valid) settings, forwarding or waiting for its mode. */
    private boolean runningOn(BridgeSettings s) {
        return s.valid() && forwarder != null && status != BridgeStatus.ERROR;
    }

    @Deactivate
    public void deactivate() {
        synchronized (lock) {
            stopped = true;
            Forwarder f = forwarder;
            if (f != null) {
                f.detachAll();
            }
            forwarder = null;
            mode = null;
            status = BridgeStatus.ERROR;
            reason = "bridge removed";
        }
        registry.remove(this);
        LOG.info("bridge '{}' stopped", settings.name());
    }

    /** Brings the running state in line with the settings, keeping what did not change. */
    private void apply(BridgeSettings previous, String conflictReason) {
        BridgeSettings s = settings;
        if (!s.valid() || conflictReason != null) {
            Forwarder old = forwarder;
            if (old != null) {
                old.detachAll();
            }
            forwarder = null;
            mode = null;
            status = BridgeStatus.ERROR;
            reason = s.valid() ? conflictReason : ConfigFiles.invalid(properties, s.errors());
            LOG.error("bridge '{}': {}", s.name().isEmpty() ? "(no name)" : s.name(), reason);
            return;
        }
        Forwarder old = forwarder;
        if (old != null && previous != null && previous.valid() && s.withMode(previous.mode()).equals(previous)) {
            // only the mode changed: swap it between two frames, touch nothing else
            selectMode(registry.mode(s.mode()));
            return;
        }
        boolean samePorts = old != null && previous != null && previous.valid()
                && names(previous).equals(names(s));
        // learned entries survive a reconfiguration unless port indexes or the bound change
        Fdb table = fdb;
        boolean keepLearned = table != null && samePorts && previous.fdbMaxEntries() == s.fdbMaxEntries();
        if (keepLearned) {
            table.forgetStatics();
        } else {
            table = new Fdb(s.fdbMaxEntries());
        }
        for (BridgeSettings.StaticEntry e : s.statics()) {
            table.putStatic(e.vid(), e.mac(), s.indexOf(e.port()));
        }
        fdb = table;
        Forwarder next = new Forwarder(this, s, table, countersFor(s));
        forwarder = next;
        // attach the new handlers first: a port always has one of the two, so no frame falls between
        for (BridgeSettings.PortSpec p : s.ports()) {
            Port port = registry.port(p.name());
            if (port != null) {
                next.portAdded(port);
            }
        }
        if (old != null) {
            old.detachPortsNotIn(next);
        }
        applyRelayStates(next, s);
        applyVsis(next, s);
        applyAcls(next, s);
        selectMode(registry.mode(s.mode()));
    }

    /** The associations of VDP's bridge role changed. */
    void associationsChanged() {
        synchronized (lock) {
            Forwarder f = forwarder;
            if (!stopped && f != null) {
                applyVsis(f, settings);
            }
        }
    }

    /**
     * Builds the VSI table of every port of this bridge where VDP runs in the bridge role and
     * swaps them in at once; an association moves its MACs to its port in the FDB (a migrated
     * VSI is reached at once, before its first frame).
     */
    private void applyVsis(Forwarder f, BridgeSettings s) {
        VsiAssociations a = registry.associations();
        if (s.vsiEnforcement() == BridgeSettings.VsiEnforcement.OFF) {
            f.vsiTables(null);
            vsiSlots.clear();
            vsiPolicies.clear();
            return;
        }
        boolean enforce = s.vsiEnforcement() == BridgeSettings.VsiEnforcement.ENFORCE;
        int n = s.ports().size();
        VsiTable[] tables = new VsiTable[n];
        Map<String, VsiTable.Slot> kept = new HashMap<>();
        Map<String, VsiTable.Policy> keptPolicies = new HashMap<>();
        boolean any = false;
        for (int i = 0; i < n; i++) {
            String port = s.ports().get(i).name();
            if (!a.ports().contains(port)) {
                continue;
            }
            List<VsiTable.Slot> slots = new ArrayList<>();
            List<VsiTable.Policy> policies = new ArrayList<>();
            for (AssociatedVsi v : a.vsis()) {
                if (!v.port().equals(port)) {
                    continue;
                }
                List<VsiTable.Match> filter = v.filter().stream()
                        .map(m -> new VsiTable.Match(m.mac(), m.vid())).toList();
                String key = port + " " + v.vsiid();
                VsiTable.Slot slot = vsiSlots.get(key);
                if (slot == null || !slot.filter.equals(filter)) {
                    slot = new VsiTable.Slot(v.vsiid(), filter); // new, changed or moved here: counted from zero
                }
                // its MACs are behind this port (again, if the FDB was rebuilt or another port learned them)
                long now = registry.now();
                for (VsiTable.Match m : filter) {
                    if (m.mac() >= 0) {
                        fdb.learn(m.vid(), m.mac(), i, now, 0, true);
                    }
                }
                kept.put(key, slot);
                slots.add(slot);
                VsiTable.Policy policy = policy(v.policy(), slot == vsiSlots.get(key) ? vsiPolicies.get(key) : null);
                if (policy != null) {
                    keptPolicies.put(key, policy);
                }
                policies.add(policy);
            }
            tables[i] = new VsiTable(enforce, slots, policies);
            any = true;
        }
        vsiSlots.keySet().retainAll(kept.keySet());
        vsiSlots.putAll(kept);
        vsiPolicies.clear();
        vsiPolicies.putAll(keptPolicies);
        f.vsiTables(any ? tables : null);
    }

    /**
     * The data path's form of a VSI's policy, or null for none: the policer of {@code previous}
     * when its rates did not change (its bucket goes on), else a new one, full; the ACLs by name,
     * as ports bind them (a name with no valid rule set drops the VSI's frames as unavailable).
     */
    private VsiTable.Policy policy(VsiPolicy spec, VsiTable.Policy previous) {
        if (spec.isEmpty()) {
            return null;
        }
        org.openevb.port.virtual.Policer policer = null;
        if (spec.police() != null) {
            policer = previous != null && spec.police().equals(previous.spec().police()) ? previous.policer()
                    : org.openevb.port.virtual.Policer.of(spec.police());
        }
        return new VsiTable.Policy(spec, policer, spec.aclIn().isEmpty() ? null : registry.acl(spec.aclIn()),
                spec.aclOut().isEmpty() ? null : registry.acl(spec.aclOut()));
    }

    /** The ACL service came or went. */
    void aclServiceChanged() {
        synchronized (lock) {
            Forwarder f = forwarder;
            if (!stopped && f != null) {
                applyAcls(f, settings);
                applyVsis(f, settings); // VSIs' ACLs too
            }
        }
    }

    /**
     * Binds each port's ACLs, by name, to the filters that follow their rule sets. A name with no
     * valid rule set (or no ACL service at all) drops the port's frames as unavailable: a binding
     * never lets frames through by accident. Ports without ACLs are not looked at per frame.
     */
    private void applyAcls(Forwarder f, BridgeSettings s) {
        int n = s.ports().size();
        PacketFilter[] in = null;
        PacketFilter[] out = null;
        for (int i = 0; i < n; i++) {
            BridgeSettings.PortSpec p = s.ports().get(i);
            if (!p.aclIn().isEmpty()) {
                in = in == null ? new PacketFilter[n] : in;
                in[i] = registry.acl(p.aclIn());
            }
            if (!p.aclOut().isEmpty()) {
                out = out == null ? new PacketFilter[n] : out;
                out[i] = registry.acl(p.aclOut());
            }
        }
        PacketFilter[] vlans = vlanFilters(s.vlanAcls());
        PacketFilter[] vlansOut = vlanFilters(s.vlanAclsOut());
        f.acls(in == null && out == null && vlans == null && vlansOut == null ? null
                : new Forwarder.Acls(in, out, vlans, vlansOut));
    }

    /** The filters of VLAN bindings by VID, or null when there are none. */
    private PacketFilter[] vlanFilters(Map<Integer, String> byVid) {
        if (byVid.isEmpty()) {
            return null;
        }
        PacketFilter[] vlans = new PacketFilter[VlanSet.MAX_VID + 2];
        for (Map.Entry<Integer, String> e : byVid.entrySet()) {
            vlans[e.getKey()] = registry.acl(e.getValue());
        }
        return vlans;
    }

    /** The EVB TLV exchange changed a port's reflective relay, or its peer's. */
    void relayStatesChanged() {
        synchronized (lock) {
            Forwarder f = forwarder;
            if (!stopped && f != null) {
                applyRelayStates(f, settings);
            }
        }
    }

    private void applyRelayStates(Forwarder f, BridgeSettings s) {
        int n = s.ports().size();
        boolean[] rr = new boolean[n];
        boolean[] peer = new boolean[n];
        for (int i = 0; i < n; i++) {
            BridgeSettings.PortSpec p = s.ports().get(i);
            rr[i] = reflectiveRelay(p);
            peer[i] = Boolean.TRUE.equals(registry.peerReflectiveRelay(p.name()));
        }
        f.relayStates(rr, peer);
    }

    /** Reflective relay of a port: the admin setting if there is one, else the negotiated one, else off. */
    private boolean reflectiveRelay(BridgeSettings.PortSpec p) {
        if (p.adminReflectiveRelay() != null) {
            return p.adminReflectiveRelay();
        }
        return Boolean.TRUE.equals(registry.negotiatedReflectiveRelay(p.name()));
    }

    private String reflectiveRelaySource(BridgeSettings.PortSpec p) {
        if (p.adminReflectiveRelay() != null) {
            return "admin";
        }
        return registry.negotiatedReflectiveRelay(p.name()) != null ? "negotiated" : "default";
    }

    private String peerReflectiveRelay(BridgeSettings.PortSpec p) {
        Boolean granted = registry.peerReflectiveRelay(p.name());
        return granted == null ? "unknown" : granted ? "granted" : "refused";
    }

    private static List<String> names(BridgeSettings s) {
        return s.ports().stream().map(BridgeSettings.PortSpec::name).toList();
    }

    private PortCounters[] countersFor(BridgeSettings s) {
        PortCounters[] out = new PortCounters[s.ports().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counters.computeIfAbsent(s.ports().get(i).name(), n -> new PortCounters());
        }
        return out;
    }

    /** Uses {@code candidate} (or nothing) as the mode, and says why not when it cannot. */
    private void selectMode(ForwardingMode candidate) {
        BridgeSettings s = settings;
        ForwardingMode chosen = candidate;
        if (candidate == null) {
            status = BridgeStatus.MODE_UNAVAILABLE;
            reason = "mode '" + s.mode() + "' is not available";
        } else if (candidate.edgeRelay() && s.uplink() < 0) {
            chosen = null;
            status = BridgeStatus.ERROR;
            reason = "mode '" + s.mode() + "' is an edge relay: set 'uplink' to one of the ports";
        } else {
            status = BridgeStatus.FORWARDING;
            reason = "";
        }
        if (chosen != mode) {
            Forwarder f = forwarder;
            if (f != null) {
                f.withdrawKernelEntries("the mode changed");
            }
            if (mode != null || hadMode) {
                modeChanges.increment(); // the first mode a bridge gets is no change
            }
            hadMode |= chosen != null;
            mode = chosen;
            LOG.info("bridge '{}' mode {}", s.name(), chosen == null ? "none: " + reason : "'" + chosen.name() + "'");
        }
    }

    // ---- registry callbacks ----

    BridgeSettings settings() {
        return settings;
    }

    void modeAdded(ForwardingMode m) {
        synchronized (lock) {
            if (!stopped && forwarder != null && m.name().equals(settings.mode())) {
                selectMode(m);
            }
        }
    }

    void modeRemoved(ForwardingMode m) {
        synchronized (lock) {
            if (!stopped && forwarder != null && mode == m) {
                selectMode(null);
            }
        }
    }

    void portAdded(Port port) {
        synchronized (lock) {
            Forwarder f = forwarder;
            if (!stopped && f != null) {
                f.portAdded(port);
            }
        }
    }

    void portRemoved(Port port) {
        synchronized (lock) {
            Forwarder f = forwarder;
            if (f != null) {
                f.portRemoved(port);
            }
        }
    }

    void age() {
        Fdb table = fdb;
        Forwarder current = forwarder;
        if (table != null && current != null) {
            // sources whose frames the kernel forwards are seen only here
            current.refreshKernelEntries(registry.now());
        }
        if (table != null) {
            table.age(registry.now(), TimeUnit.SECONDS.toNanos(settings.agingSeconds()));
        }
        Forwarder f = forwarder;
        if (f != null) {
            f.flushPortsGoneDown((port, entries) -> LOG.info("bridge '{}': port '{}' went down, {} learned addresses flushed",
                    settings.name(), port, entries));
        }
    }

    ForwardingMode mode() {
        return mode;
    }

    /** The FDB's clock. */
    long now() {
        return registry.now();
    }

    void drop(BridgeDropReason why) {
        drops[why.ordinal()].increment();
    }

    void countUnassociatedForwarded() {
        unassociatedForwarded.increment();
    }

    // ---- Bridge ----

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String modeName() {
        return settings.mode();
    }

    @Override
    public String behaviour() {
        ForwardingMode m = mode;
        BridgeSettings s = settings;
        if (m == null) {
            return "";
        }
        int uplink = s.uplink();
        if (uplink < 0) {
            return m.behaviour(false);
        }
        // as the modes see it: the peer reflects only while the uplink is UP (ForwardingContext.up)
        Forwarder f = forwarder;
        Port port = f == null ? null : f.port(uplink);
        return m.behaviour(port != null && port.state() == PortState.UP
                && Boolean.TRUE.equals(registry.peerReflectiveRelay(s.ports().get(uplink).name())));
    }

    @Override
    public BridgeStatus status() {
        return status;
    }

    @Override
    public String reason() {
        return reason;
    }

    @Override
    public List<BridgePortView> ports() {
        Forwarder f = forwarder;
        BridgeSettings s = settings;
        List<BridgePortView> out = new ArrayList<>();
        for (int i = 0; i < s.ports().size(); i++) {
            BridgeSettings.PortSpec p = s.ports().get(i);
            Port port = f == null ? null : f.port(i);
            PortCounters c = counters.get(p.name());
            out.add(new BridgePortView(p.name(), p.role(), portState(port, f), p.pvid(),
                    p.members().toString(), p.untagged().toString(), reflectiveRelay(p), reflectiveRelaySource(p),
                    peerReflectiveRelay(p),
                    c == null ? 0 : c.rx.sum() + c.kernelRx.sum(), c == null ? 0 : c.tx.sum() + c.kernelTx.sum(),
                    p.aclIn(), p.aclOut()));
        }
        return out;
    }

    /** A port's state as this bridge sees it: missing, held by another component, or its own state. */
    private static String portState(Port port, Forwarder f) {
        if (port == null) {
            return "MISSING";
        }
        String owner = port.owner();
        if (!owner.equals(f.owner())) {
            return owner.isEmpty() ? "NOT CLAIMED" : "HELD BY " + owner;
        }
        return port.state().name();
    }

    @Override
    public List<FdbEntry> fdb() {
        Fdb table = fdb;
        BridgeSettings s = settings;
        if (table == null) {
            return List.of();
        }
        return table.entries(registry.now(), i -> i >= 0 && i < s.ports().size() ? s.ports().get(i).name() : "?");
    }

    @Override
    public FdbStats fdbStats() {
        Fdb table = fdb;
        return table == null ? new FdbStats(0, settings.fdbMaxEntries(), 0, 0, 0, 0) : table.stats();
    }

    @Override
    public int flushFdb(int vid, String port) {
        Fdb table = fdb;
        if (table == null) {
            return 0;
        }
        int index = -1;
        if (port != null) {
            index = settings.indexOf(port);
            if (index < 0) {
                return 0;
            }
        }
        return table.flush(vid, index);
    }

    @Override
    public Counters<BridgeDropReason> drops() {
        return Counters.of(BridgeDropReason.class, r -> drops[r.ordinal()].sum());
    }

    @Override
    public long unassociatedForwarded() {
        return unassociatedForwarded.sum();
    }

    @Override
    public List<VsiTraffic> vsiTraffic() {
        Forwarder f = forwarder;
        VsiTable[] tables = f == null ? null : f.vsiTables();
        BridgeSettings s = settings;
        List<VsiTraffic> out = new ArrayList<>();
        if (tables == null) {
            return out;
        }
        String enforcement = s.vsiEnforcement().key();
        for (int i = 0; i < tables.length; i++) {
            VsiTable t = tables[i];
            for (int v = 0; t != null && v < t.size(); v++) {
                VsiTable.Slot slot = t.slot(v);
                VsiTable.Policy p = t.policy(v);
                VsiPolicy spec = p == null ? VsiPolicy.NONE : p.spec();
                out.add(new VsiTraffic(s.name(), s.ports().get(i).name(), slot.vsiid, enforcement, slot.counters(),
                        slot.dropCounters(), spec.police() == null ? "" : spec.police().toString(), spec.aclIn(),
                        spec.aclOut()));
            }
        }
        return out;
    }

    @Override
    public Map<Integer, String> vlanAcls() {
        return settings.vlanAcls();
    }

    @Override
    public boolean receiveAs(String port, Frame frame) {
        Forwarder f = forwarder;
        return f != null && f.receiveAs(port, frame);
    }

    @Override
    public Map<Integer, String> vlanAclsOut() {
        return settings.vlanAclsOut();
    }

    @Override
    public long modeChanges() {
        return modeChanges.sum();
    }

    @Override
    public String toString() {
        return "bridge " + name() + " (" + status + ")";
    }
}
