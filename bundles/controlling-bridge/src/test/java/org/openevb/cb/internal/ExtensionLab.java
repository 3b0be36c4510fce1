package org.openevb.cb.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
import org.openevb.api.port.PortTap;
import org.openevb.bridge.internal.BridgeComponent;
import org.openevb.bridge.internal.BridgeConfig;
import org.openevb.bridge.internal.BridgeRegistryImpl;
import org.openevb.driver.memory.MemoryDriver;
import org.openevb.extender.internal.ExtenderComponent;
import org.openevb.extender.internal.ExtenderConfig;
import org.openevb.extender.internal.ExtenderRegistry;
import org.openevb.mode.dot1q.Dot1qMode;
import org.openevb.mode.veb.VebMode;
import org.openevb.port.internal.PortComponent;
import org.openevb.port.internal.PortConfigs;
import org.openevb.port.internal.PortRegistryImpl;

/**
 * Port extenders, controlling bridges and bridges on in-memory interfaces, wired as the OSGi
 * runtime would. Links deliver synchronously, so a frame injected on a host interface has gone up
 * the cascade, through the bridge and back down by the time {@link #inject} returns; what reached
 * a host is read back from its (unlinked) interface.
 */
final class ExtensionLab implements AutoCloseable {
    static final HexFormat HEX = HexFormat.of();
    static final String BCAST = "ff:ff:ff:ff:ff:ff";

    final MemoryDriver memory = new MemoryDriver();
    final PortRegistryImpl portRegistry = new PortRegistryImpl();
    final BridgeRegistryImpl bridges = new BridgeRegistryImpl(portRegistry);
    final ExtenderRegistry extenders = new ExtenderRegistry(portRegistry);
    final CbRegistry cbs = new CbRegistry(portRegistry);
    private final Map<String, PortComponent> ports = new HashMap<>();
    private final List<Runnable> teardown = new ArrayList<>();

    ExtensionLab() {
        portRegistry.addDriver(memory);
        bridges.addMode(new Dot1qMode());
        bridges.addMode(new VebMode());
    }

    /** Host ports: unlinked interfaces, so what is sent on them can be drained. */
    void hosts(String... names) throws InterruptedException {
        for (String n : names) {
            memory.createInterface(n);
            port(n);
        }
    }

    /** A cascade link with room for the tags: ports on both ends. */
    void link(String a, String b) throws InterruptedException {
        memory.createInterface(a, 1600, 0x020000000000L | (a.hashCode() & 0xffffffffL));
        memory.createInterface(b, 1600, 0x020000000000L | (b.hashCode() & 0xffffffffL));
        memory.link(a, b);
        port(a);
        port(b);
    }

    private void port(String name) throws InterruptedException {
        PortComponent p = new PortComponent(portRegistry, PortConfigs.of(Map.of("interface$", name, "driver", "memory")));
        ports.put(name, p);
        await(name + " UP", () -> p.state() == PortState.UP);
        teardown.add(0, p::deactivate);
    }

    /** What the OSGi service registry does for a published port: the directory takes it in. */
    AutoCloseable publish(Port p) {
        portRegistry.addPublished(p);
        return () -> portRegistry.removePublished(p);
    }

    ExtenderComponent extender(Object... keyValues) throws InterruptedException {
        ExtenderComponent e = new ExtenderComponent(extenders, PortConfigs.of(ExtenderConfig.class, byMethod(keyValues)));
        teardown.add(0, e::deactivate);
        delivered();
        return e;
    }

    /**
     * Waits until the directory has told every component every port: the cascade's extended ports
     * are published from the port supervisor's thread, which may be the one handing a new
     * component its ports when the constructor returns.
     */
    void delivered() throws InterruptedException {
        await("the directory told every component", portRegistry::idle);
    }

    static ExtenderConfig extenderConfig(Object... keyValues) {
        return PortConfigs.of(ExtenderConfig.class, byMethod(keyValues));
    }

    CbComponent cb(Object... keyValues) throws InterruptedException {
        CbComponent c = new CbComponent(cbs, this::publish, cbConfig(keyValues));
        teardown.add(0, c::deactivate);
        settle(c);
        delivered();
        return c;
    }

    static CbConfig cbConfig(Object... keyValues) {
        return PortConfigs.of(CbConfig.class, byMethod(keyValues));
    }

    /** Waits until every configured extended port of a valid controlling bridge is published. */
    void settle(CbComponent c) throws InterruptedException {
        await("extended ports published", () -> c.status() != org.openevb.api.extension.ExtensionStatus.UP
                || c.extendedPorts().stream().allMatch(p -> p.state().equals("UP")));
    }

    BridgeComponent bridge(Object... keyValues) throws InterruptedException {
        Map<String, Object> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        BridgeComponent b = new BridgeComponent(bridges, PortConfigs.of(BridgeConfig.class, byMethod(keyValues)), props);
        teardown.add(0, b::deactivate);
        delivered();
        return b;
    }

    /** A configured port of the lab. */
    Port portNamed(String name) {
        return ports.get(name);
    }

    /** Frames seen on a port, in both directions, as hex from the destination MAC. */
    List<String> tap(String port, PortTap.Direction direction) {
        List<String> seen = new CopyOnWriteArrayList<>();
        ports.get(port).addTap((d, t, frame) -> {
            if (d == direction) {
                seen.add(HEX.formatHex(frame.toByteArray()));
            }
        });
        return seen;
    }

    void inject(String itf, byte[] frame) {
        if (!memory.inject(itf, frame)) {
            throw new AssertionError("no port open on " + itf);
        }
    }

    List<byte[]> sent(String itf) {
        return memory.drainSent(itf);
    }

    static Map<String, Object> byMethod(Object... keyValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(((String) keyValues[i]).replace('.', '_'), keyValues[i + 1]);
        }
        return m;
    }

    /** An Ethernet frame: destination, source (MAC text), type and the rest in hex, padded to 60 bytes. */
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
        teardown.forEach(Runnable::run);
        cbs.deactivate();
        extenders.deactivate();
        bridges.deactivate();
        portRegistry.deactivate();
    }
}
