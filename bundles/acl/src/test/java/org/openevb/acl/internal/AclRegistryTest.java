package org.openevb.acl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openevb.api.policy.AclStatus;
import org.openevb.api.policy.AclView;
import org.openevb.api.policy.PacketFilter;
import org.openevb.codec.ethernet.EthernetHeaderView;
import org.openevb.codec.ip.IpHeaderView;

/**
 * Rule sets change whole and never by accident: a bad rule leaves the last good set applying (ERROR
 * naming the key, rule and reason), a name with no valid set drops frames as unavailable, a rule
 * kept keeps its counter.
 */
class AclRegistryTest {

    private final AclRegistry registry = new AclRegistry();
    private final Object file = new Object();
    private final EthernetHeaderView eth = new EthernetHeaderView();
    private final IpHeaderView ip = new IpHeaderView();
    /** IPv4 TCP 10.0.0.1:40000 -> 10.0.0.2:80, SYN. */
    private final byte[] web = java.util.HexFormat.of().parseHex("020000000002020000000001" + "0800"
            + "4500002800014000400600000a0000010a000002" + "9c4000500000000100000000" + "5002ffff00000000" + "0000");

    private int decide(PacketFilter f) {
        eth.parse(web, 0, web.length);
        ip.parse(eth, web);
        return f.decide(eth, ip, 1);
    }

    private void configure(String... keyValues) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        p.put("felix.fileinstall.filename", "file:/etc/org.openevb.acl-web.cfg");
        registry.configure(file, AclSettings.from(p), p);
    }

    @Test
    void aNameWithoutAValidRuleSetDropsFramesAsUnavailable() {
        PacketFilter f = registry.filter("web");
        assertEquals(PacketFilter.UNAVAILABLE, decide(f));
        configure("name", "web", "default", "permit", "rule.10", "deny tcp dst-port 99999");
        assertEquals(PacketFilter.UNAVAILABLE, decide(f), "never valid: nothing applies, nothing passes");
        AclView v = registry.acl("web").orElseThrow();
        assertEquals(AclStatus.ERROR, v.status());
        assertTrue(v.reason().contains("rule.10: 'deny tcp dst-port 99999' is not a rule"), v.reason());
    }

    @Test
    void aBadChangeKeepsTheLastGoodSetAndItsCounters() {
        PacketFilter f = registry.filter("web");
        configure("name", "web", "default", "deny", "rule.10", "permit tcp dst-port 80");
        assertEquals(PacketFilter.PERMIT, decide(f));
        configure("name", "web", "default", "deny", "rule.10", "permit tcp dst-port 80", "rule.20", "permit tcp dst-port 8o");
        assertEquals(PacketFilter.PERMIT, decide(f), "the last good set keeps applying");
        AclView v = registry.acl("web").orElseThrow();
        assertEquals(AclStatus.ERROR, v.status());
        assertTrue(v.reason().contains("rule.20: 'permit tcp dst-port 8o' is not a rule: '8o' is not a number")
                && v.reason().contains("running the last good configuration"), v.reason());
        assertEquals(List.of(2L), v.rules().stream().map(r -> r.frames()).toList());
        // a valid change: rule 10 stays (and keeps counting), rule 5 is new, the default counts
        configure("name", "web", "default", "deny", "rule.5", "count tcp", "rule.10", "permit tcp dst-port 80");
        assertSame(f, registry.filter("web"));
        assertEquals(PacketFilter.PERMIT, decide(f));
        v = registry.acl("web").orElseThrow();
        assertEquals(AclStatus.ACTIVE, v.status());
        assertEquals("", v.reason());
        assertEquals(List.of(1L, 3L), v.rules().stream().map(r -> r.frames()).toList());
        configure("name", "web", "default", "deny");
        assertEquals(PacketFilter.DENY, decide(f));
        assertEquals(1, registry.acl("web").orElseThrow().defaultFrames());
    }

    @Test
    void renamedOrRemovedTheOldNameHasNoRuleSet() {
        PacketFilter web = registry.filter("web");
        configure("name", "web", "default", "permit");
        assertEquals(PacketFilter.PERMIT, decide(web));
        configure("name", "www", "default", "permit");
        assertEquals(PacketFilter.UNAVAILABLE, decide(web));
        assertEquals(PacketFilter.PERMIT, decide(registry.filter("www")));
        registry.remove(file);
        assertEquals(PacketFilter.UNAVAILABLE, decide(registry.filter("www")));
        assertEquals(List.of(), registry.acls());
    }

    @Test
    void aSecondConfigurationOfTheSameNameIsRefused() {
        configure("name", "web", "default", "deny");
        Object other = new Object();
        Map<String, Object> p = Map.of("name", "web", "default", "permit");
        registry.configure(other, AclSettings.from(p), p);
        assertEquals(PacketFilter.DENY, decide(registry.filter("web")));
        assertEquals(List.of(AclStatus.ACTIVE, AclStatus.ERROR), registry.acls().stream().map(AclView::status).toList());
    }
}
