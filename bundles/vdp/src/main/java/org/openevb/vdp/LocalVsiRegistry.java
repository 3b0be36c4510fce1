package org.openevb.vdp;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** The {@link VsiRegistry} of one bridge in one JVM: two maps under one lock. */
public final class LocalVsiRegistry implements VsiRegistry {

    private final Map<Long, Holder> macs = new HashMap<>();
    private final Map<VsiId, String> ports = new HashMap<>();

    @Override
    public synchronized Holder holder(long mac) {
        return macs.get(mac);
    }

    @Override
    public synchronized String portOf(VsiId vsi) {
        return ports.get(vsi);
    }

    @Override
    public synchronized long claim(String port, VsiId vsi, Set<Long> wanted) {
        for (long mac : wanted) {
            Holder h = macs.get(mac);
            if (h != null && !h.vsi().equals(vsi)) {
                return mac;
            }
        }
        Holder me = new Holder(port, vsi);
        // MACs this VSI held here and no longer lists are released
        macs.values().removeIf(h -> h.equals(me));
        for (long mac : wanted) {
            macs.put(mac, me);
        }
        ports.put(vsi, port);
        return -1;
    }

    @Override
    public synchronized void release(String port, VsiId vsi) {
        Holder me = new Holder(port, vsi);
        for (Iterator<Holder> it = macs.values().iterator(); it.hasNext();) {
            if (it.next().equals(me)) {
                it.remove();
            }
        }
        ports.remove(vsi, port);
    }
}
