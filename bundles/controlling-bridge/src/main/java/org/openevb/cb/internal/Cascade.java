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
import org.openevb.codec.ethernet.VnTag;

/**
 * One cascade port of a controlling bridge while its port exists: demultiplexes what comes up by
 * source E-CID / vif to the extended ports, and sends one copy per replication group down for a
 * multi-destination frame (Ingress_E-CID / looped+svif = the source when it is below this cascade,
 * so the extender prunes it).
 */
final class Cascade implements FrameHandler, Replicator {

    private static final int ETAG_HEADER = 12 + ETag.LENGTH + 2;
    private static final int VNTAG_HEADER = 12 + VnTag.LENGTH + 2;

    final CbSettings.CascadeSpec spec;
    final Port carrier;
    final ExtendedPort[] ports;
    private final ExtendedPort[] byId = new ExtendedPort[CbSettings.MAX_ID + 1];
    final Group[] groups;
    private final LongAdder[] drops;
    final LongAdder rx;
    final LongAdder tx;

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
        if (frame.length() < 14) {
            drop(ExtensionDropReason.MALFORMED);
            return;
        }
        int type = frame.typeAt12();
        byte[] b = frame.buffer();
        int off = frame.offset();
        int id;
        if (spec.format() == TagFormat.ETAG) {
            if (!expect(type, EtherType.E_TAG, frame.length(), ETAG_HEADER)) {
                return;
            }
            int w2 = (b[off + 16] & 0xFF) << 8 | (b[off + 17] & 0xFF);
            if ((w2 & 0x3000) != 0) {
                drop(ExtensionDropReason.WRONG_DIRECTION);
                return;
            }
            if (b[off + 19] != 0) {
                drop(ExtensionDropReason.UNKNOWN_ECID);
                return;
            }
            id = w2 & 0xFFF;
        } else {
            if (!expect(type, EtherType.VN_TAG, frame.length(), VNTAG_HEADER)) {
                return;
            }
            if ((b[off + 14] & 0x80) != 0) {
                drop(ExtensionDropReason.WRONG_DIRECTION);
                return;
            }
            id = ((b[off + 16] & 0x0F) << 8) | (b[off + 17] & 0xFF);
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
        if (frame.length() >= 18 && frame.typeAt12() == EtherType.C_TAG) {
            byte[] b = frame.buffer();
            int tci = (b[frame.offset() + 14] & 0xFF) << 8 | (b[frame.offset() + 15] & 0xFF);
            return (tci >>> 13) << 1 | (tci >>> 12 & 1);
        }
        return 0;
    }

    void drop(ExtensionDropReason why) {
        drops[why.ordinal()].increment();
    }
}
