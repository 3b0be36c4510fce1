package org.openevb.qualify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.bridge.PortRole;
import org.openevb.api.port.Port;
import org.openevb.api.qualify.QualificationReport;
import org.openevb.api.qualify.QualifyException;
import org.openevb.api.qualify.QualifyRequest;
import org.openevb.api.qualify.Verdict;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The relay as P4's station: what is refused before anything changes, how its EVB and LLDP
 * configurations are changed and put back, and the runner leaving the uplink to the relay
 * (ConfigAdmin, a bridge and the directory faked).
 */
class ConfiguredRelayTest {

    /** ConfigAdmin in memory: factory configurations by PID. */
    static final class Admin {
        final List<Configuration> all = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        int made;

        Configuration add(String factoryPid, Map<String, String> props) {
            Hashtable<String, Object> state = new Hashtable<>(props);
            String pid = factoryPid + "." + (++made);
            state.put("service.pid", pid);
            state.put("service.factoryPid", factoryPid);
            Configuration c = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Configuration.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getProperties" -> new Hashtable<>(state);
                        case "getPid" -> pid;
                        case "getFactoryPid" -> factoryPid;
                        case "update" -> {
                            @SuppressWarnings("unchecked")
                            Dictionary<String, Object> d = (Dictionary<String, Object>) args[0];
                            state.clear();
                            for (String k : Collections.list(d.keys())) {
                                state.put(k, d.get(k));
                            }
                            state.put("service.pid", pid);
                            state.put("service.factoryPid", factoryPid);
                            yield null;
                        }
                        case "delete" -> {
                            all.removeIf(x -> x == proxy);
                            deleted.add(pid);
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
            all.add(c);
            return c;
        }

        ConfigurationAdmin admin() {
            return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ConfigurationAdmin.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "listConfigurations" -> {
                            String filter = (String) args[0];
                            List<Configuration> found = all.stream()
                                    .filter(c -> filter.contains("=" + c.getProperties().get("service.factoryPid") + ")")).toList();
                            yield found.isEmpty() ? null : found.toArray(Configuration[]::new);
                        }
                        case "createFactoryConfiguration" -> add((String) args[0], Map.of());
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        Dictionary<String, Object> props(String pid) {
            return all.stream().filter(c -> c.getPid().equals(pid)).findFirst().orElseThrow().getProperties();
        }
    }

    static BridgeRegistry bridges(String name, String mode, List<BridgePortView> ports) {
        Bridge b = (Bridge) Proxy.newProxyInstance(ConfiguredRelayTest.class.getClassLoader(), new Class<?>[] {Bridge.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "name" -> name;
                    case "modeName" -> mode;
                    case "ports" -> ports;
                    case "behaviour" -> "vepa";
                    case "receiveAs" -> false; // a relay that takes no frame: the run ends at once
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (BridgeRegistry) Proxy.newProxyInstance(ConfiguredRelayTest.class.getClassLoader(),
                new Class<?>[] {BridgeRegistry.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "bridge" -> name.equals(args[0]) ? Optional.of(b) : Optional.empty();
                    case "bridges" -> List.of(b);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    static BridgePortView view(String name, PortRole role, String state) {
        return new BridgePortView(name, role, state, 1, "1", "1", false, "default", "granted", 0, 0, "", "");
    }

    static final List<BridgePortView> RELAY = List.of(view("up", PortRole.UPLINK, "UP"), view("vm1", PortRole.VSI, "UP"),
            view("vm2", PortRole.VSI, "UP"));

    static List<Port> ports(String... names) {
        List<Port> list = new ArrayList<>();
        for (String n : names) {
            list.add(new FakePort(0x0200_0000_0001L, n));
        }
        return list;
    }

    @Test
    void theStationIsToldThroughItsConfigurationsAndPutBack() throws Exception {
        Admin a = new Admin();
        Configuration evb = a.add(ConfiguredRelay.EVB_PID, Map.of("ports", "up", "role", "station"));
        a.add(ConfiguredRelay.LLDP_PID, Map.of("ports", "sw*", "tx.interval", "1"));
        ConfiguredRelay relay = ConfiguredRelay.open("er", "up", bridges("er", "auto", RELAY),
                Peers.directory(ports("up", "vm1", "vm2", "sw1")), a.admin());
        assertEquals("vm1", relay.vmIn());
        assertEquals("vm2", relay.vmOut());
        relay.askReflectiveRelay(false);
        assertEquals("false", a.props(evb.getPid()).get("reflective.relay"));
        // no LLDP configuration names the uplink: one is made for the run, receive only
        relay.lldpTransmit(false);
        Configuration made = a.all.get(a.all.size() - 1);
        assertEquals("rx", made.getProperties().get("admin.status"));
        assertEquals("up", made.getProperties().get("ports"));
        relay.lldpTransmit(true);
        assertEquals(List.of(made.getPid()), a.deleted, "sending again: the run's configuration deleted");
        relay.lldpTransmit(false);
        String restored = relay.restore();
        assertTrue(restored.contains("EVB configuration " + evb.getPid() + " restored"), restored);
        assertTrue(restored.contains("the run's LLDP configuration"), restored);
        assertNull(a.props(evb.getPid()).get("reflective.relay"), "the key the configuration did not have is gone again");
        assertEquals(2, a.all.size(), "only the two configurations of before");
        assertEquals("", relay.restore(), "restoring twice changes nothing");
    }

    @Test
    void anLldpConfigurationOfTheUplinkIsChangedAndPutBack() throws Exception {
        Admin a = new Admin();
        a.add(ConfiguredRelay.EVB_PID, Map.of("ports", "up"));
        Configuration lldp = a.add(ConfiguredRelay.LLDP_PID, Map.of("ports", "up", "admin.status", "rxtx", "tx.interval", "5"));
        ConfiguredRelay relay = ConfiguredRelay.open("er", "up", bridges("er", "auto", RELAY),
                Peers.directory(ports("up", "vm1", "vm2")), a.admin());
        relay.lldpTransmit(false);
        assertEquals("rx", a.props(lldp.getPid()).get("admin.status"));
        relay.lldpTransmit(true);
        assertEquals("rxtx", a.props(lldp.getPid()).get("admin.status"));
        relay.lldpTransmit(false);
        relay.restore();
        assertEquals("rxtx", a.props(lldp.getPid()).get("admin.status"));
        assertEquals("5", a.props(lldp.getPid()).get("tx.interval"));
    }

    @Test
    void whatCannotBeTheStationIsRefusedByName() {
        Admin a = new Admin();
        a.add(ConfiguredRelay.EVB_PID, Map.of("ports", "up*", "role", "station"));
        List<Port> all = ports("up", "up2", "vm1", "vm2");
        assertRefused("no bridge named 'nope'", () -> ConfiguredRelay.open("nope", "up", bridges("er", "auto", RELAY),
                Peers.directory(all), a.admin()));
        assertRefused("is in mode 'vepa', not auto", () -> ConfiguredRelay.open("er", "up", bridges("er", "vepa", RELAY),
                Peers.directory(all), a.admin()));
        assertRefused("port 'vm1' is not the uplink of relay 'er' (its uplink is 'up')", () -> ConfiguredRelay.open("er", "vm1",
                bridges("er", "auto", RELAY), Peers.directory(all), a.admin()));
        assertRefused("needs two VM ports UP", () -> ConfiguredRelay.open("er", "up", bridges("er", "auto",
                List.of(RELAY.get(0), RELAY.get(1), view("vm2", PortRole.VSI, "DOWN"))), Peers.directory(all), a.admin()));
        // the EVB configuration also covers up2: changing it would change up2's station too
        assertRefused("names other ports too [up2]", () -> ConfiguredRelay.open("er", "up", bridges("er", "auto", RELAY),
                Peers.directory(all), a.admin()));
        Admin none = new Admin();
        assertRefused("no EVB configuration names port 'up'", () -> ConfiguredRelay.open("er", "up",
                bridges("er", "auto", RELAY), Peers.directory(all), none.admin()));
        Admin bridgeRole = new Admin();
        bridgeRole.add(ConfiguredRelay.EVB_PID, Map.of("ports", "up", "role", "bridge"));
        assertRefused("in role 'bridge', not station", () -> ConfiguredRelay.open("er", "up", bridges("er", "auto", RELAY),
                Peers.directory(all), bridgeRole.admin()));
        Admin rxOnly = new Admin();
        rxOnly.add(ConfiguredRelay.EVB_PID, Map.of("ports", "up"));
        rxOnly.add(ConfiguredRelay.LLDP_PID, Map.of("ports", "up", "admin.status", "rx"));
        assertRefused("is 'rx' (admin.status), not rxtx", () -> ConfiguredRelay.open("er", "up", bridges("er", "auto", RELAY),
                Peers.directory(all), rxOnly.admin()));
        assertRefused("ConfigAdmin is not running", () -> ConfiguredRelay.open("er", "up", bridges("er", "auto", RELAY),
                Peers.directory(all), null));
    }

    @Test
    void theRunnerClaimsNothingOfTheRelayTapsItAndPutsItsConfigurationBack() throws Exception {
        Admin a = new Admin();
        Configuration evb = a.add(ConfiguredRelay.EVB_PID, Map.of("ports", "up", "role", "station"));
        List<Port> all = ports("up", "vm1", "vm2");
        FakePort up = (FakePort) all.get(0);
        FakePort vm2 = (FakePort) all.get(2);
        up.owner = "bridge 'er'";
        QualifyServiceImpl kit = new QualifyServiceImpl(Peers.directory(all));
        kit.bridges = bridges("er", "auto", RELAY);
        kit.configurationAdmin = a.admin();
        Path pcap = Files.createTempFile("relay", ".pcap");
        try {
            QualificationReport report = kit.run(new QualifyRequest("up",
                    List.of(), pcap.toString(), 1, false, 1, 1, 0, List.of(1, 2, 3), "etag", "", "public", "", List.of(), "er"), l -> { });
            assertEquals(1, report.probes().size(), "P4 only");
            assertEquals("P4", report.probes().get(0).id());
            assertEquals(Verdict.NOT_RUN, report.probes().get(0).verdict());
            assertTrue(report.probes().get(0).summary().contains("the relay took no frame on its VM port vm2"),
                    report.probes().get(0).summary());
            assertEquals("", report.secondPort(), "the VM port is tapped, not a second port of the run");
            assertEquals("er", report.relay());
            assertEquals("bridge 'er'", up.owner, "the uplink stays the relay's");
            assertTrue(up.controlTaken.isEmpty(), "no control protocol taken from the relay's LLDP agent");
            assertTrue(up.taps.isEmpty() && vm2.taps.isEmpty(), "the taps removed after the run");
            assertNull(a.props(evb.getPid()).get("reflective.relay"), "the station's configuration as it was");
        } finally {
            Files.deleteIfExists(pcap);
        }
        QualifyException twoPorts = assertThrows(QualifyException.class, () -> kit.run(new QualifyRequest(
                "up", List.of("P4", "P3"), "x.pcap", 1, false, 1, 1, 0, List.of(1, 2, 3), "etag", "", "public", "", List.of(), "er"), l -> { }));
        assertEquals("--relay runs P4 only (the other probes need the port for themselves)", twoPorts.getMessage());
    }

    private interface Opening {
        void open() throws QualifyException;
    }

    private static void assertRefused(String why, Opening o) {
        QualifyException e = assertThrows(QualifyException.class, o::open);
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().startsWith("--relay: "), e.getMessage());
    }
}
