package org.openevb.vdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openevb.api.policy.PoliceRates;
import org.openevb.api.vdp.VsiPolicy;
import org.openevb.codec.vdp.FilterEntry;
import org.openevb.codec.vdp.VsiTlv;
import org.openevb.port.internal.PortConfigs;
import org.openevb.vdp.AnnounceSchedule;
import org.openevb.vdp.VdpCommand;
import org.openevb.vdp.VsiId;

/** Station VSIs and the bridge's type database from configuration: every bad key named with its reason. */
class VsiSettingsTest {

    private static VsiSettings vsi(Map<String, Object> values, Map<String, Object> properties) {
        Map<String, Object> v = new HashMap<>(Map.of("port", "uplink", "type_id", "0x64", "vsiid", "mac:02:00:00:00:00:01",
                "filter", "02:00:00:00:00:01/10"));
        v.putAll(values);
        return VsiSettings.from(PortConfigs.of(VsiConfig.class, v), properties);
    }

    @Test
    void theNameComesFromTheFileWhenNotGiven() {
        VsiSettings s = vsi(Map.of(), Map.of("felix.fileinstall.filename", "file:/opt/evb/etc/org.openevb.vsi-web1.cfg"));
        assertTrue(s.valid(), s.errors().toString());
        assertEquals("web1", s.name());
        assertEquals(100, s.vsi().typeId());
        assertEquals(VsiId.mac(0x020000000001L), s.vsi().id());
        assertEquals(VdpCommand.ASSOCIATE, s.command());
        assertEquals(List.of(FilterEntry.ofMacVid(0x020000000001L, 10)), s.vsi().entries());
    }

    @Test
    void everyVsiidFormatAndFilterFormat() {
        assertEquals(VsiTlv.VSIID_UUID, vsi(Map.of("name", "a", "vsiid", "uuid:6a5a6ed5-4f1b-4e32-8c5e-0c1d2a3b4c5d"),
                Map.of()).vsi().id().format());
        assertEquals("ipv4:192.0.2.7", vsi(Map.of("name", "a", "vsiid", "ipv4:192.0.2.7"), Map.of()).vsi().id().toString());
        assertEquals(VsiTlv.VSIID_IPV6, vsi(Map.of("name", "a", "vsiid", "ipv6:2001:db8::7"), Map.of()).vsi().id().format());
        assertEquals(VsiTlv.VSIID_LOCAL, vsi(Map.of("name", "a", "vsiid", "local:000102030405060708090a0b0c0d0e0f"),
                Map.of()).vsi().id().format());
        VsiSettings vid = vsi(Map.of("name", "a", "filter_format", "vid", "filter", "10@5, 0"), Map.of());
        assertEquals(List.of(FilterEntry.ofVid(true, 5, 10), FilterEntry.ofVid(false, 0, 0)), vid.vsi().entries());
        VsiSettings g = vsi(Map.of("name", "a", "filter_format", "group-mac-vid", "filter", "7/02:00:00:00:00:01/10"),
                Map.of());
        assertEquals(List.of(new FilterEntry(7, 0x020000000001L, false, 0, 10)), g.vsi().entries());
        assertEquals("[7/02:00:00:00:00:01/10]", PortVdp.filter(VsiTlv.FILTER_GROUP_MAC_VID, g.vsi().entries()).toString());
        assertEquals("192.0.2.1", PortVdp.managerId(vsi(Map.of("name", "a", "manager_id", "192.0.2.1"), Map.of())
                .vsi().managerId()));
        assertNull(vsi(Map.of("name", "a", "command", "none"), Map.of()).command());
    }

    @Test
    void badKeysAreNamedWithTheReason() {
        VsiSettings s = vsi(Map.of("name", "a", "port", "", "type_id", "0x1000000", "vsiid", "mac:nope",
                "filter_format", "vlan", "manager_id", "host.example", "command", "de-associate"), Map.of());
        assertEquals(List.of("port: missing",
                "manager.id: 'host.example' is not an IPv4 or IPv6 address, 32 hex digits or 0",
                "type.id: '0x1000000' is not a whole number in 0..16777215",
                "vsiid: 'mac:nope': not a MAC address: nope",
                "filter.format: 'vlan' is not vid, mac-vid, group-vid or group-mac-vid",
                "command: 'de-associate' is not associate, pre-associate, pre-associate-rr or none"), s.errors());
        assertEquals(List.of("filter: '02:00:00:00:00:01' is not MAC/VID[@PCP]"),
                vsi(Map.of("name", "a", "filter", "02:00:00:00:00:01"), Map.of()).errors());
        assertEquals(List.of("filter: '01:00:00:00:00:01/10': not a unicast MAC"),
                vsi(Map.of("name", "a", "filter", "01:00:00:00:00:01/10"), Map.of()).errors());
        assertEquals(List.of("filter: missing (at least one entry)"), vsi(Map.of("name", "a", "filter", ""), Map.of()).errors());
    }

    @Test
    void theRelayPortIsTheVmsPortOfTheRelayNotTheVdpPort() {
        VsiSettings s = vsi(Map.of("name", "a", "relay_port", " vm1 "), Map.of());
        assertTrue(s.valid(), s.errors().toString());
        assertEquals("vm1", s.relayPort());
        assertEquals("", vsi(Map.of("name", "a"), Map.of()).relayPort(), "none by default");
        assertEquals(List.of("relay.port: 'uplink' is the VDP port itself; name the relay's port towards the VM"),
                vsi(Map.of("name", "a", "relay_port", "uplink"), Map.of()).errors());
    }

    @Test
    void announcementsFollowQemusParametersOrAreOff() {
        assertEquals(AnnounceSchedule.QEMU, vsi(Map.of("name", "a"), Map.of()).announce(), "QEMU's defaults");
        assertNull(vsi(Map.of("name", "a", "announce", "false"), Map.of()).announce());
        assertEquals(new AnnounceSchedule(20, 100, 40, 3), vsi(Map.of("name", "a", "announce_rounds", "3",
                "announce_initial", "20", "announce_max", "100", "announce_step", "40"), Map.of()).announce());
        assertEquals(List.of("announce: 'sometimes' is not true or false",
                "announce.rounds: '0' is not a whole number in 1..100",
                "announce.step: '-5' is not a whole number in 0..60000"),
                vsi(Map.of("name", "a", "announce", "sometimes", "announce_rounds", "0", "announce_step", "-5"),
                        Map.of()).errors());
        assertEquals(List.of("announce.max: 10 ms is shorter than announce.initial (50 ms)"),
                vsi(Map.of("name", "a", "announce_max", "10"), Map.of()).errors());
    }

    @Test
    void theTypeDatabase() {
        VsiTypesSettings t = VsiTypesSettings.from(Map.of("vsis.per.port", "8", "type.100.1.vlans", "10-12, 20",
                "type.100.2.vlans", "30", "type.0x200.1.vlans", "40", "type.0x200.1.macs", "02:00:00:00:00:01 02:00:00:00:00:02"));
        assertTrue(t.valid(), t.errors().toString());
        assertEquals(8, t.database().vsisPerPort());
        assertEquals(Set.of(10, 11, 12, 20), t.database().lookup(100, 1).vlans());
        assertTrue(t.database().knows(100) && t.database().lookup(100, 3) == null);
        assertEquals(Set.of(0x020000000001L, 0x020000000002L), t.database().lookup(0x200, 1).macs());
        assertTrue(t.database().lookup(100, 1).macs().isEmpty(), "any MAC");
    }

    @Test
    void theTypeDatabasesBadKeysAreNamed() {
        VsiTypesSettings t = VsiTypesSettings.from(Map.of("vsis.per.port", "many", "type.100.1.vlans", "0-5",
                "type.100.1.macs", "ff:ff:ff:ff:ff:ff", "type.100.vlans", "10", "type.300.1.macs", "02:00:00:00:00:01"));
        assertEquals(List.of("vsis.per.port: 'many' is not a whole number in 0..1000000",
                "type.100.1.macs: ff:ff:ff:ff:ff:ff is not a unicast MAC",
                "type.100.1.vlans: '0-5' is not in 1..4094 (0x1..0xffe)",
                "type.100.1.vlans: no VLAN",
                "type.100.vlans: not type.ID.VERSION. followed by vlans, macs, police.rate, police.burst, police.pps,"
                        + " police.burst.frames, acl.in or acl.out",
                "type.300.1.vlans: missing (the VLANs this type may use)"), t.errors());
    }

    @Test
    void aTypesPolicyReadsAsAPortsPoliceKeysAndNamesItsAcls() {
        VsiTypesSettings t = VsiTypesSettings.from(Map.of("type.100.1.vlans", "10", "type.100.1.police.rate", "100M",
                "type.100.1.acl.in", "web", "type.100.1.acl.out", "web-out", "type.100.2.vlans", "10",
                "type.100.2.police.pps", "10k", "type.100.2.police.burst.frames", "50", "type.100.3.vlans", "10"));
        assertTrue(t.valid(), t.errors().toString());
        VsiPolicy p = t.database().lookup(100, 1).policy();
        assertEquals(new PoliceRates(100_000_000L, 1_250_000L, 0, 2), p.police(), "the port's default burst: 100 ms");
        assertEquals("web", p.aclIn());
        assertEquals("web-out", p.aclOut());
        assertEquals(new VsiPolicy(new PoliceRates(0, 3000, 10_000, 50), "", ""), t.database().lookup(100, 2).policy());
        assertEquals(VsiPolicy.NONE, t.database().lookup(100, 3).policy());
    }

    @Test
    void aTypesBadPolicyKeysAreNamedWithTheReason() {
        VsiTypesSettings t = VsiTypesSettings.from(Map.of("type.100.1.vlans", "10", "type.100.1.police.rate", "100X",
                "type.100.1.acl.in", "no such!", "type.200.1.vlans", "20", "type.200.1.police.burst", "64k",
                "type.200.1.acl.sideways", "web"));
        assertEquals(List.of("type.200.1.acl.sideways: not type.ID.VERSION. followed by vlans, macs, police.rate,"
                + " police.burst, police.pps, police.burst.frames, acl.in or acl.out",
                "type.100.1.police.rate: '100X' is not a number (with k, M or G) in 1000..400000000000",
                "type.100.1.acl.in: 'no such!' is not a name (1..64 of letters, digits, '.', '_', ':', '-', starting with"
                        + " a letter or digit)",
                "type.200.1.police.burst, type.200.1.police.burst.frames: set without type.200.1.police.rate or"
                        + " type.200.1.police.pps"), t.errors());
    }
}
