package org.openevb.vdp;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.ManagerIdTlv;
import org.openevb.codec.vdp.VsiTlv;

/** VSIs and a type database the VDP tests share. */
final class Fixtures {

    static final VdpTimers TIMERS = new VdpTimers(3, 14, 16, 20);
    static final byte[] MANAGER = ManagerIdTlv.ofString("openevb-test").id();
    static final int TYPE = 5;
    static final int VERSION = 4;

    private Fixtures() {
    }

    /** Type 5 version 4: VLANs 100-102; type 6 version 1: VLAN 200 and two MACs only. */
    static VsiTypeDatabase types(int vsisPerPort) {
        return new VsiTypeDatabase(List.of(
                VsiType.of(TYPE, VERSION, 100, 101, 102),
                new VsiType(6, 1, new TreeSet<>(Set.of(200)), Set.of(0x020000000601L, 0x020000000602L))), vsisPerPort);
    }

    static VsiId uuid(int n) {
        return VsiId.uuid(new UUID(0xa1b2c3d4e5f60718L, n));
    }

    /** A VSI with one MAC/VID entry. */
    static Vsi vsi(int n, long mac, int vid) {
        return new Vsi(MANAGER, uuid(n), TYPE, VERSION, VsiTlv.FILTER_MAC_VID, List.of(FilterEntry.ofMacVid(mac, vid)));
    }
}
