package org.openevb.port.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortState;
import org.openevb.codec.Frame;
import org.openevb.driver.memory.MemoryDriver;
import org.openevb.port.virtual.VirtualPort;

/** The port directory: ports of every kind in one list, one name per port across all kinds. */
class PortDirectoryTest {

    private final MemoryDriver memory = new MemoryDriver();
    private PortRegistryImpl registry;
    private final List<PortComponent> ports = new ArrayList<>();

    /** A channel on a carrier, as an S-VLAN component makes them. */
    private static final class Channel extends VirtualPort {
        Channel(String name, Port carrier) {
            super(name, "s-channel", "S-VLAN component on '" + carrier.name() + "'", carrier, 4);
            operational(true, "");
        }

        @Override
        protected boolean transmit(Frame frame) {
            return true;
        }
    }

    @BeforeEach
    void setUp() {
        registry = new PortRegistryImpl();
        registry.addDriver(memory);
    }

    @AfterEach
    void tearDown() {
        ports.forEach(PortComponent::deactivate);
        registry.deactivate();
    }

    private PortComponent port(String name, String itf) throws InterruptedException {
        memory.createInterface(itf);
        PortComponent p = new PortComponent(registry, PortConfigs.of(Map.of("name", name, "interface$", itf,
                "driver", "memory")));
        ports.add(p);
        return p;
    }

    @Test
    void portsOfEveryKindAreListedAndANameIsUniqueAcrossKinds() throws Exception {
        PortComponent up = port("up", "m0");
        await("up UP", () -> up.state() == PortState.UP);
        Channel channel = new Channel("up.ch2", up);
        registry.addPublished(channel);
        assertEquals(List.of("up interface", "up.ch2 s-channel"),
                registry.ports().stream().map(p -> p.name() + " " + p.kind()).toList());
        assertSame(channel, registry.port("up.ch2").orElseThrow());

        // a configured port arriving with the channel's name is the newcomer: in ERROR, naming both
        PortComponent clash = port("up.ch2", "m1");
        assertEquals(PortState.ERROR, clash.state());
        assertEquals("name: 'up.ch2' is already used by the s-channel port 'up.ch2' (S-VLAN component on 'up')",
                clash.reason());
        assertSame(channel, registry.port("up.ch2").orElseThrow(), "the name still finds the channel");

        // the channel goes: the configured port takes its name and opens
        registry.removePublished(channel);
        await("the configured port UP", () -> clash.state() == PortState.UP);
        // a channel arriving now is the newcomer
        Channel late = new Channel("up.ch2", up);
        registry.addPublished(late);
        assertEquals(PortState.ERROR, late.state());
        assertEquals("name: 'up.ch2' is already used by the interface port 'up.ch2' (configuration)", late.reason());
        assertSame(clash, registry.port("up.ch2").orElseThrow());
        clash.deactivate();
        ports.remove(clash);
        assertEquals(PortState.UP, late.state(), "free again: the channel has its name");
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
}
