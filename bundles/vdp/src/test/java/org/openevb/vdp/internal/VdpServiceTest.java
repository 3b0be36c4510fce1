package org.openevb.vdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openevb.api.bridge.Bridge;
import org.openevb.api.bridge.BridgePortView;
import org.openevb.api.bridge.BridgeRegistry;
import org.openevb.api.bridge.PortRole;
import org.openevb.api.evb.EvbPortStatus;
import org.openevb.api.port.PortTap;
import org.openevb.codec.Frame;
import org.openevb.api.port.PortState;
import org.openevb.api.vdp.AssociatedVsi;
import org.openevb.api.vdp.EcpCounter;
import org.openevb.api.vdp.VdpCounter;
import org.openevb.api.vdp.VdpPortView;
import org.openevb.api.vdp.VsiAssociations;
import org.openevb.api.vdp.VsiPolicy;
import org.openevb.api.vdp.VsiView;
import org.openevb.codec.EtherType;
import org.openevb.codec.MacAddress;
import org.openevb.codec.ecp.EcpPdu;
import org.openevb.driver.memory.MemoryDriver;
import org.openevb.port.internal.PortComponent;
import org.openevb.port.internal.PortConfigs;
import org.openevb.port.internal.PortRegistryImpl;

/**
 * ECP and VDP on in-memory ports: a station-role port and a bridge-role port linked to each other,
 * the EVB TLV exchanged as the EVB service says, the state machines driven by the VDP thread.
 */
class VdpServiceTest {

    // R 3, ack timer 10.24 ms, resource wait 164 ms, keep-alive 41 ms: toutKeepAlive ~170 ms. A
    // resource wait of 41 ms timed out requests in about one class run in three once the machine
    // was busy: an answer is a round trip through both ports and the VDP thread
    private static final int R = 3;
    private static final int RTE = 10;
    private static final int RWD = 14;
    private static final int RKA = 12;

    private final MemoryDriver memory = new MemoryDriver();
    private final PortRegistryImpl directory = new PortRegistryImpl();
    private final List<EvbPortStatus> evb = new CopyOnWriteArrayList<>();
    private final VdpServiceImpl vdp = new VdpServiceImpl(directory, () -> List.copyOf(evb), System::nanoTime);
    private final List<PortComponent> ports = new ArrayList<>();
    private final List<VsiConfigComponent> vsis = new ArrayList<>();
    private VsiTypesComponent types;

    @BeforeEach
    void setUp() throws InterruptedException {
        directory.addDriver(memory);
        ports.add(port("st0", 0x020000000001L));
        ports.add(port("br0", 0x020000000002L));
        memory.link("st0", "br0");
        types = new VsiTypesComponent(vdp, Map.of("vsis.per.port", "2", "type.100.1.vlans", "10-12",
                "type.200.1.vlans", "20", "type.200.1.macs", "02:00:00:00:aa:01"));
        vdp.activate();
    }

    @AfterEach
    void tearDown() {
        vsis.forEach(VsiConfigComponent::deactivate);
        types.deactivate();
        vdp.deactivate();
        ports.forEach(PortComponent::deactivate);
        directory.deactivate();
    }

    private PortComponent port(String itf, long mac) throws InterruptedException {
        memory.createInterface(itf, MemoryDriver.DEFAULT_MTU, mac);
        PortComponent p = new PortComponent(directory, PortConfigs.of(Map.of("interface$", itf, "driver", "memory")));
        await(itf + " UP", () -> p.state() == PortState.UP);
        return p;
    }

    private static EvbPortStatus negotiated(String port, String role) {
        return negotiated(port, role, RKA);
    }

    private static EvbPortStatus negotiated(String port, String role, int rka) {
        return new EvbPortStatus(port, role, "negotiated", null, null, null, "peer", true, R, RTE, RWD, rka, false, 1, 0, 1);
    }

    private void negotiate() {
        evb.add(negotiated("st0", "station"));
        evb.add(negotiated("br0", "bridge"));
    }

    private VsiConfigComponent vsi(String name, Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>(Map.of("name", name, "port", "st0", "manager_id", "192.0.2.1",
                "type_id", "100", "type_version", "1", "vsiid", "uuid:11111111-2222-3333-4444-555555555555",
                "filter_format", "mac-vid", "filter", "02:00:00:00:aa:01/10"));
        v.putAll(values);
        VsiConfigComponent c = new VsiConfigComponent(vdp, PortConfigs.of(VsiConfig.class, v), Map.of());
        vsis.add(c);
        return c;
    }

    private VsiView view(String role, String name) {
        return vdp.vsis().stream().filter(v -> v.role().equals(role) && (role.equals("bridge") || v.name().equals(name)))
                .findFirst().orElse(null);
    }

    private VdpPortView portView(String port) {
        return vdp.ports().stream().filter(p -> p.port().equals(port)).findFirst().orElse(null);
    }

    @Test
    void nothingRunsUntilTheEvbTlvIsExchanged() throws InterruptedException {
        vsi("web1", Map.of());
        Thread.sleep(2 * VdpServiceImpl.RECONCILE_MILLIS);
        assertTrue(vdp.ports().isEmpty());
        VsiView v = view("station", "web1");
        assertEquals("deassociated", v.state());
        assertEquals("port not running VDP", v.lastReason());
        assertThrows(IllegalStateException.class, () -> vdp.command("web1", "associate", Duration.ofSeconds(1)));
    }

    @Test
    void aConfiguredVsiAssociatesAndStaysAliveAtTheBridge() throws InterruptedException {
        vsi("web1", Map.of());
        negotiate();
        await("associated at the bridge", () -> view("bridge", null) != null && view("bridge", null).state().equals("associated"));
        await("associated at the station", () -> view("station", "web1").state().equals("associated"));
        VsiView st = view("station", "web1");
        assertEquals("uuid", st.vsiidFormat());
        assertEquals("11111111-2222-3333-4444-555555555555", st.vsiid());
        assertEquals("192.0.2.1", st.managerId());
        assertEquals(List.of("02:00:00:00:aa:01/10"), st.filter());
        assertEquals("success", st.lastReason());
        // keep-alives every ~41 ms keep it past toutKeepAlive (~170 ms)
        Thread.sleep(400);
        assertEquals("associated", view("bridge", null).state());
        assertTrue(portView("br0").vdp().get(VdpCounter.KEEP_ALIVES_RECEIVED) >= 3);
        assertTrue(portView("st0").ecp().get(EcpCounter.ACKNOWLEDGED) >= 4);
        assertEquals(0, portView("br0").ecp().get(EcpCounter.DUPLICATES));
        assertEquals(0, vdp.failures());
    }

    @Test
    void aConfiguredVsiLeftUnansweredIsAskedAgainUntilTheBridgeAnswers() throws InterruptedException {
        vsi("web1", Map.of());
        // the station's side is negotiated first: its Associate reaches a port where VDP does not run yet
        evb.add(negotiated("st0", "station"));
        await("ECP gave up", () -> portView("st0") != null && portView("st0").ecp().get(EcpCounter.GIVEN_UP) >= 1);
        assertEquals("deassociated", view("station", "web1").state());
        evb.add(negotiated("br0", "bridge"));
        await("associated at last", () -> view("station", "web1").state().equals("associated"));
        assertEquals("associated", view("bridge", null).state());
    }

    @Test
    void anUnknownTypeIsRefusedWithItsReasonAndTheCommandSaysSo() throws InterruptedException {
        vsi("bad", Map.of("type_id", "999", "command", "none"));
        negotiate();
        await("VDP runs", () -> portView("st0") != null);
        assertEquals("", view("station", "bad").lastReason(), "not commanded yet, on a port that runs VDP");
        VsiView v = vdp.command("bad", "associate", Duration.ofSeconds(3));
        assertEquals("deassociated", v.state());
        assertEquals("other failure", v.lastReason());
        assertTrue(v.hard(), "asking again will not help");
        assertEquals(1, v.failed());
        Thread.sleep(300);
        assertEquals(1, portView("br0").vdp().get(VdpCounter.REFUSED), "a refusal is not asked again by itself");
    }

    @Test
    void vidZeroIsAssignedByTheBridgeFromTheTypesVlans() throws InterruptedException {
        vsi("any", Map.of("filter", "02:00:00:00:aa:02/0", "command", "none"));
        negotiate();
        await("VDP runs", () -> portView("st0") != null);
        VsiView v = vdp.command("any", "associate", Duration.ofSeconds(3));
        assertEquals("associated", v.state());
        assertEquals(List.of("02:00:00:00:aa:02/10"), v.filter(), "the lowest of 10-12");
        assertEquals(List.of("02:00:00:00:aa:02/10"), view("bridge", null).filter());
    }

    @Test
    void aFollowerIsToldTheBridgeRolesAssociationsAndEachChange() throws Exception {
        List<VsiAssociations> told = new CopyOnWriteArrayList<>();
        try (AutoCloseable following = vdp.followAssociations(told::add)) {
            await("told at once", () -> !told.isEmpty());
            assertEquals(VsiAssociations.NONE, told.get(0));
            vsi("any", Map.of("filter", "02:00:00:00:aa:02/0", "command", "none"));
            negotiate();
            await("VDP runs on br0", () -> last(told).ports().equals(Set.of("br0")));
            assertEquals(List.of(), last(told).vsis());
            vdp.command("any", "pre-associate", Duration.ofSeconds(3));
            Thread.sleep(100);
            assertEquals(List.of(), last(told).vsis(), "a pre-associated VSI does not pass");
            vdp.command("any", "associate", Duration.ofSeconds(3));
            await("associated", () -> !last(told).vsis().isEmpty());
            AssociatedVsi a = last(told).vsis().get(0);
            assertEquals("br0", a.port());
            assertEquals("uuid:11111111-2222-3333-4444-555555555555", a.vsiid());
            assertEquals(List.of(new AssociatedVsi.FilterMatch(MacAddress.parse("02:00:00:00:aa:02"), 10)), a.filter(),
                    "with the VID the bridge assigned");
            int changes = told.size();
            Thread.sleep(200); // keep-alives change nothing
            assertEquals(changes, told.size());
            vdp.command("any", "de-associate", Duration.ofSeconds(3));
            await("de-associated", () -> last(told).vsis().isEmpty());
        }
        int after = told.size();
        evb.clear();
        Thread.sleep(3 * VdpServiceImpl.RECONCILE_MILLIS);
        assertEquals(after, told.size(), "no longer told once closed");
    }

    @Test
    void theAssociationsCarryTheTypesPolicyAndAChangedDatabaseIsToldAtOnce() throws Exception {
        types.modified(Map.of("vsis.per.port", "2", "type.100.1.vlans", "10-12", "type.100.1.police.rate", "100M",
                "type.100.1.acl.in", "web"));
        List<VsiAssociations> told = new CopyOnWriteArrayList<>();
        try (AutoCloseable following = vdp.followAssociations(told::add)) {
            await("told at once", () -> !told.isEmpty());
            vsi("any", Map.of("filter", "02:00:00:00:aa:02/0", "command", "associate"));
            negotiate();
            await("associated", () -> !last(told).vsis().isEmpty());
            VsiPolicy p = last(told).vsis().get(0).policy();
            assertEquals(100_000_000L, p.police().bitsPerSecond());
            assertEquals("web", p.aclIn());
            // the type changes: the association is told again with the new policy, without a request
            types.modified(Map.of("vsis.per.port", "2", "type.100.1.vlans", "10-12", "type.100.1.police.rate", "30M"));
            await("told the new policy", () -> !last(told).vsis().isEmpty()
                    && last(told).vsis().get(0).policy().police().bitsPerSecond() == 30_000_000L);
            assertEquals("", last(told).vsis().get(0).policy().aclIn());
            // an invalid database changes nothing: the last good one stays
            int changes = told.size();
            types.modified(Map.of("vsis.per.port", "2", "type.100.1.vlans", "10-12", "type.100.1.police.rate", "fast"));
            Thread.sleep(300);
            assertEquals(changes, told.size());
            assertEquals(30_000_000L, last(told).vsis().get(0).policy().police().bitsPerSecond());
        }
    }

    @Test
    void migrationMovesTheAssociationAndTheDestinationAnnouncesTheVsi() throws Exception {
        ports.add(port("st1", 0x020000000003L));
        ports.add(port("br1", 0x020000000004L));
        memory.link("st1", "br1");
        // one VM, known to both stations: associated at the source, nothing yet at the destination
        vsi("vm-a", Map.of());
        vsi("vm-b", Map.of("port", "st1", "command", "none"));
        List<VsiAssociations> told = new CopyOnWriteArrayList<>();
        try (AutoCloseable following = vdp.followAssociations(told::add)) {
            // the source keeps alive every 10 s (RKA 20): its refused keep-alive, which makes its
            // station de-associate by itself, cannot come before the checks of the source's table
            evb.add(negotiated("st0", "station", 20));
            evb.add(negotiated("br0", "bridge", 20));
            evb.add(negotiated("st1", "station"));
            evb.add(negotiated("br1", "bridge"));
            await("associated at the source", () -> !told.isEmpty() && last(told).vsis().size() == 1);
            assertEquals("br0", last(told).vsis().get(0).port());

            // libvirt: pre-associate with reservation at the destination when the migration starts
            VsiView pre = vdp.command("vm-b", "pre-associate-rr", Duration.ofSeconds(3));
            assertEquals("preassociated-rr", pre.state());
            assertEquals("br0", last(told).vsis().get(0).port(), "a pre-associated VSI does not take the MACs");
            // the destination's Associate without the hint is out of sync; with it the VSI moves
            assertEquals("other failure", vdp.command("vm-b", "associate", Duration.ofSeconds(3)).lastReason());
            // what the data path had been told when the bridge's successful Associate answer left br1
            List<String> toldAtAnswer = new CopyOnWriteArrayList<>();
            AutoCloseable tap = directory.port("br1").orElseThrow().addTap((direction, ts, frame) -> {
                if (direction == org.openevb.api.port.PortTap.Direction.OUT && associateSuccess(frame.toByteArray())) {
                    toldAtAnswer.add(last(told).vsis().isEmpty() ? "none" : last(told).vsis().get(0).port());
                }
            });
            VsiView to = vdp.command("vm-b", "associate", "migrate-to", Duration.ofSeconds(3));
            tap.close();
            assertEquals(List.of("br1"), toldAtAnswer, "the data path follows before the answer leaves");
            assertEquals("associated", to.state());
            assertEquals("migrate-to", to.hints());
            VsiView atDestination = vdp.vsis().stream().filter(v -> v.port().equals("br1")).findFirst().orElseThrow();
            assertEquals("migrate-to", atDestination.hints(), "the bridge shows the hint it was asked with");
            List<AssociatedVsi> now = last(told).vsis();
            assertEquals(1, now.size(), "one association, at the destination only: " + now);
            assertEquals("br1", now.get(0).port());
            VsiView atSource = vdp.vsis().stream().filter(v -> v.port().equals("br0")).findFirst().orElseThrow();
            assertEquals("associated", atSource.state(), "the source's port holds it until its station de-associates it");
            assertEquals("br1", atSource.migratedTo(), "and says where it went");
            assertEquals("", atDestination.migratedTo());

            // QEMU's five rounds over 800 ms, one RARP each for the one MAC
            await("announced five times", () -> view("station", "vm-b").announced() == 5);
            assertEquals(5, portView("st1").vdp().get(VdpCounter.ANNOUNCEMENTS_SENT));
            assertEquals(0, portView("st0").vdp().get(VdpCounter.ANNOUNCEMENTS_SENT));

            VsiView from = vdp.command("vm-a", "de-associate", "migrate-from", Duration.ofSeconds(3));
            assertEquals("deassociated", from.state());
            assertEquals("migrate-from", from.hints());
            await("gone at the source", () -> vdp.vsis().stream().noneMatch(v -> v.port().equals("br0")));
            assertEquals("br1", last(told).vsis().get(0).port(), "the source's de-associate leaves the destination's");
        }
        assertThrows(IllegalArgumentException.class,
                () -> vdp.command("vm-b", "associate", "sideways", Duration.ofSeconds(1)));
    }

    @Test
    void aVsiAttachedToAnEdgeRelayPortIsAnnouncedThroughThatRelay() throws Exception {
        // an edge relay with the uplink st0 and two VM ports; it records what it is given to forward
        List<String> forwarded = new CopyOnWriteArrayList<>();
        Bridge relay = (Bridge) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bridge.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "ports" -> List.of(relayPort("st0"), relayPort("vm1"), relayPort("vm2"));
                    case "receiveAs" -> {
                        Frame f = (Frame) args[1];
                        forwarded.add(args[0] + " " + HexFormat.of().formatHex(f.toByteArray(), 0, 18));
                        yield true;
                    }
                    case "name" -> "er0";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        BridgeRegistry registry = (BridgeRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BridgeRegistry.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "bridges" -> List.of(relay);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        vdp.setBridges(registry);
        vsi("vm", Map.of("relay_port", "vm1", "command", "none"));
        negotiate();
        await("VDP on st0", () -> portView("st0") != null);
        List<String> rarpOut = new CopyOnWriteArrayList<>();
        AutoCloseable tap = directory.port("st0").orElseThrow().addTap((direction, ts, frame) -> {
            if (direction == PortTap.Direction.OUT && frame.length() >= 18
                    && rarpAfterTag(frame.toByteArray())) {
                rarpOut.add("rarp");
            }
        });
        assertEquals("vm1", view("station", "vm").relayPort(), "from the configuration");
        VsiView v = vdp.command("vm", "associate", "migrate-to", Duration.ofSeconds(3));
        assertEquals("associated", v.state());
        await("announced five times", () -> view("station", "vm").announced() == 5);
        // broadcast, from the VM's MAC, tagged with its VID 10, RARP: given to the relay as from vm1
        String rarp = "vm1 ffffffffffff02000000aa018100000a8035";
        assertEquals(List.of(rarp, rarp, rarp, rarp, rarp), forwarded);
        assertEquals(List.of(), rarpOut, "none left by the VDP port itself");
        assertEquals(0, portView("st0").vdp().get(VdpCounter.ANNOUNCEMENTS_NOT_RELAYED));

        // a command attaches the VSI elsewhere (the VM got another port); bad ports are refused
        assertThrows(IllegalArgumentException.class,
                () -> vdp.command("vm", "associate", "", "nosuch", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> vdp.command("vm", "associate", "", "st0", Duration.ofSeconds(1)));
        assertEquals("deassociated", vdp.command("vm", "de-associate", "", "vm2", Duration.ofSeconds(3)).state());
        assertEquals("vm2", view("station", "vm").relayPort());
        // without bridges the announcements cannot go through the relay: counted, not sent elsewhere
        vdp.unsetBridges(registry);
        forwarded.clear();
        VsiView dbg = vdp.command("vm", "associate", "migrate-to", Duration.ofSeconds(3));
        assertEquals("associated", dbg.state(), dbg.toString());
        await("announced five times more", () -> view("station", "vm").announced() == 10);
        assertEquals(5, portView("st0").vdp().get(VdpCounter.ANNOUNCEMENTS_NOT_RELAYED));
        assertEquals(List.of(), forwarded);
        assertEquals(List.of(), rarpOut);
        tap.close();
    }

    @Test
    void aVsisFileSaysHowItIsAnnouncedOrThatItIsNot() throws Exception {
        Map<String, Object> two = new HashMap<>(Map.of("name", "vm", "port", "st0", "manager_id", "192.0.2.1",
                "type_id", "100", "type_version", "1", "vsiid", "uuid:11111111-2222-3333-4444-555555555555",
                "filter_format", "mac-vid", "filter", "02:00:00:00:aa:01/10", "command", "none"));
        two.putAll(Map.of("announce_rounds", "2", "announce_initial", "20", "announce_max", "20"));
        VsiConfigComponent c = new VsiConfigComponent(vdp, PortConfigs.of(VsiConfig.class, two), Map.of());
        vsis.add(c);
        negotiate();
        await("VDP on st0", () -> portView("st0") != null);
        assertEquals("associated", vdp.command("vm", "associate", "migrate-to", Duration.ofSeconds(3)).state());
        await("announced twice", () -> view("station", "vm").announced() == 2);
        Thread.sleep(100);
        assertEquals(2, view("station", "vm").announced(), "two rounds, 20 ms apart, and no more");

        // the file turns them off; the VSI itself is unchanged, so nothing is asked again
        Map<String, Object> off = new HashMap<>(two);
        off.put("announce", "false");
        c.modified(PortConfigs.of(VsiConfig.class, off), Map.of());
        assertEquals("deassociated", vdp.command("vm", "de-associate", Duration.ofSeconds(3)).state());
        assertEquals("associated", vdp.command("vm", "associate", "migrate-to", Duration.ofSeconds(3)).state());
        Thread.sleep(100);
        assertEquals(2, view("station", "vm").announced(), "a migration here announces nothing now");
        assertEquals(2, portView("st0").vdp().get(VdpCounter.ANNOUNCEMENTS_SENT));
    }

    private static BridgePortView relayPort(String name) {
        return new BridgePortView(name, name.equals("st0") ? PortRole.UPLINK : PortRole.VSI, "UP", 1, "1", "1", false,
                "default", "unknown", 0, 0, "", "");
    }

    /** Whether a frame is an ECP request carrying a successful Associate answer. */
    private static boolean rarpAfterTag(byte[] bytes) {
        return (bytes[16] & 0xFF) == 0x80 && (bytes[17] & 0xFF) == 0x35;
    }

    private static boolean associateSuccess(byte[] bytes) {
        int offset = 0;
        int length = bytes.length;
        try {
            if (length < 18 || ((bytes[offset + 12] & 0xFF) << 8 | (bytes[offset + 13] & 0xFF)) != EtherType.ECP) {
                return false;
            }
            EcpPdu ecp = EcpPdu.decode(bytes, offset + 14, length - 14);
            if (!ecp.isRequest()) {
                return false;
            }
            byte[] ulpdu = ecp.payload();
            return org.openevb.codec.vdp.VdpPdu.decode(ulpdu, 0, ulpdu.length).vsiTlvs().stream()
                    .anyMatch(t -> t.type() == org.openevb.codec.vdp.VdpTlv.ASSOCIATE && t.isResponse() && t.errorCode() == 0);
        } catch (org.openevb.codec.CodecException | IllegalArgumentException e) {
            return false;
        }
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    @Test
    void aBridgePortConfiguredWithoutVdpRunsNoneAndStopsWhenTurnedOff() throws InterruptedException {
        vsi("web1", Map.of());
        evb.add(negotiated("st0", "station"));
        EvbPortStatus withoutVdp = new EvbPortStatus("br0", "bridge", "negotiated", null, null, null, "peer", true, R, RTE,
                RWD, RKA, false, 1, 0, 1, false);
        evb.add(withoutVdp);
        Thread.sleep(3 * VdpServiceImpl.RECONCILE_MILLIS);
        assertEquals(null, portView("br0"), "no ECP or VDP on the bridge port");
        assertEquals(null, view("bridge", null), "the station's requests reach nothing that admits");

        // VDP allowed: the VSI associates; taken away again: the bridge stops VDP and frees the VSI
        evb.remove(withoutVdp);
        evb.add(negotiated("br0", "bridge"));
        await("associated at the bridge", () -> view("bridge", null) != null && view("bridge", null).state().equals("associated"));
        evb.removeIf(s -> s.port().equals("br0"));
        evb.add(withoutVdp);
        await("VDP stopped on the bridge port", () -> portView("br0") == null);
        assertEquals(null, view("bridge", null));
    }

    @Test
    void theBridgeDeassociatesWhenKeepAlivesStop() throws InterruptedException {
        vsi("web1", Map.of());
        negotiate();
        await("associated", () -> view("bridge", null) != null && view("bridge", null).state().equals("associated"));
        // the station's side of the EVB TLV goes away: it stops sending, the bridge waits toutKeepAlive
        evb.removeIf(s -> s.port().equals("st0"));
        long stopped = System.nanoTime();
        await("de-associated by the bridge", () -> view("bridge", null) == null);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
        assertEquals(1, portView("br0").vdp().get(VdpCounter.KEEP_ALIVE_TIMEOUTS));
        assertTrue(waited >= 100, "not before toutKeepAlive: " + waited + " ms");
    }

    @Test
    void deassociateByCommandAndWithdrawnConfiguration() throws InterruptedException {
        VsiConfigComponent c = vsi("web1", Map.of());
        negotiate();
        await("associated", () -> view("station", "web1").state().equals("associated"));
        VsiView v = vdp.command("web1", "de-associate", Duration.ofSeconds(3));
        assertEquals("deassociated", v.state());
        assertEquals("de-associate", v.lastCommand());
        await("gone at the bridge", () -> view("bridge", null) == null);
        v = vdp.command("web1", "associate", Duration.ofSeconds(3));
        assertEquals("associated", v.state());
        c.deactivate();
        vsis.remove(c);
        await("withdrawn at the bridge", () -> view("bridge", null) == null);
        await("forgotten at the station", () -> view("station", "web1") == null);
    }

    @Test
    void badCommandsAndNamesAreRefused() {
        vsi("web1", Map.of());
        assertThrows(IllegalArgumentException.class, () -> vdp.command("web1", "dance", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> vdp.command("nope", "associate", Duration.ofSeconds(1)));
        assertEquals(List.of("web1"), vdp.stationVsis());
    }

    @Test
    void badEcpFramesAreCountedAndNeverStopTheThread() throws InterruptedException {
        negotiate();
        await("VDP runs", () -> portView("br0") != null);
        byte[] frame = new byte[60];
        MacAddress.write(PortVdp.ECP_ADDRESS, frame, 0);
        MacAddress.write(0x020000000009L, frame, 6);
        frame[12] = (byte) (EtherType.ECP >>> 8);
        frame[13] = (byte) EtherType.ECP;
        frame[14] = (byte) 0x70; // version 7
        memory.inject("br0", frame.clone());
        frame[14] = 0x10; // version 1, request, subtype 3: unknown
        frame[15] = 0x03;
        memory.inject("br0", frame.clone());
        frame[15] = (byte) EcpPdu.SUBTYPE_VDP; // a VDP request full of junk
        for (int i = 18; i < 60; i++) {
            frame[i] = (byte) 0xA5;
        }
        memory.inject("br0", frame.clone());
        byte[] elsewhere = frame.clone();
        MacAddress.write(MacAddress.NEAREST_BRIDGE, elsewhere, 0);
        memory.inject("br0", elsewhere);
        await("counted", () -> portView("br0").ecp().get(EcpCounter.BAD_VERSION) == 1
                && portView("br0").ecp().get(EcpCounter.UNKNOWN_SUBTYPE) == 1
                && portView("br0").vdp().get(VdpCounter.MALFORMED) == 1);
        await("another address counted", () -> vdp.notEcpAddress() == 1);
        assertEquals(0, vdp.failures());
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
