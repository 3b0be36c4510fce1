package org.openevb.port.virtual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openevb.api.port.DropReason;
import org.openevb.codec.EtherType;
import org.openevb.codec.Frame;
import org.openevb.codec.arp.ArpView;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ip.DhcpView;
import org.openevb.codec.ip.NeighbourDiscoveryView;

/**
 * The guards of a VM-facing port: what a VM may claim and send. Source-MAC guard: frames only
 * from the port's own MACs. ARP guard: an ARP sender (MAC, IPv4) must be a binding of the port.
 * ND guard: a neighbour advertisement's target (with the frame's source MAC) must be a binding.
 * DHCP guard: no DHCP or DHCPv6 server messages from the port (it is not a trusted server port).
 * Bindings are configured, and learned from the DHCP acknowledgements the port sends to its VM
 * (DHCP snooping), at most {@value #MAX_LEARNED}, the oldest forgotten first.
 *
 * <p>Frames are read through the codec's views, never as arrays. {@link #check} runs on the
 * receive thread and allocates nothing; {@link #sent} runs on any sending thread, reads with that
 * thread's views, and takes a lock only to learn a binding (a DHCP acknowledgement, rare).
 */
public final class Guard {

    /** Learned bindings kept at most. */
    public static final int MAX_LEARNED = 64;

    /** One binding: a MAC address and an IPv4 (4 bytes) or IPv6 (16 bytes) address. */
    public record Binding(long mac, byte[] ip) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Binding b && b.mac == mac && Arrays.equals(b.ip, ip);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(mac) * 31 + Arrays.hashCode(ip);
        }
    }

    /** The views' addresses as two big-endian words, so a binding matches without reading an array. */
    private record Bound(Binding binding, long high, long low) {
        static Bound of(Binding b) {
            byte[] ip = b.ip();
            return new Bound(b, ip.length == 4 ? word(ip, 0, 4) : word(ip, 0, 8), ip.length == 16 ? word(ip, 8, 8) : 0);
        }

        private static long word(byte[] ip, int from, int n) {
            long w = 0;
            for (int i = from; i < Math.min(ip.length, from + n); i++) {
                w = w << 8 | (ip[i] & 0xFF);
            }
            return w;
        }
    }

    /** The views the sending threads read with (any thread may send). */
    private static final ThreadLocal<Views> SENDING = ThreadLocal.withInitial(Views::new);

    private final long[] sourceMacs; // empty: no source-MAC guard
    private final boolean arp;
    private final boolean nd;
    private final boolean dhcp;

    private final Bound[] configured;
    private volatile Bound[] learned = new Bound[0];
    /** The receive thread's views. */
    private final Views receiving = new Views();

    public Guard(List<Long> sourceMacs, boolean arp, boolean nd, boolean dhcp, List<Binding> bindings) {
        this.sourceMacs = sourceMacs.stream().mapToLong(Long::longValue).toArray();
        this.arp = arp;
        this.nd = nd;
        this.dhcp = dhcp;
        this.configured = bindings.stream().map(Bound::of).toArray(Bound[]::new);
    }

    /**
     * Why a frame received on the port is dropped, or null when it passes. The frame is only read.
     * One thread at a time (the port's receive thread, or its lanes under the port's lock).
     */
    public DropReason check(Frame frame) {
        if (frame.length() < 14) {
            return null; // the consumer counts it malformed
        }
        if (sourceMacs.length > 0 && !contains(sourceMacs, frame.source())) {
            return DropReason.RX_GUARD_SOURCE_MAC;
        }
        if (!arp && !nd && !dhcp) {
            return null;
        }
        Views v = receiving;
        if (!v.header(frame)) {
            return null;
        }
        int type = v.header.etherType();
        if (type == EtherType.ARP) {
            if (arp && v.arp.parse(v.header, frame)) {
                int ip = v.arp.senderIp4();
                boolean probe = ip == 0;
                return probe || bound4(v.arp.senderMac(), ip) ? null : DropReason.RX_GUARD_ARP;
            }
            return null;
        }
        if (dhcp && (type == EtherType.IPV4 || type == EtherType.IPV6) && v.dhcp.parse(v.header, frame)
                && v.dhcp.fromServer()) {
            return DropReason.RX_GUARD_DHCP;
        }
        if (nd && v.nd.parse(v.header, frame) && v.nd.type() == NeighbourDiscoveryView.NEIGHBOUR_ADVERTISEMENT
                && !bound6(frame.source(), v.nd.targetHigh(), v.nd.targetLow())) {
            return DropReason.RX_GUARD_ND;
        }
        return null;
    }

    /**
     * Learns the binding a DHCP acknowledgement the port sends to its VM gives. Any thread; the
     * frame is only read.
     */
    public void sent(Frame frame) {
        if (!arp && !nd) {
            return;
        }
        Views v = SENDING.get();
        if (!v.header(frame) || v.header.etherType() != EtherType.IPV4) {
            return;
        }
        DhcpView d = v.dhcp;
        if (!d.parse(v.header, frame) || !d.fromServer() || !d.bootp() || d.op() != DhcpView.BOOTREPLY
                || d.messageType() != DhcpView.DHCPACK) {
            return;
        }
        int ip = d.yourAddress();
        learn(new Binding(d.clientMac(), new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip}));
    }

    private synchronized void learn(Binding binding) {
        Bound bound = Bound.of(binding);
        List<Bound> now = new ArrayList<>(Arrays.asList(learned));
        now.remove(bound);
        now.add(bound);
        while (now.size() > MAX_LEARNED) {
            now.remove(0);
        }
        learned = now.toArray(new Bound[0]);
    }

    /** Whether {@code other} guards the same way (then the bindings learned so far may stay). */
    public boolean sameRules(Guard other) {
        return other != null && Arrays.equals(sourceMacs, other.sourceMacs) && arp == other.arp && nd == other.nd
                && dhcp == other.dhcp && Arrays.equals(configured, other.configured);
    }

    /** The bindings learned from DHCP, oldest first. */
    public List<Binding> learned() {
        return Arrays.stream(learned).map(Bound::binding).toList();
    }

    private boolean bound4(long mac, int ip) {
        return bound(configured, mac, 4, ip & 0xFFFF_FFFFL, 0) || bound(learned, mac, 4, ip & 0xFFFF_FFFFL, 0);
    }

    private boolean bound6(long mac, long high, long low) {
        return bound(configured, mac, 16, high, low) || bound(learned, mac, 16, high, low);
    }

    /** Whether a binding has {@code mac} and an address of {@code length} bytes read as (high, low). */
    private static boolean bound(Bound[] bindings, long mac, int length, long high, long low) {
        for (Bound x : bindings) {
            if (x.binding.mac() == mac && x.binding.ip().length == length && x.high == high && x.low == low) {
                return true;
            }
        }
        return false;
    }

    /** A frame's headers as the guards read them: one set per thread. */
    private static final class Views {
        final EthernetHeaderView header = new EthernetHeaderView();
        final ArpView arp = new ArpView();
        final DhcpView dhcp = new DhcpView();
        final NeighbourDiscoveryView nd = new NeighbourDiscoveryView();

        /**
         * Reads the addresses and up to two VLAN tags. False for what no guard judges: a header or
         * tag cut short, or a VN-Tag or E-Tag among the first two tags.
         */
        boolean header(Frame frame) {
            if (!header.parseOuter(frame, 2)) {
                return false;
            }
            for (int i = 0; i < header.tagCount(); i++) {
                if (!EtherType.isVlanTag(header.tagTpid(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean contains(long[] macs, long mac) {
        for (long m : macs) {
            if (m == mac) {
                return true;
            }
        }
        return false;
    }
}
