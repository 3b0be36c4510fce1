package org.openevb.acl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule language: what each match means, and every mistake named with the key, the rule and why. */
class AclRulesTest {

    @Test
    void readsEveryMatch() {
        AclRule r = RuleParser.parse(10, "permit tcp src 10.0.0.0/24 dst 10.0.1.2 src-port 1024-65535 dst-port 80 "
                + "src-mac 02:00:00:00:00:00/24 dst-mac 02:00:00:00:00:02 vlan 10-20 pcp 5 flags syn,!ack");
        assertEquals(AclRule.Action.PERMIT, r.action());
        assertTrue(r.accepts(Field.SOURCE_IPV4, 0x0a0000ffL));
        assertFalse(r.accepts(Field.SOURCE_IPV4, 0x0a000100L));
        assertTrue(r.accepts(Field.DESTINATION_IPV4, 0x0a000102L));
        assertFalse(r.accepts(Field.DESTINATION_IPV4, 0x0a000103L));
        assertTrue(r.accepts(Field.SOURCE_PORT, 1024));
        assertFalse(r.accepts(Field.SOURCE_PORT, 1023));
        assertTrue(r.accepts(Field.PROTOCOL, 6));
        assertFalse(r.accepts(Field.PROTOCOL, 17));
        assertTrue(r.accepts(Field.SOURCE_MAC, 0x020000abcdefL));
        assertFalse(r.accepts(Field.SOURCE_MAC, 0x020001000000L));
        assertTrue(r.accepts(Field.VID, 15));
        assertFalse(r.accepts(Field.PCP, 4));
        assertTrue(r.accepts(Field.TCP_FLAGS, 0x02));
        assertTrue(r.accepts(Field.TCP_FLAGS, 0x0a)); // SYN+PSH
        assertFalse(r.accepts(Field.TCP_FLAGS, 0x12)); // SYN+ACK
        assertFalse(r.constrains(Field.ETHER_TYPE));
    }

    @Test
    void protocolWordsAndIpv6Prefixes() {
        assertTrue(RuleParser.parse(1, "permit arp").accepts(Field.ETHER_TYPE, 0x0806));
        assertTrue(RuleParser.parse(1, "deny ethertype 0x88b5").accepts(Field.ETHER_TYPE, 0x88b5));
        assertTrue(RuleParser.parse(1, "count udp").accepts(Field.PROTOCOL, 17));
        assertTrue(RuleParser.parse(1, "permit").ranges().length == Field.ALL.length);
        AclRule six = RuleParser.parse(1, "permit ipv6 src fd00:1::/32");
        assertTrue(six.accepts(Field.SOURCE_IPV6_HIGH, 0xfd000001ffff0000L));
        assertFalse(six.accepts(Field.SOURCE_IPV6_HIGH, 0xfd000002L << 32));
        assertTrue(six.constrains(Field.SOURCE_IPV6_LOW)); // present: only IPv6 packets match
        AclRule host = RuleParser.parse(1, "deny dst fd00::2");
        assertTrue(host.accepts(Field.DESTINATION_IPV6_LOW, 2));
        assertFalse(host.accepts(Field.DESTINATION_IPV6_LOW, 3));
    }

    @Test
    void badRulesSayWhy() {
        assertEquals("'allow' is not permit, deny or count", reason("allow tcp"));
        assertEquals("src-port and dst-port need tcp, udp or sctp", reason("permit dst-port 80"));
        assertEquals("'99999' is not in 0..65535 (0x0..0xffff)", reason("permit tcp dst-port 99999"));
        assertEquals("flags need tcp", reason("deny udp flags syn"));
        assertEquals("src: '10.0.0.300' is not an IPv4 or IPv6 address or prefix", reason("permit src 10.0.0.300"));
        assertEquals("src: 'web.example' is not an IPv4 or IPv6 address or prefix", reason("permit src web.example"));
        assertEquals("src and dst are of different address families", reason("permit src 10.0.0.1 dst fd00::1"));
        assertEquals("the EtherType contradicts the addresses or the protocol", reason("permit arp src 10.0.0.1"));
        assertEquals("dst-port: no value", reason("permit tcp dst-port"));
        assertEquals("dst-port is given twice, or contradicts the protocol", reason("permit tcp dst-port 1 dst-port 2"));
        assertTrue(reason("permit tcp to 10.0.0.1").startsWith("'to' is not a match"));
    }

    @Test
    void aSetWithABadRuleIsInvalidNamingTheKeyTheRuleAndWhy() {
        Map<String, Object> p = new HashMap<>(Map.of("name", "web", "default", "deny", "rule.10", "permit arp",
                "rule.20", "permit tcp dst-port 99999", "rule.x", "deny"));
        AclSettings s = AclSettings.from(p);
        assertFalse(s.valid());
        assertEquals(List.of("rule.20: 'permit tcp dst-port 99999' is not a rule: '99999' is not in 0..65535 (0x0..0xffff)",
                "rule.x: not a rule key: rules are rule.<1..65535>"), s.errors());
    }

    @Test
    void theDefaultActionIsNeverGuessed() {
        assertEquals(List.of("default: missing: say permit or deny"),
                AclSettings.from(Map.of("name", "web", "rule.1", "permit")).errors());
        assertEquals(List.of("default: 'allow' is not one of deny, permit"),
                AclSettings.from(Map.of("name", "web", "default", "allow")).errors());
    }

    @Test
    void rulesApplyInTheOrderOfTheirNumbers() {
        AclSettings s = AclSettings.from(Map.of("name", "a", "default", "permit", "rule.100", "deny",
                "rule.9", "count", "rule.20", "permit arp"));
        assertTrue(s.valid(), s.errors().toString());
        assertEquals(List.of(9, 20, 100), s.rules().stream().map(AclRule::id).toList());
    }

    private static String reason(String rule) {
        return assertThrows(IllegalArgumentException.class, () -> RuleParser.parse(1, rule)).getMessage();
    }
}
