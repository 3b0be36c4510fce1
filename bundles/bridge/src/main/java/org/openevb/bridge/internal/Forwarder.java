package org.openevb.bridge.internal;

import java.util.concurrent.TimeUnit;
import org.openevb.api.bridge.BridgeDropReason;
import org.openevb.api.bridge.EgressSet;
import org.openevb.api.bridge.ForwardingContext;
import org.openevb.api.bridge.ForwardingMode;
import org.openevb.api.bridge.PortRole;
import org.openevb.api.policy.PacketFilter;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.LaneFrameHandler;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
import org.openevb.api.port.ReplicatedPort;
import org.openevb.api.port.Replicator;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.MacAddress;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ip.IpHeaderView;
import org.openevb.port.virtual.Policer;

/**
 * The data path of one configuration of a bridge: one {@link Ingress} per port, attached to it as
 * its frame handler. A frame is classified into a VLAN, its source learned, its egress ports chosen
 * by the mode, filtered by VLAN membership and port state, tagged or untagged per egress port and
 * sent, all on the ingress port's receive thread.
 */
final class Forwarder {

    private static final int C_TAG_LENGTH = 4;
    /** 01-80-C2-00-00-00 to -0F. */
    private static final long LINK_LOCAL_GROUPS = 0x0180C2000000L;

    private final BridgeComponent bridge;
    private final BridgeSettings settings;
    private final Fdb fdb;
    private final BridgeComponent.PortCounters[] counters;
    private final BridgeSettings.PortSpec[] specs;
    private final PortIngress[] ingress;
    /** Per port, the handler of frames forwarded on behalf of what is behind it; made at first use. */
    private final Ingress[] onBehalf;
    private final Port[] ports;
    /** Per port, whether it was UP at the last {@link #flushPortsGoneDown} (the aging thread's only). */
    private final boolean[] upAtLastCheck;
    /** Per port, its {@link Port#linkDowns()} then: a flap shorter than the check still counts. */
    private final long[] linkDownsAtLastCheck;
    private final int uplink;
    private final long agingNanos;
    // replaced whole when the EVB TLV exchange or an admin changes them; read once per frame
    private volatile boolean[] reflective;
    private volatile boolean[] peerReflective;
    /**
     * The VSIs associated per port where VDP runs in the bridge role (null for the others), or
     * null when no port has any (vsi.enforcement off, or no VDP): replaced whole on every
     * association change, read once per frame.
     */
    private volatile VsiTable[] vsiTables;
    /**
     * The ACLs bound to the ports, or null when no port has one (a bridge without ACLs pays one
     * volatile read per frame for them): replaced whole when a binding or the ACL service changes;
     * the filters themselves follow their rule sets.
     */
    private volatile Acls acls;
    /** The entries this configuration put in its ports' kernel forwarding tables; null when {@code kernel.forwarding} is off. */
    private final KernelPath kernel;

    /**
     * The ACLs per port and direction, and per VLAN and direction (by VID: {@code vlans} judging
     * frames received into it, {@code vlansOut} frames sent in it); each array null when nothing
     * has one that way.
     */
    record Acls(PacketFilter[] in, PacketFilter[] out, PacketFilter[] vlans, PacketFilter[] vlansOut) {
    }

    Forwarder(BridgeComponent bridge, BridgeSettings settings, Fdb fdb, BridgeComponent.PortCounters[] counters) {
        this.bridge = bridge;
        this.settings = settings;
        this.fdb = fdb;
        this.counters = counters;
        int n = settings.ports().size();
        this.specs = settings.ports().toArray(BridgeSettings.PortSpec[]::new);
        this.ports = new Port[n];
        this.upAtLastCheck = new boolean[n];
        // a port already down when the bridge starts is flushed at the first check
        java.util.Arrays.fill(upAtLastCheck, true);
        this.linkDownsAtLastCheck = new long[n];
        this.ingress = new PortIngress[n];
        for (int i = 0; i < n; i++) {
            ingress[i] = new PortIngress(i);
        }
        this.onBehalf = new Ingress[n];
        this.uplink = settings.uplink();
        this.agingNanos = TimeUnit.SECONDS.toNanos(settings.agingSeconds());
        this.reflective = new boolean[n];
        this.peerReflective = new boolean[n];
        this.kernel = settings.kernelForwarding() ? new KernelPath(settings.name(), ports, specs, counters) : null;
        // the FDB outlives configurations: only the current one hears of its moves and removals
        fdb.forgetting(kernel == null ? null : kernel::forgot);
    }

    /** Every kernel forwarding entry of this configuration goes: something its decisions depended on changed. */
    void withdrawKernelEntries(String why) {
        if (kernel != null) {
            kernel.withdrawAll(why);
        }
    }

    /** Once a second, before the FDB ages: see {@link KernelPath#refresh}. */
    void refreshKernelEntries(long now) {
        if (kernel != null) {
            kernel.refresh(fdb, now);
        }
    }

    /** The kernel forwarding entries added on port {@code i}, 0 when kernel forwarding is off. */
    int kernelEntries(int i) {
        return kernel == null ? 0 : kernel.size(i);
    }

    /** Reflective relay per port, and whether each port's peer reflects for us. */
    void relayStates(boolean[] reflectiveRelay, boolean[] peerReflectiveRelay) {
        this.reflective = reflectiveRelay.clone();
        this.peerReflective = peerReflectiveRelay.clone();
        withdrawKernelEntries("reflective relay states");
    }

    /** The VSI tables per port (see {@link #vsiTables}), swapped in at once. */
    void vsiTables(VsiTable[] tables) {
        this.vsiTables = tables;
        withdrawKernelEntries("VSI associations");
    }

    VsiTable[] vsiTables() {
        return vsiTables;
    }

    /** The ACLs per port (see {@link #acls}), swapped in at once; null for none. */
    void acls(Acls bound) {
        this.acls = bound;
        withdrawKernelEntries("ACL bindings");
    }

    boolean reflectiveRelay(int port) {
        return reflective[port];
    }

    Port port(int i) {
        return ports[i];
    }

    /** How the bridge is named as the owner of its ports. */
    String owner() {
        return "bridge '" + settings.name() + "'";
    }

    /**
     * Forgets the addresses learned on each port that went down (lost its carrier, or closed)
     * since the last call, as a bridge does when a port's link goes: a station that moved while
     * the link was down must not be sought behind it. Called once a second by the aging thread;
     * tells {@code flushed} of each port it flushed and how many entries went.
     */
    void flushPortsGoneDown(java.util.function.ObjIntConsumer<String> flushed) {
        for (int i = 0; i < upAtLastCheck.length; i++) {
            Port p = ports[i];
            boolean up = p != null && p.state() == PortState.UP;
            long linkDowns = p == null ? linkDownsAtLastCheck[i] : p.linkDowns();
            if (upAtLastCheck[i] && !up || linkDowns != linkDownsAtLastCheck[i]) {
                withdrawKernelEntries("port '" + specs[i].name() + "' went down");
                int removed = fdb.flush(-1, i);
                if (removed > 0) {
                    flushed.accept(settings.ports().get(i).name(), removed);
                }
            }
            upAtLastCheck[i] = up;
            linkDownsAtLastCheck[i] = linkDowns;
        }
    }

    void portAdded(Port port) {
        int i = settings.indexOf(port.name());
        if (i >= 0) {
            withdrawKernelEntries("port '" + port.name() + "' came");
            ports[i] = port;
            // refused while another component holds the port: the claim waits for it
            port.claim(owner(), ingress[i]);
        }
    }

    /** By identity: a renamed port departs already answering to its new name. */
    void portRemoved(Port port) {
        for (int i = 0; i < ports.length; i++) {
            if (ports[i] == port) {
                // while the port is still here: its entries and those to it go with it
                withdrawKernelEntries("port '" + port.name() + "' went");
                ports[i] = null;
                // a port may depart alive (renamed, or in conflict): it must stop feeding this bridge
                port.release(ingress[i]);
            }
        }
    }

    /**
     * Forwards a frame as if port {@code name} had received it (see {@code Bridge.receiveAs}). Its
     * own handler per port, serialized, as a lane of its own: the port's receive lanes keep theirs,
     * and what it counts for a VSI goes where lanes other than 0 count.
     */
    boolean receiveAs(String name, Frame frame) {
        int i = settings.indexOf(name);
        if (i < 0) {
            return false;
        }
        synchronized (onBehalf) {
            if (onBehalf[i] == null) {
                onBehalf[i] = new Ingress(i, LaneFrameHandler.MAX_LANES);
            }
            onBehalf[i].receive(ports[i], frame);
        }
        return true;
    }

    /** Detaches from every port (the bridge stops or its configuration became invalid). */
    void detachAll() {
        if (kernel != null) {
            kernel.close();
        }
        for (int i = 0; i < ports.length; i++) {
            Port p = ports[i];
            if (p != null) {
                p.release(ingress[i]);
            }
            ports[i] = null;
        }
    }

    /**
     * Detaches from the ports the next configuration does not have. The others already carry the
     * successor's handler; this one's tables stay intact for frames still inside it.
     */
    void detachPortsNotIn(Forwarder successor) {
        if (kernel != null) {
            kernel.close();
        }
        for (int i = 0; i < ports.length; i++) {
            Port p = ports[i];
            if (p != null && successor.settings.indexOf(p.name()) < 0) {
                p.release(ingress[i]);
            }
        }
    }

    /**
     * The handler of one port: an {@link Ingress} per receive lane of the port, each made on its
     * lane's thread when its first frame comes. The FDB, the counters and the tables they share
     * take frames from several threads; the rest of a lane's state is its own.
     */
    private final class PortIngress implements LaneFrameHandler {
        private final int index;
        private final Ingress[] lanes = new Ingress[MAX_LANES];

        PortIngress(int index) {
            this.index = index;
            lanes[0] = new Ingress(index, 0);
        }

        @Override
        public void receive(Port from, Frame frame, int lane) {
            Ingress in = lanes[lane];
            if (in == null) {
                // only this lane's thread reads or writes its element
                in = new Ingress(index, lane);
                lanes[lane] = in;
            }
            in.receive(from, frame);
        }
    }

    /**
     * One receive lane of a port. Its fields describe the frame being forwarded: a lane delivers
     * one frame at a time on its own thread, so nothing here is shared between threads.
     */
    private final class Ingress implements FrameHandler, ForwardingContext {
        private final int index;
        private final int lane;
        private final EgressSet egress;
        // multi-destination sends only: ports a replicated copy already stood for, and a batch
        private final boolean[] replicated;
        private final Port[] batch;
        private final int[] batchIndex;
        /** The frame's addresses and outer tag, parsed again for every frame. */
        private final EthernetHeaderView header = new EthernetHeaderView();
        private int vid;
        private long destination;
        private long source;
        private boolean group;
        private int destinationPort;
        private int sourcePort;
        /** Whether the frame came priority-tagged (its VID 0 replaced by the PVID: changed, never for the kernel). */
        private boolean priorityTagged;
        /** The VSI tables this frame is judged against, or null. */
        private VsiTable[] tables;
        /** The VSI the frame came from, or null. */
        private VsiTable.Slot fromVsi;
        /** What that VSI's type applies to the frame, or null. */
        private VsiTable.Policy fromPolicy;
        /** The whole header and the IP view of the frame, parsed only when an ACL asks (see {@link #judge}). */
        private final EthernetHeaderView aclHeader = new EthernetHeaderView();
        private final IpHeaderView ip = new IpHeaderView();
        private Frame parsed;
        /** The header the ACLs read for this frame: {@link #header}, or {@link #aclHeader} for a deeper stack. */
        private EthernetHeaderView aclView;
        /** The egress ACLs for this frame, or null. */
        private PacketFilter[] aclOut;
        /** The egress ACL of the frame's VLAN, or null. */
        private PacketFilter vlanOut;
        /** Egress ports whose ACL denied this frame. */
        private int aclDenied;

        Ingress(int index, int lane) {
            this.index = index;
            this.lane = lane;
            this.egress = new EgressSet(specs.length);
            this.replicated = new boolean[specs.length];
            this.batch = new Port[specs.length];
            this.batchIndex = new int[specs.length];
        }

        @Override
        public void receive(Port from, Frame frame) {
            counters[index].rx.increment();
            KernelPath k = kernel;
            int generation = k == null ? 0 : k.generation();
            ForwardingMode mode = bridge.mode();
            if (mode == null) {
                bridge.drop(BridgeDropReason.MODE_UNAVAILABLE);
                return;
            }
            // only the outer tag decides; a runt or a tag cut short, of any kind (C-, S-, VN-,
            // E-Tag), is malformed: never switched as untagged
            if (!header.parseOuter(frame, 1)) {
                bridge.drop(BridgeDropReason.MALFORMED);
                return;
            }
            BridgeSettings.PortSpec in = specs[index];
            boolean tagged = header.outerTpid() == EtherType.C_TAG;
            priorityTagged = false;
            if (tagged) {
                vid = header.outerVid();
                if (vid == 0) {
                    priorityTagged = true;
                    // priority-tagged: the port's PVID, priority kept
                    vid = in.pvid();
                    frame.setOuterVid(vid);
                }
            } else {
                vid = in.pvid();
            }
            VsiTable[] vt = vsiTables;
            tables = vt;
            fromVsi = null;
            fromPolicy = null;
            if (vt != null && vt[index] != null) {
                if (!admitVsi(vt[index], frame.length())) {
                    return;
                }
            } else if (!in.members().contains(vid)) {
                bridge.drop(BridgeDropReason.VLAN_INGRESS);
                return;
            }
            destination = header.destination();
            if ((destination & ~0xFL) == LINK_LOCAL_GROUPS) {
                // reserved for link-local protocols: a bridge never relays these (802.1Q 8.6.3)
                drop(BridgeDropReason.LINK_LOCAL);
                return;
            }
            Acls bound = acls;
            parsed = null;
            aclOut = null;
            vlanOut = null;
            // judged before learning: a denied frame teaches the FDB nothing. The port's ACL,
            // then the VSI's (its type's), then the VLAN's
            if (bound != null) {
                aclOut = bound.out();
                PacketFilter[] vlansOut = bound.vlansOut();
                vlanOut = vlansOut == null ? null : vlansOut[vid];
                PacketFilter[] ingressAcls = bound.in();
                if (ingressAcls != null && ingressAcls[index] != null && !judge(ingressAcls[index], frame)) {
                    return;
                }
            }
            VsiTable.Policy vsiPolicy = fromPolicy;
            if (vsiPolicy != null && vsiPolicy.in() != null && !judge(vsiPolicy.in(), frame)) {
                return;
            }
            if (bound != null) {
                PacketFilter[] vlanAcls = bound.vlans();
                if (vlanAcls != null && vlanAcls[vid] != null && !judge(vlanAcls[vid], frame)) {
                    return;
                }
            }
            source = header.source();
            group = MacAddress.isMulticast(destination);
            long now = bridge.now();
            // an edge relay's uplink never takes a MAC away from a VSI port (reflections)
            sourcePort = MacAddress.isMulticast(source) ? fdb.lookup(vid, source, now, agingNanos)
                    : fdb.learn(vid, source, index, now, agingNanos, in.role() != PortRole.UPLINK);
            destinationPort = group ? -1 : fdb.lookup(vid, destination, now, agingNanos);
            egress.clear();
            mode.select(this, egress);
            aclDenied = 0;
            boolean isolatedAway = filter(frame);
            // the VLAN's egress ACL judges once per frame, whatever the ports it leaves by: its
            // rules see the same frame and VLAN on each
            if (egress.size() > 0 && vlanOut != null && !judge(vlanOut, frame)) {
                return;
            }
            if (egress.size() == 0) {
                if (isolatedAway) {
                    drop(BridgeDropReason.ISOLATED);
                } else if (aclDenied == 0) {
                    drop(BridgeDropReason.NO_EGRESS); // else counted once per port whose ACL denied it
                }
                return;
            }
            transmit(frame, tagged);
            if (k != null) {
                offerToKernel(k, generation, tagged, bound);
            }
        }

        /**
         * Offers the decision just carried out to the kernel when the frames that follow it may
         * skip the bridge: known unicast from a source learned on this port, sent unchanged to the one port the
         * FDB names, with no ACL and no VSI on the bridge.
         */
        private void offerToKernel(KernelPath k, int generation, boolean tagged, Acls bound) {
            // the source is (now) learned here: not moved from elsewhere, not a reflection of a VSI's frame
            if (egress.size() != 1 || group || bound != null || tables != null || priorityTagged
                    || sourcePort != index && sourcePort != -1) {
                return;
            }
            int p = egress.get(0);
            if (p == index || p != destinationPort || specs[p].untagged().contains(vid) == tagged) {
                return;
            }
            k.offer(generation, index, p, destination, source, KernelPath.tag(tagged, vid));
        }

        /**
         * Whether a frame received on a port with VSIs goes on: one whose (source MAC, VID) is an
         * associated VSI's does, whatever the port's configured VLANs (the VSI's VIDs join the
         * port); any other is dropped (enforce), or counted and then treated as on any port
         * (count-only).
         */
        private boolean admitVsi(VsiTable vsis, int length) {
            long src = header.source();
            int v = vsis.match(src, vid);
            if (v != VsiTable.NONE) {
                fromVsi = vsis.slot(v);
                fromVsi.in(lane, length);
                VsiTable.Policy p = vsis.policy(v);
                fromPolicy = p;
                if (p != null && p.policer() != null && !conforms(p.policer(), length)) {
                    drop(BridgeDropReason.VSI_POLICED);
                    return false;
                }
                return true;
            }
            if (vsis.enforce) {
                int owner = vsis.owner(src);
                if (owner != VsiTable.NONE) {
                    vsis.slot(owner).drop(BridgeDropReason.VSI_UNASSOCIATED); // its MAC, another VID
                }
                bridge.drop(BridgeDropReason.VSI_UNASSOCIATED);
                return false;
            }
            bridge.countUnassociatedForwarded();
            if (!specs[index].members().contains(vid)) {
                bridge.drop(BridgeDropReason.VLAN_INGRESS);
                return false;
            }
            return true;
        }

        /**
         * Whether a frame of {@code length} bytes conforms to a VSI's own bucket (and takes its
         * tokens). Under the bucket's lock: the port's receive lanes, and frames forwarded on behalf
         * of the port, may feed the same VSI at once.
         */
        private boolean conforms(Policer policer, int length) {
            synchronized (policer) {
                return policer.conforms(length, System.nanoTime());
            }
        }

        /**
         * Whether the ACL lets the frame pass; counts the drop when not. The frame's whole header
         * and IP view are parsed once, for the first ACL that asks. A frame whose tag stack the
         * view cannot read (more than {@link EthernetHeaderView#MAX_TAGS} tags) is judged on its
         * outer header, with no IP.
         */
        private boolean judge(PacketFilter filter, Frame frame) {
            if (parsed != frame) {
                parseForAcls(frame);
            }
            int verdict = filter.decide(aclView, ip, vid);
            if (verdict == PacketFilter.PERMIT) {
                return true;
            }
            drop(verdict == PacketFilter.DENY ? BridgeDropReason.ACL_DENY : BridgeDropReason.ACL_UNAVAILABLE);
            return false;
        }

        /**
         * The header and IP view the ACLs read, once per frame. Apart from {@link #judge} so that
         * judging stays small enough to be inlined into the decision.
         */
        private void parseForAcls(Frame frame) {
            parsed = frame;
            // the outer parse is the whole header when no second tag follows the first
            aclView = header;
            if (EtherType.isTag(header.etherType())) {
                aclView = aclHeader;
                if (!aclHeader.parse(frame)) {
                    aclView = header;
                    ip.clear();
                    return;
                }
            }
            ip.parse(aclView, frame);
        }

        /** Counts a drop for the bridge, and for the VSI the frame came from. */
        private void drop(BridgeDropReason why) {
            bridge.drop(why);
            if (fromVsi != null) {
                fromVsi.drop(why);
            }
        }

        /**
         * Keeps the egress ports that are members of the VLAN (or have a VSI on it) and up (the mode
         * chose reflection); from an isolated port, none that is isolated, nor the port itself; and
         * of those, the ones whose egress ACL, if any, lets the frame out. Returns whether isolation
         * took a port away.
         */
        private boolean filter(Frame frame) {
            VsiTable[] vt = tables;
            PacketFilter[] out = aclOut;
            boolean fromIsolated = specs[index].isolated();
            boolean isolatedAway = false;
            for (int i = egress.size() - 1; i >= 0; i--) {
                int p = egress.get(i);
                boolean member = specs[p].members().contains(vid) || vt != null && vt[p] != null && vt[p].hasVid(vid);
                if (!member || !up(p)) {
                    egress.remove(p);
                } else if (fromIsolated && (p == index || specs[p].isolated())) {
                    egress.remove(p);
                    isolatedAway = true;
                } else if (out != null && out[p] != null && !judge(out[p], frame)
                        || vt != null && vt[p] != null && vt[p].outAcls && !vsiLetsOut(vt[p], frame)) {
                    egress.remove(p);
                    aclDenied++;
                }
            }
            return isolatedAway;
        }

        /**
         * Whether the frame may go to the VSI of port table {@code t} it is addressed to (as
         * {@link #countToVsi} finds it): yes when it is addressed to none, or that VSI's type has no
         * egress ACL, or the ACL permits it; a denial is counted for that VSI too.
         */
        private boolean vsiLetsOut(VsiTable t, Frame frame) {
            int v = t.match(destination, vid);
            VsiTable.Policy p = v == VsiTable.NONE ? null : t.policy(v);
            if (p == null || p.out() == null || judge(p.out(), frame)) {
                return true;
            }
            t.slot(v).deniedOut();
            return false;
        }

        /**
         * Sends to every egress port in the format it wants: first to ports that take the frame as
         * it is, then, after one tag push or pop, to the others. No copy of the frame is made.
         */
        private void transmit(Frame frame, boolean tagged) {
            boolean multi = egress.size() > 1;
            if (multi) {
                java.util.Arrays.fill(replicated, false);
            }
            int others = 0;
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < egress.size(); i++) {
                    int p = egress.get(i);
                    boolean wantsTag = !specs[p].untagged().contains(vid);
                    if (wantsTag != tagged) {
                        others++;
                        continue;
                    }
                    Port port = ports[p];
                    if (multi && (replicated[p] || port instanceof ReplicatedPort r && sendReplicated(frame, r, i, tagged))) {
                        continue;
                    }
                    if (port != null && port.send(frame)) {
                        counters[p].tx.increment();
                        countToVsi(p, frame);
                    }
                }
                if (pass == 1 || others == 0) {
                    return;
                }
                if (tagged) {
                    frame.popTag();
                } else if (frame.headroom() >= C_TAG_LENGTH || frame.tailroom() >= C_TAG_LENGTH) {
                    frame.pushVlanTag(EtherType.C_TAG, 0, false, vid);
                } else {
                    return;
                }
                tagged = !tagged;
            }
        }

        /**
         * Offers the egress ports from index {@code from} on that share {@code first}'s replicator
         * (extended ports of one cascade) and want this format to it, for one copy standing for all
         * of them; false when it cannot, and each port is sent its own.
         */
        private boolean sendReplicated(Frame frame, ReplicatedPort first, int from, boolean tagged) {
            Replicator replicator = first.replicator();
            int n = 0;
            for (int j = from; j < egress.size() && replicator != null; j++) {
                int q = egress.get(j);
                if (!replicated[q] && ports[q] instanceof ReplicatedPort r && r.replicator() == replicator
                        && specs[q].untagged().contains(vid) != tagged) {
                    batch[n] = ports[q];
                    batchIndex[n++] = q;
                }
            }
            boolean sent = n > 1 && replicator.sendOne(frame, ports[index], batch, n);
            for (int k = 0; k < n; k++) {
                if (sent) {
                    replicated[batchIndex[k]] = true;
                    counters[batchIndex[k]].tx.increment();
                    countToVsi(batchIndex[k], frame);
                }
                batch[k] = null;
            }
            return sent;
        }

        /** Counts a frame sent on port {@code p} for the VSI there it is addressed to, if any. */
        private void countToVsi(int p, Frame frame) {
            VsiTable[] vt = tables;
            if (vt != null && vt[p] != null) {
                int v = vt[p].match(destination, vid);
                if (v != VsiTable.NONE) {
                    vt[p].slot(v).out(frame.length());
                }
            }
        }

        // ---- ForwardingContext ----

        @Override
        public int ingress() {
            return index;
        }

        @Override
        public int portCount() {
            return specs.length;
        }

        @Override
        public PortRole role(int port) {
            return specs[port].role();
        }

        @Override
        public int uplink() {
            return uplink;
        }

        @Override
        public boolean reflectiveRelay(int port) {
            return reflective[port];
        }

        @Override
        public boolean peerReflectiveRelay(int port) {
            return peerReflective[port];
        }

        @Override
        public boolean up(int port) {
            Port p = ports[port];
            return p != null && p.state() == PortState.UP;
        }

        @Override
        public int vid() {
            return vid;
        }

        @Override
        public long destination() {
            return destination;
        }

        @Override
        public long source() {
            return source;
        }

        @Override
        public boolean groupDestination() {
            return group;
        }

        @Override
        public int destinationPort() {
            return destinationPort;
        }

        @Override
        public int sourcePort() {
            return sourcePort;
        }
    }
}
