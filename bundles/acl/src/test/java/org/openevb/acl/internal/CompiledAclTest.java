package org.openevb.acl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openevb.api.policy.PacketFilter;
import org.openevb.api.view.ThreadOwnedCounter;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ip.IpHeaderView;

/**
 * The compiled table decides every frame as the rules read one by one do (the reference matcher,
 * {@link AclRule#matches}), and counts the same rules: random rule sets of up to 256 rules over
 * few values (so rules overlap and match), random frames (tagged or not, IPv4, IPv6, ARP, TCP,
 * UDP, ICMP, fragments), seeded. The sets' sizes put a class of frame's rules on both sides of 64
 * (one word per bit set, or several).
 */
class CompiledAclTest {

    private static final String[] MACS = {"02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:00/44"};
    private static final String[] V4 = {"10.0.0.1", "10.0.0.2", "10.0.0.0/30", "10.0.0.0/8", "0.0.0.0/0"};
    private static final String[] V6 = {"fd00::1", "fd00::2", "fd00::/126", "fd00::/16", "fd00::/64"};
    private static final String[] PORTS = {"22", "80", "79-81", "1024-65535", "0-65535"};

    private final EthernetHeaderView eth = new EthernetHeaderView();
    private final IpHeaderView ip = new IpHeaderView();

    @Test
    void decidesAsTheRulesReadOneByOne() {
        Random random = new Random(20261201);
        int frames = 0;
        int[] verdicts = new int[2];
        for (int set = 0; set < 400; set++) {
            int n = set % 50 == 0 ? 256 : set % 5 == 0 ? 100 + random.nextInt(157)
                    : 1 + random.nextInt(set % 3 == 0 ? 100 : 12);
            Map<String, Object> props = new HashMap<>(Map.of("name", "t", "default", random.nextBoolean() ? "permit" : "deny"));
            for (int r = 0; r < n; r++) {
                props.put("rule." + (r + 1), randomRule(random));
            }
            AclSettings s = AclSettings.from(props);
            assertTrue(s.valid(), s.errors().toString());
            ThreadOwnedCounter[] counters = new ThreadOwnedCounter[n];
            for (int i = 0; i < n; i++) {
                counters[i] = new ThreadOwnedCounter();
            }
            ThreadOwnedCounter defaults = new ThreadOwnedCounter();
            CompiledAcl table = new CompiledAcl(s, counters, defaults);
            long[] expected = new long[n];
            long expectedDefault = 0;
            for (int f = 0; f < 200; f++) {
                byte[] frame = randomFrame(random);
                int vid = 1 + random.nextInt(3);
                assertTrue(eth.parse(frame, 0, frame.length));
                ip.parse(eth, frame);
                long[] values = new long[Field.ALL.length];
                boolean[] present = new boolean[Field.ALL.length];
                referenceFields(frame, vid, values, present);
                int want = -1;
                for (int r = 0; r < n && want < 0; r++) {
                    AclRule rule = s.rules().get(r);
                    if (rule.matches(values, present)) {
                        expected[r]++;
                        if (rule.action() != AclRule.Action.COUNT) {
                            want = rule.action() == AclRule.Action.PERMIT ? PacketFilter.PERMIT : PacketFilter.DENY;
                        }
                    }
                }
                if (want < 0) {
                    expectedDefault++;
                    want = s.defaultPermit() ? PacketFilter.PERMIT : PacketFilter.DENY;
                }
                assertEquals(want, table.decide(eth, ip, vid), () -> "rules " + s.rules() + " frame "
                        + java.util.HexFormat.of().formatHex(frame) + " vid " + vid);
                verdicts[want]++;
                frames++;
            }
            long[] counted = new long[n];
            for (int i = 0; i < n; i++) {
                counted[i] = counters[i].sum();
            }
            assertArrayEquals(expected, counted, "rule counters");
            assertEquals(expectedDefault, defaults.sum(), "default counter");
        }
        assertEquals(80_000, frames);
        assertTrue(verdicts[0] > 5_000 && verdicts[1] > 5_000, "both verdicts often: " + verdicts[0] + "/" + verdicts[1]);
    }

    @Test
    void aFrameWithoutTheFieldNeverMatchesARuleOnIt() {
        AclSettings s = AclSettings.from(Map.of("name", "t", "default", "permit", "rule.1", "deny tcp dst-port 0-65535",
                "rule.2", "deny src 0.0.0.0/0"));
        CompiledAcl table = new CompiledAcl(s, new ThreadOwnedCounter[] {new ThreadOwnedCounter(), new ThreadOwnedCounter()}, new ThreadOwnedCounter());
        byte[] arp = frame(false, 0x0806, new byte[28]);
        eth.parse(arp, 0, arp.length);
        ip.parse(eth, arp);
        assertEquals(PacketFilter.PERMIT, table.decide(eth, ip, 1));
        // an IPv4 TCP frame is looked up for its destination port only: 0.0.0.0/0 holds every
        // IPv4 source, so that field takes no lookup
        assertEquals(1, table.dimensions());
    }

    /** A class of frame with 64 rules decides on one word, with 65 on several: both as the rules say. */
    @Test
    void aClassOfOneWordAndOneOfMore() {
        for (int n : new int[] {63, 64, 65, 128, 129}) {
            Map<String, Object> props = new HashMap<>(Map.of("name", "t", "default", "deny"));
            for (int r = 1; r < n; r++) {
                props.put("rule." + r, r % 2 == 0 ? "count tcp dst-port 70-90" : "deny tcp dst-port " + (1000 + r));
            }
            props.put("rule." + n, "permit tcp dst-port 80");
            props.put("rule." + (n + 1), "deny udp"); // another class: not among the TCP class's rules
            AclSettings s = AclSettings.from(props);
            assertTrue(s.valid(), s.errors().toString());
            ThreadOwnedCounter[] counters = new ThreadOwnedCounter[n + 1];
            for (int i = 0; i <= n; i++) {
                counters[i] = new ThreadOwnedCounter();
            }
            CompiledAcl table = new CompiledAcl(s, counters, new ThreadOwnedCounter());
            byte[] web = frame(false, 0x0800, ipv4Tcp(80));
            eth.parse(web, 0, web.length);
            ip.parse(eth, web);
            assertEquals(PacketFilter.PERMIT, table.decide(eth, ip, 1), n + " rules");
            for (int r = 1; r < n; r++) {
                assertEquals(r % 2 == 0 ? 1 : 0, counters[r - 1].sum(), "rule " + r + " of " + n);
            }
            assertEquals(1, counters[n - 1].sum());
            byte[] other = frame(false, 0x0800, ipv4Tcp(1001));
            eth.parse(other, 0, other.length);
            ip.parse(eth, other);
            assertEquals(PacketFilter.DENY, table.decide(eth, ip, 1), n + " rules");
            assertEquals(1, counters[0].sum());
        }
    }

    /** An IPv4 TCP packet, 10.0.0.1:40000 to 10.0.0.2:{@code port}, SYN. */
    private static byte[] ipv4Tcp(int port) {
        byte[] packet = new byte[40];
        ByteBuffer p = ByteBuffer.wrap(packet);
        p.put(0, (byte) 0x45);
        p.putShort(2, (short) packet.length);
        p.put(9, (byte) 6);
        p.putInt(12, 0x0a000001);
        p.putInt(16, 0x0a000002);
        p.putShort(20, (short) 40000);
        p.putShort(22, (short) port);
        packet[33] = 0x02;
        return packet;
    }

    /** The fields as a reader of the bytes finds them, written out plainly. */
    private static void referenceFields(byte[] f, int vid, long[] v, boolean[] present) {
        ByteBuffer b = ByteBuffer.wrap(f);
        put(v, present, Field.DESTINATION_MAC, b.getLong(0) >>> 16);
        put(v, present, Field.SOURCE_MAC, (b.getLong(6) >>> 16));
        int at = 12;
        int pcp = 0;
        if (b.getShort(12) == (short) 0x8100) {
            pcp = (b.get(14) & 0xFF) >>> 5;
            at = 16;
        }
        int type = b.getShort(at) & 0xFFFF;
        at += 2;
        put(v, present, Field.ETHER_TYPE, type);
        put(v, present, Field.VID, vid);
        put(v, present, Field.PCP, pcp);
        int protocol = -1;
        int l4 = -1;
        if (type == 0x0800) {
            put(v, present, Field.SOURCE_IPV4, b.getInt(at + 12) & 0xFFFFFFFFL);
            put(v, present, Field.DESTINATION_IPV4, b.getInt(at + 16) & 0xFFFFFFFFL);
            protocol = b.get(at + 9) & 0xFF;
            l4 = (b.getShort(at + 6) & 0x1FFF) == 0 ? at + 20 : -1;
        } else if (type == 0x86DD) {
            put(v, present, Field.SOURCE_IPV6_HIGH, b.getLong(at + 8));
            put(v, present, Field.SOURCE_IPV6_LOW, b.getLong(at + 16));
            put(v, present, Field.DESTINATION_IPV6_HIGH, b.getLong(at + 24));
            put(v, present, Field.DESTINATION_IPV6_LOW, b.getLong(at + 32));
            protocol = b.get(at + 6) & 0xFF;
            l4 = at + 40;
        }
        if (protocol >= 0) {
            put(v, present, Field.PROTOCOL, protocol);
        }
        if (l4 >= 0 && (protocol == 6 || protocol == 17)) {
            put(v, present, Field.SOURCE_PORT, b.getShort(l4) & 0xFFFF);
            put(v, present, Field.DESTINATION_PORT, b.getShort(l4 + 2) & 0xFFFF);
            if (protocol == 6) {
                put(v, present, Field.TCP_FLAGS, b.get(l4 + 13) & 0xFF);
            }
        }
    }

    private static void put(long[] v, boolean[] present, Field f, long value) {
        v[f.ordinal()] = value;
        present[f.ordinal()] = true;
    }

    private static String randomRule(Random r) {
        StringBuilder s = new StringBuilder(new String[] {"permit", "deny", "count"}[r.nextInt(3)]);
        boolean v6 = r.nextInt(3) == 0;
        int proto = r.nextInt(6);
        String protocol = proto < 2 ? "tcp" : proto < 4 ? "udp" : proto == 4 ? "icmp" : "";
        if (!protocol.isEmpty()) {
            s.append(' ').append(protocol);
        } else if (r.nextInt(4) == 0) {
            s.append(' ').append(v6 ? "ipv6" : r.nextBoolean() ? "ip" : "arp");
            if (s.toString().endsWith("arp")) {
                return s.toString();
            }
        }
        String[] addresses = v6 ? V6 : V4;
        if (r.nextInt(3) == 0) {
            s.append(" src ").append(addresses[r.nextInt(addresses.length)]);
        }
        if (r.nextInt(3) == 0) {
            s.append(" dst ").append(addresses[r.nextInt(addresses.length)]);
        }
        if ((protocol.equals("tcp") || protocol.equals("udp")) && r.nextBoolean()) {
            s.append(r.nextBoolean() ? " dst-port " : " src-port ").append(PORTS[r.nextInt(PORTS.length)]);
        }
        if (protocol.equals("tcp") && r.nextInt(4) == 0) {
            s.append(" flags ").append(new String[] {"syn", "syn,!ack", "ack", "!rst"}[r.nextInt(4)]);
        }
        if (r.nextInt(6) == 0) {
            s.append(r.nextBoolean() ? " src-mac " : " dst-mac ").append(MACS[r.nextInt(MACS.length)]);
        }
        if (r.nextInt(6) == 0) {
            s.append(" vlan ").append(r.nextBoolean() ? "1" : "2-3");
        }
        if (r.nextInt(8) == 0) {
            s.append(" pcp ").append(r.nextBoolean() ? "0" : "4-7");
        }
        return s.toString();
    }

    private static byte[] randomFrame(Random r) {
        int kind = r.nextInt(6);
        boolean tagged = r.nextBoolean();
        if (kind == 0) {
            return frame(tagged, 0x0806, new byte[28]);
        }
        boolean v6 = kind >= 4;
        int protocol = new int[] {6, 17, 1, 6}[r.nextInt(4)];
        byte[] l4 = new byte[20];
        ByteBuffer t = ByteBuffer.wrap(l4);
        t.putShort(0, (short) (r.nextBoolean() ? 40000 + r.nextInt(20) : new int[] {22, 80, 81, 79}[r.nextInt(4)]));
        t.putShort(2, (short) (r.nextBoolean() ? 80 : new int[] {22, 81, 1024, 65535}[r.nextInt(4)]));
        l4[13] = (byte) new int[] {0x02, 0x12, 0x10, 0x04, 0x18}[r.nextInt(5)];
        byte[] packet;
        if (v6) {
            packet = new byte[40 + l4.length];
            ByteBuffer p = ByteBuffer.wrap(packet);
            p.put(0, (byte) 0x60);
            p.putShort(4, (short) l4.length);
            p.put(6, (byte) protocol);
            p.putLong(8, 0xfd00000000000000L);
            p.putLong(16, 1 + r.nextInt(6));
            p.putLong(24, r.nextInt(5) == 0 ? 0xfd01000000000000L : 0xfd00000000000000L);
            p.putLong(32, 1 + r.nextInt(6));
            System.arraycopy(l4, 0, packet, 40, l4.length);
        } else {
            packet = new byte[20 + l4.length];
            ByteBuffer p = ByteBuffer.wrap(packet);
            p.put(0, (byte) 0x45);
            p.putShort(2, (short) packet.length);
            p.putShort(6, (short) (r.nextInt(8) == 0 ? 0x00b9 : 0x4000)); // sometimes a later fragment
            p.put(9, (byte) protocol);
            p.putInt(12, r.nextInt(5) == 0 ? 0xc0a80001 : 0x0a000000 + r.nextInt(6));
            p.putInt(16, 0x0a000000 + r.nextInt(6));
            System.arraycopy(l4, 0, packet, 20, l4.length);
        }
        byte[] f = frame(tagged, v6 ? 0x86DD : 0x0800, packet);
        f[5] = (byte) r.nextInt(4);
        f[11] = (byte) r.nextInt(4);
        if (tagged) {
            f[14] = (byte) (r.nextInt(8) << 5);
        }
        return f;
    }

    private static byte[] frame(boolean tagged, int etherType, byte[] payload) {
        int header = tagged ? 18 : 14;
        byte[] f = new byte[Math.max(60, header + payload.length)];
        ByteBuffer b = ByteBuffer.wrap(f);
        b.putLong(0, 0x0200000000020000L);
        b.putShort(6, (short) 0x0200);
        b.putInt(8, 1);
        if (tagged) {
            b.putShort(12, (short) 0x8100);
            b.putShort(14, (short) 1);
        }
        b.putShort(header - 2, (short) etherType);
        System.arraycopy(payload, 0, f, header, payload.length);
        return f;
    }
}
