package org.openevb.extender.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openevb.api.extension.ExtensionDropReason;
import org.openevb.api.extension.ExtensionStatus;
import org.openevb.api.port.PortState;
import org.openevb.driver.memory.MemoryDriver;
import org.openevb.port.internal.PortComponent;
import org.openevb.port.internal.PortConfigs;
import org.openevb.port.internal.PortRegistryImpl;

/**
 * One extender on in-memory interfaces: frames injected on its host ports go up tagged; tagged
 * frames injected on its upstream port come down, replicated, pruned, or dropped and counted.
 */
class PortExtenderTest {
    static final HexFormat HEX = HexFormat.of();
    static final String SRC = "020000000001";
    static final String BCAST = "ffffffffffff";

    private final MemoryDriver memory = new MemoryDriver();
    private final PortRegistryImpl portRegistry = new PortRegistryImpl();
    private final ExtenderRegistry registry = new ExtenderRegistry(portRegistry);
    private final List<PortComponent> ports = new ArrayList<>();
    private final List<ExtenderComponent> extenders = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        portRegistry.addDriver(memory);
        for (String n : new String[] {"h1", "h2", "h3", "below", "up"}) {
            memory.createInterface(n, 1600, 0x020000000100L + n.hashCode());
            PortComponent p = new PortComponent(portRegistry, PortConfigs.of(Map.of("interface$", n, "driver", "memory")));
            ports.add(p);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (p.state() != PortState.UP && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
    }

    @AfterEach
    void tearDown() {
        extenders.forEach(ExtenderComponent::deactivate);
        ports.forEach(PortComponent::deactivate);
        registry.deactivate();
        portRegistry.deactivate();
    }

    private ExtenderComponent extender(String... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        ExtenderComponent e = new ExtenderComponent(registry, PortConfigs.of(ExtenderConfig.class, m));
        extenders.add(e);
        return e;
    }

    private static byte[] frame(String hex) {
        byte[] head = HEX.parseHex(hex.replace(" ", ""));
        byte[] f = new byte[Math.max(60, head.length)];
        System.arraycopy(head, 0, f, 0, head.length);
        return f;
    }

    private int count(String itf) {
        return memory.drainSent(itf).size();
    }

    @Test
    void eTagDownUnicastGroupsPruningAndTheCascadeBelow() {
        ExtenderComponent pe = extender("name", "pe", "upstream", "up", "ports", "h1: 1, h2: 2, h3: 3",
                "cascades", "below: 100-110", "groups", "0x1001: h1 h2 h3 below");
        assertEquals(ExtensionStatus.UP, pe.status(), pe.reason());
        byte[] inner = HEX.parseHex(BCAST + SRC + "0800" + "4500");
        memory.inject("up", frame(BCAST + SRC + "893f 0000 0002 0000 0800 4500"));
        List<byte[]> toH2 = memory.drainSent("h2");
        assertEquals(1, toH2.size());
        assertEquals(HEX.formatHex(inner), HEX.formatHex(toH2.get(0), 0, inner.length), "tag stripped");
        assertEquals(0, count("h1") + count("h3") + count("below"));

        memory.inject("up", frame(BCAST + SRC + "893f 0002 1001 0000 0800"));
        assertEquals(List.of(1, 0, 1, 1), List.of(count("h1"), count("h2"), count("h3"), count("below")),
                "group: every member but h2 (Ingress_E-CID 2); the cascade below gets it tagged");
        memory.inject("up", frame(BCAST + SRC + "893f 0065 1001 0000 0800"));
        List<byte[]> below = memory.drainSent("below");
        assertEquals(1, below.size());
        assertEquals("893f006510010000", HEX.formatHex(below.get(0), 12, 20), "passed down unchanged");
        assertEquals(List.of(1, 1, 1), List.of(count("h1"), count("h2"), count("h3")), "source below: no host pruned");

        memory.inject("up", frame(BCAST + SRC + "893f 0000 0066 0000 0800"));
        assertEquals(1, count("below"), "unicast to an E-CID served below: passed down tagged");

        memory.inject("up", frame(BCAST + SRC + "893f 0000 0009 0000 0800"));
        memory.inject("up", frame(BCAST + SRC + "893f 0000 1002 0000 0800"));
        memory.inject("up", frame(BCAST + SRC + "8926 8001 0000 0800"));
        memory.inject("up", frame(BCAST + SRC + "0800 4500"));
        memory.inject("up", HEX.parseHex(BCAST + SRC + "893f000000"));
        var drops = pe.drops();
        assertEquals(1, drops.get(ExtensionDropReason.UNKNOWN_ECID));
        assertEquals(1, drops.get(ExtensionDropReason.UNKNOWN_GROUP));
        assertEquals(1, drops.get(ExtensionDropReason.WRONG_FORMAT));
        assertEquals(1, drops.get(ExtensionDropReason.UNTAGGED));
        assertEquals(1, drops.get(ExtensionDropReason.MALFORMED));
        assertEquals(0, count("h1") + count("h2") + count("h3") + count("below"));
        assertEquals(1, pe.ports().get(1).pruned());
        assertEquals(2, pe.groups().get(0).frames());
    }

    @Test
    void upFromHostsAndFromTheCascadeBelow() {
        ExtenderComponent pe = extender("name", "pe", "upstream", "up", "ports", "h1: 1", "cascades", "below: 100-110");
        byte[] f = frame(BCAST + SRC + "0800 4500");
        memory.inject("h1", f);
        List<byte[]> up = memory.drainSent("up");
        assertEquals(1, up.size());
        assertEquals("893f000000010000" + "0800", HEX.formatHex(up.get(0), 12, 22));
        byte[] fromBelow = frame(BCAST + SRC + "893f 0000 0065 0000 0800");
        memory.inject("below", fromBelow);
        List<byte[]> passed = memory.drainSent("up");
        assertEquals(1, passed.size());
        assertArrayEquals(fromBelow, passed.get(0), "a cascaded extender's frame goes up unchanged");
        memory.inject("below", frame(BCAST + SRC + "893f 0000 0005 0000 0800"));
        memory.inject("below", frame(BCAST + SRC + "893f 0000 1065 0000 0800"));
        memory.inject("below", frame(BCAST + SRC + "0800"));
        assertEquals(0, count("up"));
        assertEquals(1, pe.drops().get(ExtensionDropReason.OUT_OF_RANGE));
        assertEquals(1, pe.drops().get(ExtensionDropReason.WRONG_DIRECTION));
        assertEquals(1, pe.drops().get(ExtensionDropReason.UNTAGGED));
        assertEquals(1, pe.ports().get(0).rxFrames());
        assertEquals(1, pe.ports().get(1).rxFrames());
    }

    @Test
    void eTagPriorityComesFromTheCTagAndATagCutShortIsMalformedWhateverItsKind() {
        ExtenderComponent pe = extender("name", "pe", "upstream", "up", "ports", "h1: 1", "cascades", "below: 100-110");
        memory.inject("h1", frame(BCAST + SRC + "8100 b00a 0800 4500"));
        assertEquals("893f" + "b000" + "0001" + "0000" + "8100b00a", HEX.formatHex(only(memory.drainSent("up")), 12, 24),
                "E-PCP 5 and E-DEI 1 from the C-tag");
        // each cut in the type field after its tag: never sent on as untagged, nor as another format
        memory.inject("h1", HEX.parseHex(BCAST + SRC + "8100b00a08"));
        memory.inject("up", HEX.parseHex(BCAST + SRC + "892680020000" + "08"));
        memory.inject("up", HEX.parseHex(BCAST + SRC + "893f000000020000" + "08"));
        memory.inject("below", HEX.parseHex(BCAST + SRC + "8100000a" + "08"));
        memory.inject("below", HEX.parseHex(BCAST + SRC + "893f000000650000" + "08"));
        assertEquals(0, count("up") + count("h1") + count("below"));
        var drops = pe.drops();
        assertEquals(5, drops.get(ExtensionDropReason.MALFORMED));
        assertEquals(0, drops.get(ExtensionDropReason.WRONG_FORMAT) + drops.get(ExtensionDropReason.UNTAGGED));
    }

    @Test
    void vnTagFromACascadeBelowCarriesItsSourceVif() {
        ExtenderComponent pe = extender("name", "pe", "format", "vntag", "upstream", "up", "ports", "h1: 1",
                "cascades", "below: 100-110");
        byte[] fromBelow = frame(BCAST + SRC + "8926 0000 0065 0800");
        memory.inject("below", fromBelow);
        assertArrayEquals(fromBelow, only(memory.drainSent("up")), "svif 101 is served below: passed up unchanged");
        memory.inject("below", frame(BCAST + SRC + "8926 0000 0005 0800"));
        memory.inject("below", frame(BCAST + SRC + "8926 8000 0065 0800"));
        memory.inject("below", HEX.parseHex(BCAST + SRC + "8926 0000 0065 08".replace(" ", "")));
        assertEquals(0, count("up"));
        assertEquals(1, pe.drops().get(ExtensionDropReason.OUT_OF_RANGE));
        assertEquals(1, pe.drops().get(ExtensionDropReason.WRONG_DIRECTION));
        assertEquals(1, pe.drops().get(ExtensionDropReason.MALFORMED));
    }

    private static byte[] only(List<byte[]> frames) {
        assertEquals(1, frames.size());
        return frames.get(0);
    }

    @Test
    void aHalfWrittenFileKeepsAWorkingExtenderOnItsLastGoodConfiguration() {
        ExtenderComponent pe = extender("name", "pe", "upstream", "up", "ports", "h1: 1");
        pe.modified(PortConfigs.of(ExtenderConfig.class, Map.of("name", "pe")),
                Map.of("felix.fileinstall.filename", "file:/opt/evb/etc/org.openevb.extender-pe.cfg"));
        assertEquals(ExtensionStatus.UP, pe.status());
        assertEquals("file /opt/evb/etc/org.openevb.extender-pe.cfg is invalid (upstream: missing; ports: no host port and no cascade port "
                + "listed): running the last good configuration", pe.reason());
        memory.inject("h1", frame(BCAST + SRC + "0800 4500"));
        assertEquals(1, memory.drainSent("up").size(), "still tagging h1's frames up");
    }

    @Test
    void vnTagUpDownAndLoopedPruning() {
        ExtenderComponent pe = extender("name", "pe", "format", "vntag", "upstream", "up", "ports", "h1: 1, h2: 2, h3: 3",
                "groups", "5: h1 h2 h3");
        memory.inject("h3", frame(BCAST + SRC + "0800"));
        List<byte[]> up = memory.drainSent("up");
        assertEquals("8926" + "00000003" + "0800", HEX.formatHex(up.get(0), 12, 20));
        memory.inject("up", frame(BCAST + SRC + "8926 c005 8003 0800"));
        assertEquals(List.of(1, 1, 0), List.of(count("h1"), count("h2"), count("h3")), "looped: svif 3 left out");
        memory.inject("up", frame(BCAST + SRC + "8926 c005 0003 0800"));
        assertEquals(List.of(1, 1, 1), List.of(count("h1"), count("h2"), count("h3")), "not looped: everyone");
        memory.inject("up", frame(BCAST + SRC + "8926 8002 0000 0800"));
        assertEquals(1, count("h2"));
        memory.inject("up", frame(BCAST + SRC + "8926 0002 0000 0800"));
        assertEquals(0, count("h2"));
        assertEquals(1, pe.drops().get(ExtensionDropReason.WRONG_DIRECTION));
    }

    @Test
    void badConfigurationNamesTheKeyAndTheRestKeepsRunning() {
        ExtenderComponent good = extender("name", "good", "upstream", "up", "ports", "h1: 1");
        ExtenderComponent bad = extender("name", "bad", "upstream", "below", "ports", "h2: 2, h3: 2, x: 5000",
                "groups", "0x0005: h2, 0x1001: nobody");
        assertEquals(ExtensionStatus.ERROR, bad.status());
        String why = bad.reason();
        assertTrue(why.contains("ports: E-CID/vif 2 of 'h3' is already 'h2''s"), why);
        assertTrue(why.contains("ports: 'x': '5000' is not in 1..4095"), why);
        assertTrue(why.contains("groups: '0x0005'") && why.contains("GRP not 0"), why);
        assertTrue(why.contains("member 'nobody' is not a host or cascade port"), why);
        ExtenderComponent clash = extender("name", "clash", "upstream", "below", "ports", "h1: 3");
        assertTrue(clash.reason().contains("ports: 'h1' already belongs to extender 'good'"), clash.reason());
        ExtenderComponent waiting = extender("name", "waiting", "upstream", "nowhere", "ports", "h2: 1");
        assertEquals(ExtensionStatus.DEGRADED, waiting.status());
        assertTrue(waiting.reason().contains("'nowhere' (upstream)"), waiting.reason());
        memory.inject("h1", frame(BCAST + SRC + "0800"));
        assertEquals(1, count("up"), "the good one still works");
        assertEquals(ExtensionStatus.UP, good.status());
    }
}
