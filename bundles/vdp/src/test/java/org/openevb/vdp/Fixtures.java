package org.openevb.vdp;

import java.util.List;
import java.util.UUID;

import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.ManagerIdTlv;
import org.openevb.codec.vdp.VsiTlv;

/** VSIs the VDP tests share. */
final class Fixtures {

    static final VdpTimers TIMERS = new VdpTimers(3, 14, 16, 20);
    static final byte[] MANAGER = ManagerIdTlv.ofString("openevb-test").id();
    static final int TYPE = 5;
    static final int VERSION = 4;

    private Fixtures() {
    }

    static VsiId uuid(int n) {
        return VsiId.uuid(new UUID(0xa1b2c3d4e5f60718L, n));
    }

    /** A VSI with one MAC/VID entry. */
    static Vsi vsi(int n, long mac, int vid) {
        return new Vsi(MANAGER, uuid(n), TYPE, VERSION, VsiTlv.FILTER_MAC_VID, List.of(FilterEntry.ofMacVid(mac, vid)));
    }
}
