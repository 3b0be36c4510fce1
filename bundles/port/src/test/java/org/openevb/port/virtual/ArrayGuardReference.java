package org.openevb.port.virtual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openevb.api.port.DropReason;
import org.openevb.port.virtual.Guard.Binding;

/**
 * The guards' decisions as they were made on the frame's array before the codec's views took
 * over: the reference {@link GuardEquivalenceTest} holds the guard to, frame by frame.
 */
final class ArrayGuardReference {

    private final long[] sourceMacs;
    private final boolean arp;
    private final boolean nd;
    private final boolean dhcp;
    private final Binding[] configured;
    private Binding[] learned = new Binding[0];

    ArrayGuardReference(List<Long> sourceMacs, boolean arp, boolean nd, boolean dhcp, List<Binding> bindings) {
        this.sourceMacs = sourceMacs.stream().mapToLong(Long::longValue).toArray();
        this.arp = arp;
        this.nd = nd;
        this.dhcp = dhcp;
        this.configured = bindings.toArray(new Binding[0]);
    }

    /** Why a frame received on the port is dropped, or null when it passes. */
    DropReason check(byte[] b, int offset, int length) {
        if (length < 14) {
            return null; // the consumer counts it malformed
        }
        if (sourceMacs.length > 0 && !contains(sourceMacs, mac(b, offset + 6))) {
            return DropReason.RX_GUARD_SOURCE_MAC;
        }
        int at = payload(b, offset, length);
        if (at < 0) {
            return null;
        }
        int type = u16(b, at - 2);
        int end = offset + length;
        if (type == 0x0806 && arp && end - at >= 28 && u16(b, at) == 1 && u16(b, at + 2) == 0x0800 && b[at + 4] == 6
                && b[at + 5] == 4) {
            long senderMac = mac(b, at + 8);
            boolean probe = b[at + 14] == 0 && b[at + 15] == 0 && b[at + 16] == 0 && b[at + 17] == 0;
            return probe || bound(senderMac, b, at + 14, 4) ? null : DropReason.RX_GUARD_ARP;
        }
        if (type == 0x0800 && dhcp && end - at >= 28 && (b[at + 9] & 0xFF) == 17) {
            int udp = at + (b[at] & 0x0F) * 4;
            if (udp + 4 <= end && u16(b, udp) == 67 && u16(b, udp + 2) == 68) {
                return DropReason.RX_GUARD_DHCP;
            }
        }
        if (type == 0x86DD && end - at >= 48) {
            int next = b[at + 6] & 0xFF;
            int l4 = at + 40;
            if (next == 17 && dhcp && u16(b, l4) == 547 && u16(b, l4 + 2) == 546) {
                return DropReason.RX_GUARD_DHCP;
            }
            if (next == 58 && nd && end - l4 >= 24 && (b[l4] & 0xFF) == 136
                    && !bound(mac(b, offset + 6), b, l4 + 8, 16)) {
                return DropReason.RX_GUARD_ND;
            }
        }
        return null;
    }

    /** Learns the binding a DHCP acknowledgement the port sends to its VM gives (any thread). */
    void sent(byte[] b, int offset, int length) {
        if (!arp && !nd) {
            return;
        }
        int at = payload(b, offset, length);
        int end = offset + length;
        if (at < 0 || u16(b, at - 2) != 0x0800 || end - at < 28 || (b[at + 9] & 0xFF) != 17) {
            return;
        }
        int udp = at + (b[at] & 0x0F) * 4;
        int bootp = udp + 8;
        if (bootp + 240 > end || u16(b, udp) != 67 || u16(b, udp + 2) != 68 || b[bootp] != 2
                || u16(b, bootp + 236) != 0x6382 || u16(b, bootp + 238) != 0x5363) {
            return;
        }
        if (dhcpMessageType(b, bootp + 240, end) != 5) {
            return;
        }
        learn(new Binding(mac(b, bootp + 28), Arrays.copyOfRange(b, bootp + 16, bootp + 20)));
    }

    private void learn(Binding binding) {
        List<Binding> now = new ArrayList<>(Arrays.asList(learned));
        now.remove(binding);
        now.add(binding);
        while (now.size() > Guard.MAX_LEARNED) {
            now.remove(0);
        }
        learned = now.toArray(new Binding[0]);
    }

    List<Binding> learned() {
        return List.of(learned);
    }

    private boolean bound(long mac, byte[] b, int at, int length) {
        return bound(configured, mac, b, at, length) || bound(learned, mac, b, at, length);
    }

    private static boolean bound(Binding[] bindings, long mac, byte[] b, int at, int length) {
        for (Binding x : bindings) {
            if (x.mac() == mac && x.ip().length == length && Arrays.equals(x.ip(), 0, length, b, at, at + length)) {
                return true;
            }
        }
        return false;
    }

    /** Option 53 of the DHCP options from {@code at}, or -1. */
    private static int dhcpMessageType(byte[] b, int at, int end) {
        int i = at;
        while (i < end) {
            int code = b[i] & 0xFF;
            if (code == 255) {
                return -1;
            }
            if (code == 0) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return -1;
            }
            int len = b[i + 1] & 0xFF;
            if (code == 53 && len == 1 && i + 2 < end) {
                return b[i + 2] & 0xFF;
            }
            i += 2 + len;
        }
        return -1;
    }

    /** Where the payload after the Ethernet header and up to two VLAN tags starts, or -1 if cut short. */
    private static int payload(byte[] b, int offset, int length) {
        int at = offset + 14;
        for (int tags = 0; tags < 2 && at <= offset + length; tags++) {
            int type = u16(b, at - 2);
            if (type != 0x8100 && type != 0x88A8 && type != 0x9100) {
                break;
            }
            at += 4;
        }
        return at <= offset + length ? at : -1;
    }

    private static boolean contains(long[] macs, long mac) {
        for (long m : macs) {
            if (m == mac) {
                return true;
            }
        }
        return false;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static long mac(byte[] b, int at) {
        long m = 0;
        for (int i = 0; i < 6; i++) {
            m = m << 8 | (b[at + i] & 0xFF);
        }
        return m;
    }
}
