package org.openevb.cb.internal;

import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.extension.TagFormat;
import org.openevb.api.port.PortCounters;
import org.openevb.api.port.ReplicatedPort;
import org.openevb.api.port.Replicator;
import org.openevb.codec.Frame;
import org.openevb.codec.ethernet.ETag;
import org.openevb.codec.ethernet.Tag;
import org.openevb.codec.ethernet.VnTag;
import org.openevb.port.virtual.VirtualPort;

/**
 * One (cascade port, E-CID / vif): a full port for the bridge that lists it. Frames sent on it go
 * down the cascade with its point-to-point E-CID (VN-Tag: d=1, p=0, its vif).
 */
final class ExtendedPort extends VirtualPort implements ReplicatedPort {

    final Cascade cascade;
    final int id;
    /** E-Tag: one tag per (E-PCP, E-DEI), so sending allocates nothing; VN-Tag: one. */
    private final Tag[] downTags;
    private final LongAdder replicatedFrames = new LongAdder();
    private final LongAdder replicatedBytes = new LongAdder();

    ExtendedPort(Cascade cascade, int id) {
        super(cascade.spec.portName(id), "extended", "controlling bridge cascade '" + cascade.carrier.name() + "'",
                cascade.carrier,
                cascade.spec.format() == TagFormat.ETAG ? ETag.LENGTH : VnTag.LENGTH);
        this.cascade = cascade;
        this.id = id;
        if (cascade.spec.format() == TagFormat.ETAG) {
            downTags = new Tag[16];
            for (int i = 0; i < 16; i++) {
                downTags[i] = ETag.downstream(i >>> 1, (i & 1) != 0, id, 0);
            }
        } else {
            downTags = new Tag[] {VnTag.downstream(id)};
        }
        operational(true, "");
    }

    @Override
    protected boolean transmit(Frame frame) {
        Tag tag = downTags.length == 1 ? downTags[0] : downTags[Cascade.priority(frame)];
        frame.pushTag(tag);
        try {
            return cascade.sendDown(frame);
        } finally {
            frame.popTag();
        }
    }

    @Override
    public Replicator replicator() {
        return cascade;
    }

    /** One replicated copy of {@code length} bytes went down for this port too. */
    void countReplicated(int length) {
        replicatedFrames.increment();
        replicatedBytes.add(length);
    }

    /** Sent frames include those that went down in a replicated copy. */
    @Override
    public PortCounters counters() {
        PortCounters c = super.counters();
        return new PortCounters(c.rxFrames(), c.rxBytes(), c.txFrames() + replicatedFrames.sum(),
                c.txBytes() + replicatedBytes.sum(), c.dropsByReason(), c.kernelDrops());
    }
}
