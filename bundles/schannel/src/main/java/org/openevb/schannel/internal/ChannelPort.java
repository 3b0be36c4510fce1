package org.openevb.schannel.internal;

import java.util.concurrent.atomic.LongAdder;
import org.openevb.api.port.Port;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.port.virtual.VirtualPort;

/** The port of one S-channel: its frames travel on the carrier with an 802.1ad S-tag. */
final class ChannelPort extends VirtualPort {

    private static final int S_TAG_LENGTH = 4;

    private final int scid;
    private volatile int svid;
    /** An access port carries no C-tagged frame (a manual channel with manual.channels = access). */
    private volatile boolean access;
    /** The component's count of C-tagged frames refused on access channels. */
    private final LongAdder cTaggedDrops;

    ChannelPort(String name, Port carrier, int scid, LongAdder cTaggedDrops) {
        super(name, "s-channel", "S-VLAN component on '" + carrier.name() + "'", carrier, S_TAG_LENGTH);
        this.scid = scid;
        this.cTaggedDrops = cTaggedDrops;
    }

    boolean access() {
        return access;
    }

    void access(boolean access) {
        this.access = access;
    }

    int scid() {
        return scid;
    }

    int svid() {
        return svid;
    }

    void svid(int svid) {
        this.svid = svid;
    }

    @Override
    protected boolean transmit(Frame frame) {
        if (frame.headroom() < S_TAG_LENGTH && frame.tailroom() < S_TAG_LENGTH) {
            return false;
        }
        if (access && frame.length() >= 14 && frame.typeAt12() == EtherType.C_TAG) {
            cTaggedDrops.increment();
            return false;
        }
        frame.pushVlanTag(EtherType.S_TAG, 0, false, svid);
        try {
            return carrier().send(frame);
        } finally {
            frame.popTag();
        }
    }
}
