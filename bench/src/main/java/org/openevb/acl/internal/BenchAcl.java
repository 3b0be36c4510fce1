package org.openevb.acl.internal;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.openevb.api.view.ThreadOwnedCounter;

/**
 * The ACL the benchmarks measure: 100 rules of the kinds an operator writes (host and subnet
 * prefixes in both directions, port ranges, MAC and VLAN matches, TCP flags, count rules), whose
 * last rule permits the benchmarks' TCP frame to port 80, so a frame that reaches it has been
 * looked at by every field in use.
 */
public final class BenchAcl {

    private BenchAcl() {
    }

    /** The ACL's configuration keys: {@code rules} rules, the last one {@code permit tcp dst-port 80}. */
    public static Map<String, Object> config(String name, int rules) {
        Map<String, Object> p = new HashMap<>(Map.of("name", name, "default", "deny"));
        for (int i = 1; i < rules; i++) {
            int net = i % 250;
            String rule = switch (i % 10) {
                case 0 -> "deny tcp src 192.168." + net + ".0/24 dst-port 22";
                case 1 -> "permit udp dst 172.16." + net + ".1 dst-port 53";
                case 2 -> "deny tcp src 10.1." + net + ".0/24 dst-port 1000-1999";
                case 3 -> "count tcp dst 10.2." + net + ".0/24 flags syn,!ack";
                case 4 -> "deny src-mac 02:ee:00:00:" + String.format("%02x", net) + ":00/40";
                case 5 -> "permit ipv6 src fd00:" + Integer.toHexString(i) + "::/48";
                case 6 -> "deny udp src-port " + (2000 + i) + "-" + (2100 + i);
                case 7 -> "deny vlan " + (100 + i) + " pcp 5-7";
                case 8 -> "permit tcp src 10.3." + net + ".0/24 dst 10.4.0.0/16 dst-port 443";
                default -> "deny ethertype 0x" + Integer.toHexString(0x8800 + i);
            };
            p.put("rule." + i * 10, rule);
        }
        p.put("rule." + rules * 10, "permit tcp dst-port 80");
        return p;
    }

    /** The rule set compiled, with fresh counters. */
    public static CompiledAcl compile(int rules) {
        AclSettings s = AclSettings.from(config("bench", rules));
        if (!s.valid()) {
            throw new IllegalStateException(s.errors().toString());
        }
        ThreadOwnedCounter[] counters = new ThreadOwnedCounter[s.rules().size()];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new ThreadOwnedCounter();
        }
        return new CompiledAcl(s, counters, new ThreadOwnedCounter());
    }

    /**
     * A 60-byte IPv4 TCP SYN frame from {@code src} to {@code dst} (MACs in hex), 10.0.0.1:40000 to
     * 10.0.0.2:{@code port}.
     */
    public static byte[] tcp(String dst, String src, int port) {
        byte[] f = new byte[60];
        ByteBuffer b = ByteBuffer.wrap(f);
        b.put(java.util.HexFormat.of().parseHex(dst + src + "0800"));
        b.put((byte) 0x45).put((byte) 0).putShort((short) 40).putShort((short) 1).putShort((short) 0x4000);
        b.put((byte) 64).put((byte) 6).putShort((short) 0).putInt(0x0a000001).putInt(0x0a000002);
        b.putShort((short) 40000).putShort((short) port).putInt(1).putInt(0).put((byte) 0x50).put((byte) 0x02);
        return f;
    }
}
