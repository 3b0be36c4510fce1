package org.openevb.schannel.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.config.ConfigFiles;
import org.openevb.api.lldp.LldpAddress;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpExtension;
import org.openevb.api.lldp.LldpNeighbour;
import org.openevb.api.lldp.LldpService;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortCounters;
import org.openevb.api.schannel.SChannelDropReason;
import org.openevb.api.schannel.SChannelStatus;
import org.openevb.api.schannel.SComponentStatus;
import org.openevb.api.view.Counters;
import org.openevb.codec.CodecException;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ethernet.VlanTag;
import org.openevb.codec.lldp.CdcpTlv;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.port.virtual.RateLimitedLog;
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
 * The S-VLAN component of one port: takes every frame the port receives, and hands a frame with
 * the S-tag of a channel that is up, tag removed, to that channel's port. Anything else is dropped
 * and counted, so no frame ever crosses from one channel to another: untagged or C-tag-only
 * frames (every channel, the default one too, is S-tagged on the wire), unknown S-VIDs, and
 * frames with a second S-tag inside. Runs CDCP on the port's nearest-non-TPMR LLDP agent.
 */
@Component(configurationPid = SComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = LldpExtension.class, immediate = true)
@Designate(ocd = SChannelConfig.class, factory = true)
public class SComponent implements LldpExtension, FrameHandler {

    /** The factory PID of S-VLAN component configurations. */
    public static final String PID = "org.openevb.schannel";

    private static final Logger LOG = LoggerFactory.getLogger(SComponent.class);
    private final RateLimitedLog malformedLog = new RateLimitedLog(LOG, 10_000);
    /** Addresses, an S-tag and the type field after it. */
    private static final int S_TAGGED_HEADER = 12 + VlanTag.LENGTH + 2;

    private final SChannelRegistry registry;
    /** The LLDP service that took this extension (see {@link #attached}), or null. */
    private volatile LldpService lldp;
    private final Publisher publisher;
    private final LongAdder[] drops = new LongAdder[SChannelDropReason.values().length];
    private final Map<Integer, ChannelPort> channels = new TreeMap<>();
    private final Map<Integer, AutoCloseable> registrations = new TreeMap<>();
    private final Map<Integer, Integer> allocation = new TreeMap<>();
    private volatile SChannelSettings settings;
    /** The frame's outer tag, on the port's receive thread only. */
    private final EthernetHeaderView header = new EthernetHeaderView();
    /** Channel ports that are up, by S-VID: the receive path's only lookup. */
    private volatile ChannelPort[] bySvid = new ChannelPort[4096];
    private volatile Cdcp.Outcome outcome;
    private volatile String problem = "";
    private Port uap;
    private CdcpTlv remote;
    private String remotePeer = "";
    private boolean stopped;
    private boolean conflict;

    /** Makes a channel's port known to the platform (an OSGi service); closing takes it back. */
    interface Publisher {
        AutoCloseable publish(ChannelPort port);
    }

    @Activate
    public SComponent(@Reference SChannelRegistry registry, BundleContext context, SChannelConfig config) {
        this(registry, port -> {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("evb.port.kind", port.kind());
            props.put("evb.schannel.scid", port.scid());
            ServiceRegistration<Port> r = context.registerService(Port.class, port, props);
            return r::unregister;
        }, config);
    }

    SComponent(SChannelRegistry registry, Publisher publisher, SChannelConfig config) {
        this.registry = registry;
        this.publisher = publisher;
        for (int i = 0; i < drops.length; i++) {
            drops[i] = new LongAdder();
        }
        this.settings = SChannelSettings.from(config);
        String why = registry.add(this);
        synchronized (this) {
            conflict = why != null;
            start(why);
        }
    }

    @Modified
    public void modified(SChannelConfig config, Map<String, Object> properties) {
        SChannelSettings next = SChannelSettings.from(config);
        synchronized (this) {
            if (!next.valid() && active()) {
                // an empty or half-written file must not take the channels down
                problem = ConfigFiles.keptLastGood(properties, next.errors());
                LOG.error("S-channels on port '{}': {}", settings.port(), problem);
                return;
            }
            SChannelSettings previous = settings;
            if (active() && uap != null && next.valid() && next.port().equals(previous.port())
                    && next.bridge() == previous.bridge() && next.cdcp() == previous.cdcp()
                    && next.qinq() == previous.qinq()) {
                // the same component with other channels, pool or capacity: channels change live
                problem = "";
                settings = next;
                recompute();
                return;
            }
            stop();
            settings = next;
            stopped = false;
            String why = registry.conflict(this);
            conflict = why != null;
            start(why);
        }
        lldpChanged(settings.port());
    }

    @Deactivate
    public void deactivate() {
        synchronized (this) {
            stop();
            stopped = true;
        }
        registry.remove(this);
        lldpChanged(settings.port());
    }

    private void start(String conflictReason) {
        SChannelSettings s = settings;
        if (!s.valid() || conflictReason != null) {
            problem = s.valid() ? conflictReason : String.join("; ", s.errors());
            LOG.error("S-channels on port '{}' not started: {}", s.port(), problem);
            return;
        }
        problem = "";
        LOG.info("S-channels on port '{}' as {}{}", s.port(), s.role(),
                s.cdcp() ? " with CDCP" : s.qinq() ? " with fixed channels: " + Cdcp.refusal(s) : "");
        Port port = registry.port(s.port());
        if (port != null) {
            attach(port);
        }
    }

    /** Detaches from the port and takes every channel down (configuration change or removal). */
    private void stop() {
        if (uap != null) {
            uap.release(this);
            uap = null;
        }
        bySvid = new ChannelPort[4096];
        for (AutoCloseable r : registrations.values()) {
            unregister(r);
        }
        registrations.clear();
        channels.clear();
        allocation.clear();
        remote = null;
        remotePeer = "";
        outcome = null;
    }

    boolean active() {
        return !stopped && !conflict && settings.valid();
    }

    SChannelSettings settings() {
        return settings;
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

    // ---- the carrying port ----

    void portAdded(Port port) {
        synchronized (this) {
            if (active() && uap == null && port.name().equals(settings.port())) {
                attach(port);
            }
        }
    }

    void portRemoved(Port port) {
        synchronized (this) {
            if (port == uap) {
                stop();
                LOG.info("S-channels on port '{}': the port is gone", settings.port());
            }
        }
    }

    private void attach(Port port) {
        uap = port;
        // refused while another component holds the port: the claim waits for it
        port.claim("S-VLAN component on '" + settings.port() + "'", this);
        recompute();
    }

    /** Recomputes the channels from the configuration and CDCP, and brings the ports in line. */
    private void recompute() {
        if (uap == null) {
            return;
        }
        SChannelSettings s = settings;
        Cdcp.Outcome o = !s.cdcp() ? Cdcp.fixed(s)
                : s.bridge() ? Cdcp.bridge(s, remote, allocation) : Cdcp.station(s, remote);
        Cdcp.Outcome before = outcome;
        outcome = o;
        if (!o.problems().isEmpty() && (before == null || !before.problems().equals(o.problems()))) {
            LOG.warn("S-channels on port '{}': {}", s.port(), String.join("; ", o.problems()));
        }
        ChannelPort[] table = new ChannelPort[4096];
        Map<Integer, Integer> all = new TreeMap<>(o.pending());
        all.putAll(o.up());
        for (Map.Entry<Integer, Integer> e : all.entrySet()) {
            int scid = e.getKey();
            ChannelPort ch = channels.get(scid);
            if (ch == null) {
                ch = new ChannelPort(s.port() + "-ch" + scid, uap, scid,
                        drops[SChannelDropReason.C_TAGGED_ON_ACCESS.ordinal()]);
                channels.put(scid, ch);
            }
            ch.svid(e.getValue());
            ch.access(Cdcp.access(s));
            boolean up = o.up().containsKey(scid);
            ch.operational(up, remote == null && s.cdcp() ? "waiting for CDCP from the peer" : "waiting for the peer to agree on the S-VID");
            if (up) {
                table[e.getValue()] = ch;
            }
            if (!registrations.containsKey(scid)) {
                registrations.put(scid, publisher.publish(ch));
                LOG.info("S-channel {} on port '{}': port '{}'", scid, s.port(), ch.name());
            }
        }
        for (Integer scid : new ArrayList<>(channels.keySet())) {
            if (!all.containsKey(scid)) {
                ChannelPort gone = channels.remove(scid);
                gone.operational(false, "removed");
                unregister(registrations.remove(scid));
                LOG.info("S-channel {} on port '{}' removed", scid, s.port());
            }
        }
        bySvid = table;
        if (before != null && !Objects.equals(before.local(), o.local())) {
            lldpChanged(s.port());
        }
    }

    private static void unregister(AutoCloseable r) {
        if (r == null) {
            return;
        }
        try {
            r.close();
        } catch (Exception e) {
            // already gone with the bundle
        }
    }

    // ---- receive path (the port's receive thread) ----

    @Override
    public void receive(Port ingress, Frame frame) {
        // too short for any S-tagged frame, or an outer tag of any kind cut short
        if (frame.length() < S_TAGGED_HEADER || !header.parseOuter(frame, 1)) {
            drop(SChannelDropReason.MALFORMED);
            return;
        }
        if (header.outerTpid() != EtherType.S_TAG) {
            drop(SChannelDropReason.UNTAGGED);
            return;
        }
        ChannelPort ch = bySvid[header.outerVid()];
        if (ch == null) {
            drop(SChannelDropReason.UNKNOWN_SVID);
            return;
        }
        // the type field after the S-tag
        int inner = header.etherType();
        if (inner == EtherType.S_TAG || inner == EtherType.QINQ_LEGACY) {
            drop(SChannelDropReason.STACKED_S_TAG);
            return;
        }
        if (inner == EtherType.C_TAG && ch.access()) {
            drop(SChannelDropReason.C_TAGGED_ON_ACCESS);
            return;
        }
        frame.popTag();
        ch.deliver(frame);
    }

    private void drop(SChannelDropReason why) {
        drops[why.ordinal()].increment();
    }

    // ---- CDCP (LLDP thread) ----

    @Override
    public Set<LldpAddress> addresses(String port) {
        SChannelSettings s = settings;
        return active() && s.cdcp() && port.equals(s.port()) ? Set.of(LldpAddress.NEAREST_NON_TPMR_BRIDGE) : Set.of();
    }

    @Override
    public List<LldpTlv> tlvs(LldpAgent agent) {
        Cdcp.Outcome o = outcome;
        if (agent.address() != LldpAddress.NEAREST_NON_TPMR_BRIDGE || !agent.port().equals(settings.port()) || o == null
                || o.local() == null) {
            return List.of();
        }
        return List.of(o.local().toTlv());
    }

    @Override
    public void received(LldpAgent agent, LldpNeighbour neighbour) {
        // accepted on any address of the port, although it is sent to the nearest non-TPMR bridge
        if (!agent.port().equals(settings.port()) || !settings.cdcp()) {
            return;
        }
        CdcpTlv tlv;
        try {
            tlv = neighbour.lldpdu().cdcp().orElse(null);
        } catch (CodecException e) {
            drop(SChannelDropReason.MALFORMED_CDCP);
            malformedLog.warn("port '{}': malformed CDCP TLV from {} (counted; the last good one stays in use): {}",
                    agent.port(), neighbour.id(), e.getMessage());
            return;
        }
        synchronized (this) {
            if (!active()) {
                return;
            }
            if (tlv == null) {
                if (!neighbour.id().equals(remotePeer)) {
                    return;
                }
                remotePeer = "";
            } else {
                remotePeer = neighbour.id();
            }
            if (Objects.equals(tlv, remote)) {
                return;
            }
            remote = tlv;
            recompute();
        }
    }

    @Override
    public void gone(LldpAgent agent, LldpNeighbour neighbour) {
        synchronized (this) {
            if (!agent.port().equals(settings.port()) || !neighbour.id().equals(remotePeer)) {
                return;
            }
            LOG.info("port '{}': the CDCP peer {} is gone; channels other than the default go down", agent.port(),
                    neighbour.id());
            remote = null;
            remotePeer = "";
            recompute();
        }
    }

    // ---- status ----

    synchronized SComponentStatus status() {
        SChannelSettings s = settings;
        Cdcp.Outcome o = outcome;
        List<SChannelStatus> list = new ArrayList<>();
        for (ChannelPort ch : channels.values()) {
            PortCounters c = ch.counters();
            boolean up = o != null && o.up().containsKey(ch.scid());
            list.add(new SChannelStatus(ch.scid(), ch.svid(), ch.name(), up ? "up" : "pending",
                    ch.reason(), c.rxFrames(), c.txFrames(), c.totalDrops()));
        }
        Counters<SChannelDropReason> byReason = Counters.of(SChannelDropReason.class, r -> drops[r.ordinal()].sum());
        String status = !problem.isEmpty() ? problem
                : uap == null ? "port '" + s.port() + "' missing"
                : o == null || o.problems().isEmpty() ? Objects.requireNonNullElse(Cdcp.refusal(s), "ok")
                : String.join("; ", o.problems());
        return new SComponentStatus(s.port(), s.role(), s.cdcp(), status, o == null ? null : o.local(), remote, list,
                byReason);
    }
}
