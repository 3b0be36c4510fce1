package org.openevb.extender.internal;

import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.extension.ExtensionDropReason;
import org.openevb.api.extension.TagFormat;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.Port;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.ethernet.ETag;
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

    private static final int ETAG_HEADER = 12 + ETag.LENGTH + 2;
    private static final int VNTAG_HEADER = 12 + VnTag.LENGTH + 2;

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
    volatile Port upstream;

    /** A host or cascade port of the extender. */
    abstract class Member implements FrameHandler {
        final String name;
        final Counters counters;
        volatile Port port;

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
            if (frame.length() < 14) {
                drop(ExtensionDropReason.MALFORMED);
                return;
            }
            Tag tag = upTags.length == 1 ? upTags[0] : upTags[priority(frame)];
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
            int source = upstreamSource(frame);
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
        if (frame.length() < 14) {
            drop(ExtensionDropReason.MALFORMED);
            return;
        }
        int type = frame.typeAt12();
        byte[] b = frame.buffer();
        int off = frame.offset();
        if (format == TagFormat.ETAG) {
            if (!expect(type, EtherType.E_TAG, frame.length(), ETAG_HEADER)) {
                return;
            }
            int w1 = u16(b, off + 14);
            int w2 = u16(b, off + 16);
            int ingressExt = b[off + 18] & 0xFF;
            int ecidExt = b[off + 19] & 0xFF;
            int ecid = w2 & 0x3FFF;
            if (ecidExt != 0) {
                // extended E-CIDs are not assigned here
                drop(ecid >= ExtenderSettings.MIN_ETAG_GROUP ? ExtensionDropReason.UNKNOWN_GROUP : ExtensionDropReason.UNKNOWN_ECID);
                return;
            }
            upstreamRx.increment();
            if (ecid < ExtenderSettings.MIN_ETAG_GROUP) {
                unicastDown(frame, ecid);
            } else {
                int ingressEcid = ingressExt == 0 ? w1 & 0xFFF : -1;
                groupDown(frame, ecid, ingressEcid == 0 ? -1 : ingressEcid);
            }
        } else {
            if (!expect(type, EtherType.VN_TAG, frame.length(), VNTAG_HEADER)) {
                return;
            }
            int word = (u16(b, off + 14) << 16) | u16(b, off + 16);
            if (word >= 0) {
                drop(ExtensionDropReason.WRONG_DIRECTION);
                return;
            }
            upstreamRx.increment();
            int dvif = (word >>> 16) & 0x3FFF;
            if ((word & 0x4000_0000) == 0) {
                unicastDown(frame, dvif);
            } else {
                boolean looped = (word & 0x8000) != 0;
                groupDown(frame, dvif, looped ? word & 0xFFF : -1);
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
     * counted) when it is not one.
     */
    private int upstreamSource(Frame frame) {
        if (frame.length() < 14) {
            drop(ExtensionDropReason.MALFORMED);
            return -1;
        }
        int type = frame.typeAt12();
        byte[] b = frame.buffer();
        int off = frame.offset();
        if (format == TagFormat.ETAG) {
            if (!expect(type, EtherType.E_TAG, frame.length(), ETAG_HEADER)) {
                return -1;
            }
            int w2 = u16(b, off + 16);
            if ((w2 & 0x3000) != 0) {
                drop(ExtensionDropReason.WRONG_DIRECTION);
                return -1;
            }
            if ((b[off + 19] & 0xFF) != 0) {
                drop(ExtensionDropReason.OUT_OF_RANGE);
                return -1;
            }
            return w2 & 0xFFF;
        }
        if (!expect(type, EtherType.VN_TAG, frame.length(), VNTAG_HEADER)) {
            return -1;
        }
        if ((b[off + 14] & 0x80) != 0) {
            drop(ExtensionDropReason.WRONG_DIRECTION);
            return -1;
        }
        return u16(b, off + 16) & 0xFFF;
    }

    /** Whether the frame carries our tag completely; if not, counts why. */
    private boolean expect(int type, int tpid, int length, int header) {
        if (type != tpid) {
            drop(type == EtherType.E_TAG || type == EtherType.VN_TAG
                    ? ExtensionDropReason.WRONG_FORMAT : ExtensionDropReason.UNTAGGED);
            return false;
        }
        if (length < header) {
            drop(ExtensionDropReason.MALFORMED);
            return false;
        }
        return true;
    }

    /** E-PCP and E-DEI from the frame's C-tag (0 without one), as an index {@code pcp << 1 | dei}. */
    static int priority(Frame frame) {
        if (frame.length() >= 18 && frame.typeAt12() == EtherType.C_TAG) {
            int tci = u16(frame.buffer(), frame.offset() + 14);
            return (tci >>> 13) << 1 | (tci >>> 12 & 1);
        }
        return 0;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    void drop(ExtensionDropReason why) {
        drops[why.ordinal()].increment();
    }
}
