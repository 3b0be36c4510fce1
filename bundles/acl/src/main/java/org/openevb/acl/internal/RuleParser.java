package org.openevb.acl.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openevb.api.config.ConfigSyntax;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;

/**
 * Reads one rule: {@code ACTION [PROTOCOL] [MATCH VALUE]...}, e.g.
 * {@code permit tcp dst 10.0.0.2 dst-port 80} or {@code deny src-mac 02:00:00:00:00:00/24}.
 *
 * <ul>
 * <li>ACTION: {@code permit}, {@code deny}, {@code count} (count and go on to the next rule);</li>
 * <li>PROTOCOL: {@code any}, {@code ip}, {@code ipv6}, {@code arp} (EtherTypes), {@code tcp},
 * {@code udp}, {@code sctp}, {@code icmp}, {@code icmpv6} (IP protocols, over IPv4 or IPv6);</li>
 * <li>{@code src}, {@code dst}: an IPv4 or IPv6 address or prefix ({@code 10.0.0.0/24},
 * {@code fd00::/64});</li>
 * <li>{@code src-port}, {@code dst-port}: a port or range {@code LOW-HIGH} (needs tcp, udp or sctp);</li>
 * <li>{@code src-mac}, {@code dst-mac}: a MAC, or a prefix of it {@code MAC/BITS};</li>
 * <li>{@code ethertype}: a number ({@code 0x88b5}) or {@code ip}, {@code ipv6}, {@code arp};</li>
 * <li>{@code vlan}: a VID or range (the VLAN the bridge classified the frame into);</li>
 * <li>{@code pcp}: a priority or range (of the outer VLAN tag; 0 untagged);</li>
 * <li>{@code protocol}: an IP protocol number, range or name;</li>
 * <li>{@code flags}: TCP flags that must be set, and with {@code !} clear, e.g. {@code syn,!ack}
 * (needs tcp).</li>
 * </ul>
 */
final class RuleParser {

    private static final Map<String, Integer> ETHER_TYPES = Map.of("ip", EtherType.IPV4, "ipv4", EtherType.IPV4,
            "ipv6", EtherType.IPV6, "arp", EtherType.ARP);
    private static final Map<String, Integer> PROTOCOLS = Map.of("tcp", 6, "udp", 17, "sctp", 132, "icmp", 1,
            "icmpv6", 58);
    private static final List<String> FLAGS = List.of("fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr");

    private RuleParser() {
    }

    /**
     * The rule {@code text} numbered {@code id}.
     *
     * @throws IllegalArgumentException saying what is wrong, fit for the operator
     */
    static AclRule parse(int id, String text) {
        String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            throw new IllegalArgumentException("empty: say permit, deny or count, then what to match");
        }
        AclRule.Action action = switch (words[0]) {
            case "permit" -> AclRule.Action.PERMIT;
            case "deny" -> AclRule.Action.DENY;
            case "count" -> AclRule.Action.COUNT;
            default -> throw new IllegalArgumentException("'" + words[0] + "' is not permit, deny or count");
        };
        long[][] ranges = new long[Field.ALL.length][];
        int i = 1;
        if (i < words.length && !isMatchWord(words[i])) {
            String p = words[i++];
            if (ETHER_TYPES.containsKey(p)) {
                set(ranges, Field.ETHER_TYPE, p, single(ETHER_TYPES.get(p)));
            } else if (PROTOCOLS.containsKey(p)) {
                set(ranges, Field.PROTOCOL, p, single(PROTOCOLS.get(p)));
            } else if (!p.equals("any")) {
                throw new IllegalArgumentException("'" + p + "' is not a protocol (any, ip, ipv6, arp, tcp, udp, sctp, "
                        + "icmp, icmpv6) nor a match (src, dst, src-port, dst-port, src-mac, dst-mac, ethertype, vlan, "
                        + "pcp, protocol, flags)");
            }
        }
        while (i < words.length) {
            String match = words[i++];
            if (!isMatchWord(match)) {
                throw new IllegalArgumentException("'" + match + "' is not a match (src, dst, src-port, dst-port, "
                        + "src-mac, dst-mac, ethertype, vlan, pcp, protocol, flags)");
            }
            if (i == words.length) {
                throw new IllegalArgumentException(match + ": no value");
            }
            String value = words[i++];
            switch (match) {
                case "src" -> address(ranges, value, Field.SOURCE_IPV4, Field.SOURCE_IPV6_HIGH, Field.SOURCE_IPV6_LOW, match);
                case "dst" -> address(ranges, value, Field.DESTINATION_IPV4, Field.DESTINATION_IPV6_HIGH,
                        Field.DESTINATION_IPV6_LOW, match);
                case "src-port" -> set(ranges, Field.SOURCE_PORT, match, range(match, value, 0, 65535));
                case "dst-port" -> set(ranges, Field.DESTINATION_PORT, match, range(match, value, 0, 65535));
                case "src-mac" -> set(ranges, Field.SOURCE_MAC, match, mac(match, value));
                case "dst-mac" -> set(ranges, Field.DESTINATION_MAC, match, mac(match, value));
                case "ethertype" -> set(ranges, Field.ETHER_TYPE, match, ETHER_TYPES.containsKey(value)
                        ? single(ETHER_TYPES.get(value)) : range(match, value, 0, 0xFFFF));
                case "vlan" -> set(ranges, Field.VID, match, range(match, value, 0, 4095));
                case "pcp" -> set(ranges, Field.PCP, match, range(match, value, 0, 7));
                case "protocol" -> set(ranges, Field.PROTOCOL, match, PROTOCOLS.containsKey(value)
                        ? single(PROTOCOLS.get(value)) : range(match, value, 0, 255));
                case "flags" -> set(ranges, Field.TCP_FLAGS, match, flags(value));
                default -> throw new IllegalStateException(match);
            }
        }
        check(ranges);
        return new AclRule(id, action, text.trim(), ranges);
    }

    private static boolean isMatchWord(String w) {
        return switch (w) {
            case "src", "dst", "src-port", "dst-port", "src-mac", "dst-mac", "ethertype", "vlan", "pcp", "protocol",
                    "flags" -> true;
            default -> false;
        };
    }

    /** What the matches need of each other: ports and flags need their protocol, one address family. */
    private static void check(long[][] r) {
        boolean ports = r[Field.SOURCE_PORT.ordinal()] != null || r[Field.DESTINATION_PORT.ordinal()] != null;
        long[] protocol = r[Field.PROTOCOL.ordinal()];
        if (ports && !only(protocol, 6, 17, 132)) {
            throw new IllegalArgumentException("src-port and dst-port need tcp, udp or sctp");
        }
        if (r[Field.TCP_FLAGS.ordinal()] != null && !only(protocol, 6)) {
            throw new IllegalArgumentException("flags need tcp");
        }
        boolean v4 = r[Field.SOURCE_IPV4.ordinal()] != null || r[Field.DESTINATION_IPV4.ordinal()] != null;
        boolean v6 = r[Field.SOURCE_IPV6_HIGH.ordinal()] != null || r[Field.DESTINATION_IPV6_HIGH.ordinal()] != null;
        if (v4 && v6) {
            throw new IllegalArgumentException("src and dst are of different address families");
        }
        long[] type = r[Field.ETHER_TYPE.ordinal()];
        if (type != null && (v4 && !only(type, EtherType.IPV4) || v6 && !only(type, EtherType.IPV6)
                || protocol != null && !only(type, EtherType.IPV4, EtherType.IPV6))) {
            throw new IllegalArgumentException("the EtherType contradicts the addresses or the protocol");
        }
    }

    /** Whether the ranges hold only values among {@code allowed}. */
    private static boolean only(long[] ranges, long... allowed) {
        if (ranges == null) {
            return false;
        }
        for (int i = 0; i < ranges.length; i += 2) {
            for (long v = ranges[i]; v <= ranges[i + 1]; v++) {
                long value = v;
                if (java.util.Arrays.stream(allowed).noneMatch(a -> a == value)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void set(long[][] ranges, Field f, String match, long[] value) {
        if (ranges[f.ordinal()] != null) {
            throw new IllegalArgumentException(match + " is given twice, or contradicts the protocol");
        }
        ranges[f.ordinal()] = value;
    }

    private static long[] single(long v) {
        return new long[] {v, v};
    }

    private static long[] range(String match, String value, int min, int max) {
        int[] r = ConfigSyntax.range(value, min, max);
        return new long[] {r[0], r[1]};
    }

    private static long[] mac(String match, String value) {
        int slash = value.indexOf('/');
        int bits = 48;
        long mac;
        try {
            mac = MacAddress.parse(slash < 0 ? value : value.substring(0, slash));
            if (slash >= 0) {
                bits = Integer.parseInt(value.substring(slash + 1));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(match + ": '" + value + "' is not a MAC address or MAC/BITS");
        }
        if (bits < 1 || bits > 48) {
            throw new IllegalArgumentException(match + ": '" + value + "' has a prefix length outside 1..48");
        }
        long hostMask = (1L << (48 - bits)) - 1;
        return new long[] {mac & ~hostMask & 0xFFFF_FFFF_FFFFL, mac | hostMask};
    }

    private static void address(long[][] ranges, String value, Field v4, Field v6High, Field v6Low, String match) {
        int slash = value.indexOf('/');
        String host = slash < 0 ? value : value.substring(0, slash);
        String problem = match + ": '" + value + "' is not an IPv4 or IPv6 address or prefix";
        int bits;
        try {
            bits = slash < 0 ? -1 : Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(problem);
        }
        if (host.contains(":")) {
            // a text with ':' is only ever read as an IPv6 literal, never looked up as a host name
            byte[] a;
            try {
                InetAddress parsed = InetAddress.getByName(host);
                if (!(parsed instanceof Inet6Address)) {
                    throw new IllegalArgumentException(problem);
                }
                a = parsed.getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(problem);
            }
            bits = bits < 0 ? 128 : bits;
            if (bits > 128) {
                throw new IllegalArgumentException(match + ": '" + value + "' has a prefix length outside 0..128");
            }
            long high = java.nio.ByteBuffer.wrap(a).getLong(0);
            long low = java.nio.ByteBuffer.wrap(a).getLong(8);
            set(ranges, v6High, match, prefix(high, Math.min(bits, 64), 64));
            if (bits > 64) {
                set(ranges, v6Low, match, prefix(low, bits - 64, 64));
            } else if (ranges[v6Low.ordinal()] == null) {
                ranges[v6Low.ordinal()] = new long[] {0, -1L}; // present, any value: an IPv6 packet
            }
            return;
        }
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException(problem);
        }
        long a = 0;
        for (String o : octets) {
            if (!o.matches("[0-9]{1,3}") || Integer.parseInt(o) > 255) {
                throw new IllegalArgumentException(problem);
            }
            a = a << 8 | Integer.parseInt(o);
        }
        bits = bits < 0 ? 32 : bits;
        if (bits > 32) {
            throw new IllegalArgumentException(match + ": '" + value + "' has a prefix length outside 0..32");
        }
        set(ranges, v4, match, prefix(a, bits, 32));
    }

    /** The range of a prefix of {@code bits} of the {@code width}-bit value {@code a}. */
    private static long[] prefix(long a, int bits, int width) {
        long span = width - bits == 64 ? -1L : (1L << (width - bits)) - 1;
        long low = a & ~span & (width == 64 ? -1L : (1L << width) - 1);
        return new long[] {low, low | span};
    }

    /** The flag bytes that have every flag named set and every one named with '!' clear. */
    private static long[] flags(String value) {
        int mask = 0;
        int want = 0;
        for (String f : value.split(",")) {
            boolean clear = f.startsWith("!");
            int bit = FLAGS.indexOf(clear ? f.substring(1) : f);
            if (bit < 0) {
                throw new IllegalArgumentException("flags: '" + f + "' is not one of " + String.join(", ", FLAGS)
                        + " (or one of them after '!')");
            }
            mask |= 1 << bit;
            want |= clear ? 0 : 1 << bit;
        }
        List<Long> out = new ArrayList<>();
        for (int v = 0; v < 256; v++) {
            if ((v & mask) != want) {
                continue;
            }
            int n = out.size();
            if (n > 0 && out.get(n - 1) == v - 1) {
                out.set(n - 1, (long) v); // extends the run
            } else {
                out.add((long) v);
                out.add((long) v);
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
