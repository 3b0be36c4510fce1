package org.openevb.extender.internal;

import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.extension.ExtensionDropReason;
import org.openevb.api.extension.TagFormat;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.Port;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ethernet.Tag;
import org.openevb.codec.ethernet.VnTag;

/**
 * The data path of one configuration of an extender. Up: a host port's frame gets the tag with
 * its E-CID / vif and goes to the upstream port; a cascade port's frame, already tagged below,
 * goes up unchanged. Down: a point-to-point E-CID / vif is untagged and delivered to its host
 * port (or passed, tagged, to the cascade serving it); a group is replicated to its members but
 * not to the member whose E-CID is the frame's Ingress_E-CID (VN-Tag: looped and svif). All on
 * the receiving port's thread; unicast allocates nothing.
 */
final class ExtenderPlane {

    final ExtenderSettings settings;
    final TagFormat format;
    final Host[] hosts;
    final Cascade[] cascades;
    final Group[] groups;
    /** Point-to-point E-CID / vif to its Host or Cascade. */
    private final Member[] byId = new Member[ExtenderSettings.MAX_ID + 1];
    private final Group[] groupById = new Group[ExtenderSettings.MAX_GROUP + 1];
    private final LongAdder[] drops;
    final LongAdder upstreamRx;
    final LongAdder upstreamTx;
    final FrameHandler upstreamHandler = this::fromUpstream;
    /** The frame's outer tag, on the upstream port's receive thread only. */
    private final EthernetHeaderView upstreamHeader = new EthernetHeaderView();
    volatile Port upstream;

    /** A host or cascade port of the extender. */
    abstract class Member implements FrameHandler {
        final String name;
        final Counters counters;
        volatile Port port;
        /** The frame's outer tag, on this member's port's receive thread only. */
        final EthernetHeaderView header = new EthernetHeaderView();

        Member(String name, Counters counters) {
            this.name = name;
            this.counters = counters;
        }

        /** Sends the frame to the port; whether it went. */
        final boolean send(Frame frame) {
            Port p = port;
            if (p == null || !p.send(frame)) {
                drop(ExtensionDropReason.NO_CARRIER);
                return false;
            }
            counters.down.increment();
            counters.downBytes.add(frame.length());
            return true;
        }

        final boolean sendUp(Frame frame) {
            Port up = upstream;
            if (up == null || !up.send(frame)) {
                drop(ExtensionDropReason.NO_CARRIER);
                return false;
            }
            upstreamTx.increment();
            return true;
        }
    }

    final class Host extends Member {
        final int id;
        /** E-Tag: one tag per (E-PCP, E-DEI), so tagging allocates nothing; VN-Tag: one. */
        private final Tag[] upTags;

        Host(String name, int id, Counters counters) {
            super(name, counters);
            this.id = id;
            if (format == TagFormat.ETAG) {
                upTags = new Tag[16];
                for (int i = 0; i < 16; i++) {
                    upTags[i] = ETag.upstream(i >>> 1, (i & 1) != 0, id);
                }
            } else {
                upTags = new Tag[] {VnTag.upstream(id)};
            }
        }

        @Override
        public void receive(Port ingress, Frame frame) {
            // a runt, or a tag cut short: not sent up under our tag as if whole
            if (!header.parseOuter(frame, 1)) {
                drop(ExtensionDropReason.MALFORMED);
                return;
            }
            Tag tag = upTags.length == 1 ? upTags[0] : upTags[priority(header)];
            int length = frame.length();
            frame.pushTag(tag);
            if (sendUp(frame)) {
                counters.up.increment();
                counters.upBytes.add(length);
            }
        }
    }

    final class Cascade extends Member {
        final ExtenderSettings.CascadeSpec spec;

        Cascade(ExtenderSettings.CascadeSpec spec, Counters counters) {
            super(spec.port(), counters);
            this.spec = spec;
        }

        /** From the extender below: already tagged with its source; checked, then passed up unchanged. */
        @Override
        public void receive(Port ingress, Frame frame) {
            int source = upstreamSource(header, frame);
            if (source < 0) {
                return;
            }
            if (!spec.serves(source)) {
                drop(ExtensionDropReason.OUT_OF_RANGE);
                return;
            }
            int length = frame.length();
            if (sendUp(frame)) {
                counters.up.increment();
                counters.upBytes.add(length);
            }
        }
    }

    final class Group {
        final ExtenderSettings.GroupSpec spec;
        final Host[] hostMembers;
        final Cascade[] cascadeMembers;
        final LongAdder frames = new LongAdder();
        final LongAdder pruned = new LongAdder();

        Group(ExtenderSettings.GroupSpec spec, Host[] hostMembers, Cascade[] cascadeMembers) {
            this.spec = spec;
            this.hostMembers = hostMembers;
            this.cascadeMembers = cascadeMembers;
        }

        /** Tagged copies to the cascades (they replicate and prune below), untagged to the hosts. */
        void replicate(Frame frame, int prunedId) {
            frames.increment();
            for (Cascade c : cascadeMembers) {
                c.send(frame);
            }
            frame.popTag();
            for (Host h : hostMembers) {
                if (h.id == prunedId) {
                    h.counters.pruned.increment();
                    pruned.increment();
                } else {
                    h.send(frame);
                }
            }
        }
    }

    ExtenderPlane(ExtenderSettings settings, java.util.function.Function<String, Counters> counters, LongAdder[] drops,
            LongAdder upstreamRx, LongAdder upstreamTx) {
        this.settings = settings;
        this.format = settings.format();
        this.drops = drops;
        this.upstreamRx = upstreamRx;
        this.upstreamTx = upstreamTx;
        hosts = new Host[settings.hosts().size()];
        for (int i = 0; i < hosts.length; i++) {
            ExtenderSettings.HostSpec h = settings.hosts().get(i);
            hosts[i] = new Host(h.port(), h.id(), counters.apply(h.port()));
            byId[h.id()] = hosts[i];
        }
        cascades = new Cascade[settings.cascades().size()];
        for (int i = 0; i < cascades.length; i++) {
            ExtenderSettings.CascadeSpec c = settings.cascades().get(i);
            cascades[i] = new Cascade(c, counters.apply(c.port()));
            for (int[] r : c.ranges()) {
                for (int id = r[0]; id <= r[1]; id++) {
                    byId[id] = cascades[i];
                }
            }
        }
        groups = new Group[settings.groups().size()];
        for (int i = 0; i < groups.length; i++) {
            ExtenderSettings.GroupSpec g = settings.groups().get(i);
            java.util.List<Host> hs = new java.util.ArrayList<>();
            java.util.List<Cascade> cs = new java.util.ArrayList<>();
            for (String m : g.members()) {
                Member member = member(m);
                if (member instanceof Host h) {
                    hs.add(h);
                } else if (member instanceof Cascade c) {
                    cs.add(c);
                }
            }
            groups[i] = new Group(g, hs.toArray(Host[]::new), cs.toArray(Cascade[]::new));
            groupById[g.id()] = groups[i];
        }
    }

    Member member(String portName) {
        for (Host h : hosts) {
            if (h.name.equals(portName)) {
                return h;
            }
        }
        for (Cascade c : cascades) {
            if (c.name.equals(portName)) {
                return c;
            }
        }
        return null;
    }

    // ---- ports coming and going ----

    /** How the extender is named as the owner of its ports. */
    private String owner() {
        return "extender '" + settings.name() + "'";
    }

    void portAdded(Port port) {
        // refused while another component holds the port: the claim waits for it
        if (port.name().equals(settings.upstream())) {
            upstream = port;
            port.claim(owner(), upstreamHandler);
            return;
        }
        Member m = member(port.name());
        if (m != null) {
            m.port = port;
            port.claim(owner(), m);
        }
    }

    /** By identity: a renamed port departs already answering to its new name. */
    void portRemoved(Port port) {
        // a port may depart alive (renamed, or in conflict): it must stop feeding this extender
        if (upstream == port) {
            upstream = null;
            port.release(upstreamHandler);
        }
        for (Member m : members()) {
            if (m.port == port) {
                m.port = null;
                port.release(m);
            }
        }
    }

    void detachAll() {
        Port up = upstream;
        if (up != null) {
            up.release(upstreamHandler);
        }
        upstream = null;
        for (Member m : members()) {
            Port p = m.port;
            if (p != null) {
                p.release(m);
            }
            m.port = null;
        }
    }

    /** Detaches from the ports the successor does not use; it already attached to the others. */
    void detachPortsNotIn(ExtenderPlane successor) {
        java.util.Set<String> keep = successor.settings.portNames();
        Port up = upstream;
        if (up != null && !keep.contains(up.name())) {
            up.release(upstreamHandler);
        }
        for (Member m : members()) {
            Port p = m.port;
            if (p != null && !keep.contains(p.name())) {
                p.release(m);
            }
        }
    }

    Member[] members() {
        Member[] all = new Member[hosts.length + cascades.length];
        System.arraycopy(hosts, 0, all, 0, hosts.length);
        System.arraycopy(cascades, 0, all, hosts.length, cascades.length);
        return all;
    }

    // ---- down ----

    private void fromUpstream(Port ingress, Frame frame) {
        EthernetHeaderView h = upstreamHeader;
        if (!h.parseOuter(frame, 1)) {
            drop(ExtensionDropReason.MALFORMED);
            return;
        }
        if (format == TagFormat.ETAG) {
            if (!expect(h.outerTpid(), EtherType.E_TAG)) {
                return;
            }
            int ecid = h.eTagEcid(0);
            if (h.eTagEcidExt(0) != 0) {
                // extended E-CIDs are not assigned here
                drop(ecid >= ExtenderSettings.MIN_ETAG_GROUP ? ExtensionDropReason.UNKNOWN_GROUP : ExtensionDropReason.UNKNOWN_ECID);
                return;
            }
            upstreamRx.increment();
            if (ecid < ExtenderSettings.MIN_ETAG_GROUP) {
                unicastDown(frame, ecid);
            } else {
                // the source to prune: the Ingress_E-CID, unless 0 (none) or extended (never ours)
                int ingressEcid = h.eTagIngressEcidExt(0) == 0 ? h.eTagIngressEcidBase(0) : 0;
                groupDown(frame, ecid, ingressEcid == 0 ? -1 : ingressEcid);
            }
        } else {
            if (!expect(h.outerTpid(), EtherType.VN_TAG)) {
                return;
            }
            if (!h.vnTagDownstream(0)) {
                drop(ExtensionDropReason.WRONG_DIRECTION);
                return;
            }
            upstreamRx.increment();
            int dvif = h.vnTagDvif(0);
            if (!h.vnTagPointer(0)) {
                unicastDown(frame, dvif);
            } else {
                groupDown(frame, dvif, h.vnTagLooped(0) ? h.vnTagSvif(0) : -1);
            }
        }
    }

    private void unicastDown(Frame frame, int id) {
        Member m = id <= ExtenderSettings.MAX_ID ? byId[id] : null;
        if (m == null) {
            drop(ExtensionDropReason.UNKNOWN_ECID);
            return;
        }
        if (m instanceof Host) {
            frame.popTag();
        }
        m.send(frame);
    }

    private void groupDown(Frame frame, int id, int prunedId) {
        Group g = groupById[id];
        if (g == null) {
            drop(ExtensionDropReason.UNKNOWN_GROUP);
            return;
        }
        g.replicate(frame, prunedId);
    }

    // ---- helpers ----

    /**
     * The source E-CID / vif of an upstream-tagged frame from a cascade port, or -1 (dropped and
     * counted) when it is not one. {@code header} is the receiving member's.
     */
    private int upstreamSource(EthernetHeaderView header, Frame frame) {
        if (!header.parseOuter(frame, 1)) {
            drop(ExtensionDropReason.MALFORMED);
            return -1;
        }
        if (format == TagFormat.ETAG) {
            if (!expect(header.outerTpid(), EtherType.E_TAG)) {
                return -1;
            }
            if (header.eTagGrp(0) != 0) {
                drop(ExtensionDropReason.WRONG_DIRECTION);
                return -1;
            }
            if (header.eTagEcidExt(0) != 0) {
                drop(ExtensionDropReason.OUT_OF_RANGE);
                return -1;
            }
            return header.eTagEcidBase(0);
        }
        if (!expect(header.outerTpid(), EtherType.VN_TAG)) {
            return -1;
        }
        if (header.vnTagDownstream(0)) {
            drop(ExtensionDropReason.WRONG_DIRECTION);
            return -1;
        }
        return header.vnTagSvif(0);
    }

    /** Whether the frame's outer tag (0 = none) is ours; if not, counts why. */
    private boolean expect(int outerTpid, int tpid) {
        if (outerTpid != tpid) {
            drop(outerTpid == EtherType.E_TAG || outerTpid == EtherType.VN_TAG
                    ? ExtensionDropReason.WRONG_FORMAT : ExtensionDropReason.UNTAGGED);
            return false;
        }
        return true;
    }

    /** E-PCP and E-DEI from the parsed frame's C-tag (0 without one), as an index {@code pcp << 1 | dei}. */
    static int priority(EthernetHeaderView header) {
        if (header.outerTpid() == EtherType.C_TAG) {
            return header.tagPcp(0) << 1 | (header.tagDei(0) ? 1 : 0);
        }
        return 0;
    }

    void drop(ExtensionDropReason why) {
        drops[why.ordinal()].increment();
    }
}
