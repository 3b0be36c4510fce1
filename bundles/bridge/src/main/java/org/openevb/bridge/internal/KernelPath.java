package org.openevb.bridge.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.KernelForwarding;
import org.openevb.api.port.Port;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entries one configuration of a bridge put in its ports' kernel forwarding tables (see
 * {@link KernelForwarding}): known unicast that the bridge forwarded unchanged from one port to
 * one other, with no policy on the way, is handed to the kernel for the frames that follow, keyed
 * by destination, source and outer tag on the ingress port.
 *
 * <p>An entry stands for a decision made from the FDB, the mode, the ports' states and the
 * configuration; it goes when any of them could change the decision: an address moving or leaving
 * the FDB withdraws the entries to it and from it ({@link #forgot}), anything else (the mode, the
 * reflective relay states, VSIs, ACLs, a port coming or going or needing every frame itself)
 * withdraws them all ({@link #withdrawAll}). A decision made before a withdrawal is never added
 * after it: every withdrawal starts a new generation, and an offer made in an older one is
 * refused.
 *
 * <p>The frames of an entry no longer reach the bridge, so once a second ({@link #refresh}) the
 * entries' counts are read: a source still sending is refreshed in the FDB, and the frames are
 * added to the bridge's port counters.
 */
final class KernelPath {

    private static final Logger LOG = LoggerFactory.getLogger(KernelPath.class);

    /** One entry as this bridge added it. */
    private record Key(long dst, long src, int tag) {
    }

    /** Where an entry sends and how many frames it had forwarded at the last read. */
    private static final class Added {
        final int egress;
        long frames;
        long bytes;

        Added(int egress) {
            this.egress = egress;
        }
    }

    private final String bridge;
    private final Port[] ports;
    private final BridgeSettings.PortSpec[] specs;
    private final BridgeComponent.PortCounters[] counters;
    private final Object lock = new Object();
    /** Per ingress port, the entries added there (this configuration's only). */
    private final List<Map<Key, Added>> added = new ArrayList<>();
    /** Per ingress port, whether its table refused an entry in this generation (full, or the kernel refused). */
    private final boolean[] refused;
    private volatile int generation;
    private boolean closed;

    KernelPath(String bridge, Port[] ports, BridgeSettings.PortSpec[] specs, BridgeComponent.PortCounters[] counters) {
        this.bridge = bridge;
        this.ports = ports;
        this.specs = specs;
        this.counters = counters;
        for (int i = 0; i < ports.length; i++) {
            added.add(new HashMap<>());
        }
        this.refused = new boolean[ports.length];
    }

    /** The generation a frame's decision is made in: read before the decision. */
    int generation() {
        return generation;
    }

    /** The tag key of a frame: its outer C-tag's VID, or untagged. */
    static int tag(boolean tagged, int vid) {
        return tagged ? KernelForwarding.cTagged(vid) : KernelForwarding.UNTAGGED;
    }

    /**
     * Hands the frames of a decision to the kernel: from port {@code in}, to {@code dst} from
     * {@code src} with outer tag {@code tag}, out of port {@code out}, decided in generation
     * {@code decidedIn}. Called on the receive thread after the frame was sent; does nothing when
     * either port has no table (or must see every frame), when the entry is there already, or when
     * the table refused one in this generation.
     */
    void offer(int decidedIn, int in, int out, long dst, long src, int tag) {
        Port from = ports[in];
        Port to = ports[out];
        KernelForwarding kin = from == null ? null : from.kernelForwarding();
        KernelForwarding kout = to == null ? null : to.kernelForwarding();
        if (kin == null || kout == null || refused[in]) {
            return;
        }
        synchronized (lock) {
            Key key = new Key(dst, src, tag);
            Map<Key, Added> here = added.get(in);
            if (closed || decidedIn != generation || here.containsKey(key) || refused[in]) {
                return;
            }
            try {
                if (!kin.add(dst, src, tag, kout.ifindex())) {
                    refused[in] = true;
                    LOG.info("bridge '{}': the kernel forwarding table of port '{}' is full ({} entries): more frames "
                            + "from it go through the bridge until entries go", bridge, specs[in].name(), kin.capacity());
                    return;
                }
            } catch (DriverException e) {
                refused[in] = true;
                LOG.warn("bridge '{}': port '{}' refused a kernel forwarding entry: {}", bridge, specs[in].name(),
                        e.getMessage());
                return;
            }
            here.put(key, new Added(out));
            // a port that came to need every frame meanwhile removed its entries before answering null, or we see it here
            if (from.kernelForwarding() == null || to.kernelForwarding() == null) {
                remove(in, key, kin);
            }
        }
    }

    /** The address (vid, mac) moved or left the FDB: the entries to it and from it go. */
    void forgot(int vid, long mac) {
        synchronized (lock) {
            generation++;
            for (int in = 0; in < ports.length; in++) {
                Map<Key, Added> here = added.get(in);
                if (here.isEmpty()) {
                    continue;
                }
                List<Key> doomed = new ArrayList<>();
                for (Key k : here.keySet()) {
                    if ((k.dst() == mac || k.src() == mac) && vid(in, k.tag()) == vid) {
                        doomed.add(k);
                    }
                }
                if (!doomed.isEmpty()) {
                    KernelForwarding kin = table(in);
                    count(in, kin);
                    for (Key k : doomed) {
                        remove(in, k, kin);
                    }
                }
            }
        }
    }

    /** Every entry goes (the mode, relay states, VSIs, ACLs or the ports changed); says why in the log at debug. */
    void withdrawAll(String why) {
        synchronized (lock) {
            generation++;
            int n = 0;
            for (int in = 0; in < ports.length; in++) {
                Map<Key, Added> here = added.get(in);
                refused[in] = false;
                if (here.isEmpty()) {
                    continue;
                }
                KernelForwarding kin = table(in);
                count(in, kin);
                for (Key k : new ArrayList<>(here.keySet())) {
                    remove(in, k, kin);
                    n++;
                }
            }
            if (n > 0) {
                LOG.debug("bridge '{}': {} kernel forwarding entries withdrawn: {}", bridge, n, why);
            }
        }
    }

    /** Withdraws everything and adds nothing more: this configuration is being replaced or stops. */
    void close() {
        withdrawAll("the bridge's configuration is replaced or stops");
        synchronized (lock) {
            closed = true;
        }
    }

    /**
     * Reads what every entry forwarded since the last read: refreshes in {@code fdb} the sources
     * still sending, adds their frames to the bridge's port counters, and forgets entries the
     * table no longer has (a port that needed every frame removed them, or its interface was
     * opened again). Called once a second, before the FDB ages.
     */
    void refresh(Fdb fdb, long now) {
        synchronized (lock) {
            for (int in = 0; in < ports.length; in++) {
                Map<Key, Added> here = added.get(in);
                if (here.isEmpty()) {
                    continue;
                }
                Set<Key> present = count(in, table(in));
                for (Map.Entry<Key, Added> e : here.entrySet()) {
                    Key k = e.getKey();
                    if (present != null && present.contains(k) && e.getValue().frames > 0) {
                        fdb.touch(vid(in, k.tag()), k.src(), in, now);
                    }
                }
                if (present != null) {
                    here.keySet().retainAll(present);
                }
            }
        }
    }

    /** The entries added on port {@code in}, for tests and status. */
    int size(int in) {
        synchronized (lock) {
            return added.get(in).size();
        }
    }

    /**
     * Adds to the bridge's counters what each entry of port {@code in} forwarded since the last
     * read; returns the keys of ours the table has, or null when it cannot be read.
     */
    private Set<Key> count(int in, KernelForwarding kin) {
        if (kin == null) {
            return null;
        }
        Map<Key, Added> here = added.get(in);
        Set<Key> present = new HashSet<>();
        try {
            kin.forEach((dst, src, tag, egressIfindex, frames, bytes) -> {
                Key k = new Key(dst, src, tag);
                Added a = here.get(k);
                if (a == null) {
                    return;
                }
                present.add(k);
                long newFrames = frames - a.frames;
                if (newFrames > 0) {
                    counters[in].kernelRx.add(newFrames);
                    counters[a.egress].kernelTx.add(newFrames);
                }
                a.frames = frames;
                a.bytes = bytes;
            });
        } catch (DriverException e) {
            LOG.debug("bridge '{}': cannot read the kernel forwarding table of port '{}': {}", bridge, specs[in].name(),
                    e.getMessage());
            return null;
        }
        return present;
    }

    private void remove(int in, Key k, KernelForwarding kin) {
        added.get(in).remove(k);
        if (kin == null) {
            return;
        }
        try {
            kin.remove(k.dst(), k.src(), k.tag());
        } catch (DriverException e) {
            LOG.warn("bridge '{}': cannot remove a kernel forwarding entry of port '{}': {}", bridge, specs[in].name(),
                    e.getMessage());
        }
    }

    /** The port's table whatever it needs now: entries it still has must go. */
    private KernelForwarding table(int in) {
        Port p = ports[in];
        if (p == null) {
            return null;
        }
        KernelForwarding k = p.kernelForwarding();
        return k;
    }

    /** The VLAN of an entry's frames: its C-tag's, or the ingress port's PVID for untagged ones. */
    private int vid(int in, int tag) {
        return tag == KernelForwarding.UNTAGGED ? specs[in].pvid() : tag & 0xfff;
    }
}
