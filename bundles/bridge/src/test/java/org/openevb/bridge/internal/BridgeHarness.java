package org.openevb.bridge.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.openevb.api.port.PortState;
import org.openevb.driver.memory.MemoryDriver;
import org.openevb.mode.auto.AutoMode;
import org.openevb.mode.dot1q.Dot1qMode;
import org.openevb.mode.veb.VebMode;
import org.openevb.mode.vepa.VepaMode;
import org.openevb.port.internal.PortComponent;
import org.openevb.port.internal.PortConfigs;
import org.openevb.port.internal.PortRegistryImpl;

/**
 * Bridges on in-memory interfaces, wired as the OSGi runtime would: ports, the three modes, the
 * registries. Frames are injected on an interface and read back from the interfaces they left by.
 */
final class BridgeHarness implements AutoCloseable {
    static final HexFormat HEX = HexFormat.of();

    final MemoryDriver memory = new MemoryDriver();
    final PortRegistryImpl portRegistry = new PortRegistryImpl();
    final BridgeRegistryImpl bridges = new BridgeRegistryImpl(portRegistry);
    final Dot1qMode dot1q = new Dot1qMode();
    final VebMode veb = new VebMode();
    final VepaMode vepa = new VepaMode();
    final AutoMode auto = new AutoMode();
    private final List<PortComponent> ports = new ArrayList<>();
    private final List<BridgeComponent> created = new ArrayList<>();

    BridgeHarness() {
        portRegistry.addDriver(memory);
        bridges.addMode(dot1q);
        bridges.addMode(veb);
        bridges.addMode(vepa);
        bridges.addMode(auto);
    }

    /** Ports named after their memory interfaces, UP; the bridges find them through the directory. */
    void ports(String... names) throws InterruptedException {
        for (String n : names) {
            memory.createInterface(n);
            PortComponent p = new PortComponent(portRegistry, PortConfigs.of(Map.of("interface$", n, "driver", "memory")));
            ports.add(p);
            await(n + " UP", () -> p.state() == PortState.UP);
        }
    }

    /** A bridge from configuration keys (as in a .cfg file). */
    BridgeComponent bridge(Map<String, Object> properties) {
        BridgeComponent b = new BridgeComponent(bridges, config(properties), properties);
        created.add(b);
        return b;
    }

    static BridgeConfig config(Map<String, Object> properties) {
        Map<String, Object> byMethod = new HashMap<>();
        properties.forEach((k, v) -> byMethod.put(k.replace('.', '_'), v));
        return PortConfigs.of(BridgeConfig.class, byMethod);
    }

    static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    void inject(String itf, byte[] frame) {
        if (!memory.inject(itf, frame)) {
            throw new AssertionError("no port open on " + itf);
        }
    }

    List<byte[]> sent(String itf) {
        return memory.drainSent(itf);
    }

    /** An Ethernet frame: destination, source (MAC text), type, then padding to 60 bytes. */
    static byte[] frame(String dst, String src, String typeAndRest) {
        byte[] head = HEX.parseHex(dst.replace(":", "") + src.replace(":", "") + typeAndRest);
        byte[] f = new byte[Math.max(60, head.length)];
        System.arraycopy(head, 0, f, 0, head.length);
        return f;
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        created.forEach(BridgeComponent::deactivate);
        ports.forEach(PortComponent::deactivate);
        bridges.deactivate();
        portRegistry.deactivate();
    }
}
