package org.openevb.mirror.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openevb.api.mirror.MirrorCounter;
import org.openevb.api.mirror.MirrorView;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
import org.openevb.codec.Frame;
import org.openevb.driver.memory.MemoryDriver;
import org.openevb.port.internal.PortComponent;
import org.openevb.port.internal.PortConfigs;
import org.openevb.port.internal.PortRegistryImpl;

/** Mirrors on in-memory ports: what is copied, to where, and what happens when the destination is taken. */
class MirrorComponentTest {

    private static final HexFormat HEX = HexFormat.of();

    private final MemoryDriver memory = new MemoryDriver();
    private final PortRegistryImpl directory = new PortRegistryImpl();
    private final MirrorRegistry registry = new MirrorRegistry();
    private final List<PortComponent> ports = new ArrayList<>();
    private final List<MirrorComponent> mirrors = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        directory.addDriver(memory);
        for (String n : new String[] {"vm1", "vm2", "up", "mon"}) {
            port(n);
        }
    }

    @AfterEach
    void tearDown() {
        mirrors.forEach(MirrorComponent::deactivate);
        ports.forEach(PortComponent::deactivate);
        directory.deactivate();
    }

    private PortComponent port(String n) throws Exception {
        memory.createInterface(n, 1600, 0x020000000100L + ports.size());
        PortComponent p = new PortComponent(directory, PortConfigs.of(Map.of("interface$", n, "driver", "memory")));
        ports.add(p);
        await("port " + n + " UP", () -> p.state() == PortState.UP);
        return p;
    }

    private MirrorComponent mirror(String... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i].replace('.', '_'), keyValues[i + 1]);
        }
        MirrorComponent c = new MirrorComponent(directory, registry, PortConfigs.of(MirrorConfig.class, m), Map.of());
        mirrors.add(c);
        return c;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static byte[] frame(int vid, int marker) {
        String tag = vid < 0 ? "" : String.format("8100%04x", vid);
        byte[] head = HEX.parseHex("ffffffffffff020000000001" + tag + "88b5");
        byte[] f = new byte[64];
        System.arraycopy(head, 0, f, 0, head.length);
        f[63] = (byte) marker;
        return f;
    }

    private Port portNamed(String n) {
        return directory.port(n).orElseThrow();
    }

    @Test
    void receivedAndSentFramesOfTheSourcesGoOutOfTheDestinationByteForByte() throws Exception {
        MirrorComponent m = mirror("name", "span1", "ingress", "vm*", "egress", "up", "destination", "mon");
        await("active", () -> m.view().state().equals("active"));
        assertEquals(List.of("up (out)", "vm1 (in)", "vm2 (in)"), m.view().sources());

        byte[] in1 = frame(-1, 1);
        byte[] in2 = frame(-1, 2);
        byte[] out = frame(-1, 3);
        memory.inject("vm1", in1);
        memory.inject("vm2", in2);
        Frame f = new Frame(64);
        f.copyFrom(out, 0, out.length);
        portNamed("up").send(f);
        memory.inject("up", frame(-1, 4)); // received on up: not an ingress source
        List<byte[]> copies = new ArrayList<>();
        await("three copies", () -> {
            copies.addAll(memory.drainSent("mon"));
            return copies.size() >= 3;
        });
        Thread.sleep(50);
        copies.addAll(memory.drainSent("mon"));
        assertEquals(3, copies.size());
        assertArrayEquals(in1, copies.get(0));
        assertArrayEquals(in2, copies.get(1));
        assertArrayEquals(out, copies.get(2));
        MirrorView v = m.view();
        assertEquals(3, v.counters().get(MirrorCounter.MIRRORED));
        assertEquals(3 * 64, v.counters().get(MirrorCounter.MIRRORED_BYTES));
        assertEquals("mirror 'span1'", portNamed("mon").owner(), "the destination is held: nothing else uses it");
    }

    @Test
    void onlyTheConfiguredVlansAreCopiedAndAReconfigurationAppliesLive() throws Exception {
        MirrorComponent m = mirror("name", "m", "ingress", "vm1", "destination", "mon", "vlans", "10");
        await("active", () -> m.view().state().equals("active"));
        memory.inject("vm1", frame(10, 1));
        memory.inject("vm1", frame(11, 2));
        memory.inject("vm1", frame(-1, 3));
        await("one copy", () -> m.view().counters().get(MirrorCounter.MIRRORED) == 1);
        assertEquals(2, m.view().counters().get(MirrorCounter.NOT_IN_VLANS));
        assertEquals(1, memory.drainSent("mon").size());

        Map<String, Object> next = new HashMap<>(Map.of("name", "m", "ingress", "vm2", "destination", "mon"));
        m.modified(PortConfigs.of(MirrorConfig.class, next), Map.of());
        await("vm2 tapped", () -> m.view().sources().equals(List.of("vm2 (in)")));
        memory.inject("vm1", frame(-1, 4));
        memory.inject("vm2", frame(-1, 5));
        await("the copy of vm2's frame", () -> m.view().counters().get(MirrorCounter.MIRRORED) == 2);
        List<byte[]> copies = memory.drainSent("mon");
        assertEquals(1, copies.size());
        assertEquals(5, copies.get(0)[63]);
    }

    @Test
    void aBadReconfigurationKeepsTheLastGoodMirrorRunningAndSaysWhy() throws Exception {
        MirrorComponent m = mirror("name", "m", "ingress", "vm1", "destination", "mon");
        await("active", () -> m.view().state().equals("active"));
        m.modified(PortConfigs.of(MirrorConfig.class, Map.of("name", "m", "ingress", "vm1", "destination", "mon",
                "queue_frames", "many")), Map.of());
        assertEquals("active", m.view().state());
        assertTrue(m.view().reason().contains("queue.frames: 'many' is not a whole number in 16..65536"), m.view().reason());
        memory.inject("vm1", frame(-1, 1));
        await("still copying", () -> m.view().counters().get(MirrorCounter.MIRRORED) == 1);
    }

    @Test
    void aDestinationHeldByAnotherOwnerIsAnErrorUntilReleasedAndAMissingOneIsWaitedFor() throws Exception {
        Port mon = portNamed("mon");
        org.openevb.api.port.FrameHandler bridge = (ingress, frame) -> { };
        mon.claim("bridge 'br0'", bridge);
        MirrorComponent m = mirror("name", "m", "ingress", "vm1", "destination", "mon");
        await("error", () -> m.view().state().equals("error"));
        assertEquals("destination: port 'mon' is held by bridge 'br0'", m.view().reason());
        memory.inject("vm1", frame(-1, 1));
        mon.release(bridge);
        await("active once released", () -> m.view().state().equals("active"));
        assertEquals(0, m.view().counters().get(MirrorCounter.MIRRORED), "nothing copied while not active");

        MirrorComponent later = mirror("name", "later", "ingress", "vm2", "destination", "mon2");
        await("waiting", () -> later.view().state().equals("waiting"));
        assertEquals("no port 'mon2' (the destination) yet", later.view().reason());
        port("mon2");
        await("active once the port is there", () -> later.view().state().equals("active"));
        memory.inject("vm2", frame(-1, 2));
        await("copied to mon2", () -> memory.drainSent("mon2").size() == 1);
    }

    @Test
    void aFullQueueDropsAndCountsWithoutSlowingTheSource() throws Exception {
        MirrorComponent m = mirror("name", "m", "ingress", "vm1", "destination", "mon", "queue.frames", "16",
                "max.frame.size", "100");
        await("active", () -> m.view().state().equals("active"));
        memory.inject("vm1", new byte[200]);
        await("too long counted", () -> m.view().counters().get(MirrorCounter.TOO_LONG) == 1);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            memory.inject("vm1", frame(-1, i));
        }
        await("every frame copied or counted", () -> m.view().counters().get(MirrorCounter.MIRRORED)
                + m.view().counters().get(MirrorCounter.QUEUE_FULL) == n);
        assertEquals(n, portNamed("vm1").counters().rxFrames() - 1, "the source received every frame");
    }

    @Test
    void twoMirrorsCannotShareAName() throws Exception {
        MirrorComponent first = mirror("name", "m", "ingress", "vm1", "destination", "mon");
        MirrorComponent second = mirror("name", "m", "ingress", "vm2", "destination", "up");
        await("the second in error", () -> second.view().state().equals("error"));
        assertEquals("name: 'm' is already used by another mirror", second.view().reason());
        await("the first active", () -> first.view().state().equals("active"));
        assertEquals("", portNamed("up").owner(), "the second holds nothing");
    }

    @Test
    void aFilterAclSendsOnlyTheCopiesItPermitsAndNoneWhileItIsUnavailable() throws Exception {
        MirrorComponent m = mirror("name", "m", "ingress", "vm1", "destination", "mon", "filter", "only10");
        await("active", () -> m.view().state().equals("active"));
        memory.inject("vm1", frame(10, 1));
        await("filtered while no ACL service runs", () -> m.view().counters().get(MirrorCounter.FILTERED) == 1);
        org.openevb.api.policy.PacketFilter only10 = new org.openevb.api.policy.PacketFilter() {
            @Override
            public int decide(org.openevb.codec.ethernet.EthernetHeaderView header, org.openevb.codec.ip.IpHeaderView ip,
                    int vid) {
                return vid == 10 ? PERMIT : DENY;
            }

            @Override
            public String name() {
                return "only10";
            }
        };
        registry.setAclService(new org.openevb.api.policy.AclService() {
            @Override
            public org.openevb.api.policy.PacketFilter filter(String name) {
                return only10;
            }

            @Override
            public List<org.openevb.api.policy.AclView> acls() {
                return List.of();
            }

            @Override
            public java.util.Optional<org.openevb.api.policy.AclView> acl(String name) {
                return java.util.Optional.empty();
            }

            @Override
            public String checkRule(String rule) {
                return "";
            }
        });
        Thread.sleep(100); // the service's arrival nudges the mirror's thread to look the filter up again
        memory.inject("vm1", frame(10, 2));
        memory.inject("vm1", frame(11, 3));
        await("one copy sent, one more filtered", () -> m.view().counters().get(MirrorCounter.MIRRORED) == 1
                && m.view().counters().get(MirrorCounter.FILTERED) == 2);
        List<byte[]> copies = memory.drainSent("mon");
        assertEquals(1, copies.size());
        assertEquals(2, copies.get(0)[63]);
        assertEquals("only10", m.view().filter());
    }
}
