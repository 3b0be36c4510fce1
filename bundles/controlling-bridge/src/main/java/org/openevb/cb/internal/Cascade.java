package org.openevb.cb.internal;

import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.extension.ExtensionDropReason;
import org.openevb.api.extension.TagFormat;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.Port;
import org.openevb.api.port.Replicator;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ethernet.VnTag;

/**
 * One cascade port of a controlling bridge while its port exists: demultiplexes what comes up by
 * source E-CID / vif to the extended ports, and sends one copy per replication group down for a
 * multi-destination frame (Ingress_E-CID / looped+svif = the source when it is below this cascade,
 * so the extender prunes it).
 */
final class Cascade implements FrameHandler, Replicator {

    /**
     * Senders of a frame that take its priority: the bridge's receive threads, any number of them
     * on one extended port, so a view each; reused, so nothing is allocated per frame.
     */
    private static final ThreadLocal<EthernetHeaderView> SENDER_HEADER = ThreadLocal.withInitial(EthernetHeaderView::new);

    final CbSettings.CascadeSpec spec;
    final Port carrier;
    final ExtendedPort[] ports;
    private final ExtendedPort[] byId = new ExtendedPort[CbSettings.MAX_ID + 1];
    final Group[] groups;
    private final LongAdder[] drops;
    final LongAdder rx;
    final LongAdder tx;
    /** The frame's outer tag, on the cascade port's receive thread only. */
    private final EthernetHeaderView header = new EthernetHeaderView();

    /** A replication group: members as a bit set over E-CIDs / vifs, for a match without allocation. */
    static final class Group {
        final CbSettings.GroupSpec spec;
        final long[] members = new long[(CbSettings.MAX_ID + 64) / 64];
        final LongAdder frames = new LongAdder();
        /** Copies sent with the source to prune (it sat below this cascade). */
        final LongAdder pruned = new LongAdder();

        Group(CbSettings.GroupSpec spec) {
            this.spec = spec;
            for (int m : spec.members()) {
                members[m >>> 6] |= 1L << m;
            }
        }

        boolean has(int id) {
            return (members[id >>> 6] & 1L << id) != 0;
        }
    }

    Cascade(CbSettings.CascadeSpec spec, Port carrier, LongAdder[] drops, LongAdder rx, LongAdder tx) {
        this.spec = spec;
        this.carrier = carrier;
        this.drops = drops;
        this.rx = rx;
        this.tx = tx;
        ports = new ExtendedPort[spec.ids().length];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = new ExtendedPort(this, spec.ids()[i]);
            byId[spec.ids()[i]] = ports[i];
        }
        groups = spec.groups().stream().map(Group::new).toArray(Group[]::new);
    }

    // ---- up ----

    @Override
    public void receive(Port ingress, Frame frame) {
        if (!header.parseOuter(frame, 1)) {
            drop(ExtensionDropReason.MALFORMED);
            return;
        }
        int id;
        if (spec.format() == TagFormat.ETAG) {
            if (!expect(header.outerTpid(), EtherType.E_TAG)) {
                return;
            }
            if (header.eTagGrp(0) != 0) {
                drop(ExtensionDropReason.WRONG_DIRECTION);
                return;
            }
            if (header.eTagEcidExt(0) != 0) {
                drop(ExtensionDropReason.UNKNOWN_ECID);
                return;
            }
            id = header.eTagEcidBase(0);
        } else {
            if (!expect(header.outerTpid(), EtherType.VN_TAG)) {
                return;
            }
            if (header.vnTagDownstream(0)) {
                drop(ExtensionDropReason.WRONG_DIRECTION);
                return;
            }
            id = header.vnTagSvif(0);
        }
        ExtendedPort port = byId[id];
        if (port == null) {
            drop(ExtensionDropReason.UNKNOWN_ECID);
            return;
        }
        rx.increment();
        frame.popTag();
        port.deliver(frame);
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

    // ---- down ----

    /** Sends an already tagged frame on the cascade port. */
    boolean sendDown(Frame frame) {
        if (!carrier.send(frame)) {
            drop(ExtensionDropReason.NO_CARRIER);
            return false;
        }
        tx.increment();
        return true;
    }

    @Override
    public boolean sendOne(Frame frame, Port ingress, Port[] members, int count) {
        int source = ingress instanceof ExtendedPort e && e.cascade == this ? e.id : 0;
        for (int i = 0; i < count && source != 0; i++) {
            if (members[i] == ingress) {
                source = 0; // reflected to its source on purpose: nothing to prune
            }
        }
        Group g = match(members, count, source);
        if (g == null) {
            return false;
        }
        int p = priority(frame);
        if (spec.format() == TagFormat.ETAG) {
            frame.pushTag(ETag.downstream(p >>> 1, (p & 1) != 0, g.spec.id(), source));
        } else {
            frame.pushTag(new VnTag(true, true, g.spec.id(), source != 0, false, 0, source));
        }
        boolean sent;
        try {
            sent = sendDown(frame);
        } finally {
            frame.popTag();
        }
        if (!sent) {
            return false;
        }
        g.frames.increment();
        if (source != 0 && g.has(source)) {
            g.pruned.increment();
        }
        int length = frame.length();
        for (int i = 0; i < count; i++) {
            ((ExtendedPort) members[i]).countReplicated(length);
        }
        return true;
    }

    /**
     * The group whose members are exactly {@code members}, or those plus the source (which the
     * extender then prunes); null when there is none.
     */
    Group match(Port[] members, int count, int source) {
        for (Group g : groups) {
            int size = g.spec.members().length;
            boolean withSource = source != 0 && g.has(source);
            if (size != count + (withSource ? 1 : 0)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < count && all; i++) {
                all = members[i] instanceof ExtendedPort e && e.cascade == this && g.has(e.id);
            }
            if (all) {
                return g;
            }
        }
        return null;
    }

    /** E-PCP and E-DEI from the frame's C-tag (0 without one), as an index {@code pcp << 1 | dei}. */
    static int priority(Frame frame) {
        EthernetHeaderView h = SENDER_HEADER.get();
        if (h.parseOuter(frame, 1) && h.outerTpid() == EtherType.C_TAG) {
            return h.tagPcp(0) << 1 | (h.tagDei(0) ? 1 : 0);
        }
        return 0;
    }

    void drop(ExtensionDropReason why) {
        drops[why.ordinal()].increment();
    }
}
