package org.openevb.port.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortListener;
import org.openevb.api.port.PortRegistry;
import org.openevb.api.port.PortState;
import org.openevb.codec.Frame;
import org.openevb.driver.memory.MemoryDriver;
import org.openevb.port.virtual.VirtualPort;

/**
 * The port directory: ports of every kind in one list, one name per port across all kinds, and
 * followers told of every port that comes to hold its name or stops.
 */
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

    /** What a follower was told, in order: "+name" for an arrival, "-name" for a departure. */
    private static final class Recorder implements PortListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<Port> departed = new CopyOnWriteArrayList<>();

        @Override
        public void portArrived(Port port) {
            events.add("+" + port.name());
        }

        @Override
        public void portDeparted(Port port) {
            events.add("-" + port.name());
            departed.add(port);
        }
    }

    @Test
    void aFollowerIsToldThePortsPresentThenEveryArrivalAndDepartureAndAllDepartOnClose() throws Exception {
        PortComponent up = port("up", "m0");
        await("up UP", () -> up.state() == PortState.UP);
        Channel channel = new Channel("up.ch2", up);
        registry.addPublished(channel);
        Recorder recorder = new Recorder();
        PortRegistry.Following following = registry.follow(recorder);
        assertEquals(List.of("+up", "+up.ch2"), recorder.events, "the ports present, by name");

        PortComponent down = port("down", "m1");
        registry.removePublished(channel);
        assertEquals(List.of("+up", "+up.ch2", "+down", "-up.ch2"), recorder.events);

        following.close();
        assertEquals(List.of("+up", "+up.ch2", "+down", "-up.ch2", "-down", "-up"), recorder.events,
                "closing: a departure for every arrival");
        down.deactivate();
        ports.remove(down);
        following.close();
        assertEquals(6, recorder.events.size(), "nothing after closing, and closing twice is harmless");
    }

    @Test
    void aPortThatLostItsNameIsNotAnnouncedUntilTheHolderLeaves() throws Exception {
        PortComponent up = port("up", "m0");
        await("up UP", () -> up.state() == PortState.UP);
        Recorder recorder = new Recorder();
        registry.follow(recorder);

        // a published loser: the configured port holds the name
        PortComponent holder = port("x", "m1");
        Channel loser = new Channel("x", up);
        registry.addPublished(loser);
        assertEquals(PortState.ERROR, loser.state());
        assertEquals(List.of("+up", "+x"), recorder.events);
        assertSame(holder, registry.port("x").orElseThrow());
        // re-admitted, at once, when the holder leaves
        holder.deactivate();
        ports.remove(holder);
        assertEquals(List.of("+up", "+x", "-x", "+x"), recorder.events);
        assertSame(holder, recorder.departed.get(0));
        assertSame(loser, registry.port("x").orElseThrow());
        assertEquals(PortState.UP, loser.state());

        // a configured loser: the channel holds the name now
        PortComponent configuredLoser = port("x", "m2");
        assertEquals(PortState.ERROR, configuredLoser.state());
        assertEquals(4, recorder.events.size(), "the configured loser is not announced");
        // re-admitted when the channel leaves, once it has checked that nothing else holds the name
        registry.removePublished(loser);
        await("the configured loser re-admitted", () -> recorder.events.size() == 6);
        assertEquals(List.of("+up", "+x", "-x", "+x", "-x", "+x"), recorder.events);
        assertSame(configuredLoser, registry.port("x").orElseThrow());
        await("the configured loser UP", () -> configuredLoser.state() == PortState.UP);
    }

    @Test
    void aRenameThatEndsACollisionClearsItAtOnce() throws Exception {
        PortComponent up = port("up", "m0");
        await("up UP", () -> up.state() == PortState.UP);
        PortComponent a = port("a", "m1");
        Channel channel = new Channel("a", up);
        registry.addPublished(channel);
        assertEquals(PortState.ERROR, channel.state());
        Recorder recorder = new Recorder();
        registry.follow(recorder);
        assertEquals(List.of("+a", "+up"), recorder.events);

        a.modified(PortConfigs.of(Map.of("name", "b", "interface$", "m1", "driver", "memory")), Map.of());
        assertEquals(PortState.UP, channel.state(), "the name is free: no stale collision mark");
        assertEquals("", channel.reason());
        assertSame(channel, registry.port("a").orElseThrow());
        assertSame(a, registry.port("b").orElseThrow());
        assertEquals(List.of("+a", "+up", "-b", "+a", "+b"), recorder.events,
                "the renamed port departs (already answering to its new name) and arrives again; the channel arrives");
        assertSame(a, recorder.departed.get(0));
    }

    @Test
    void aListenerThatThrowsChangesNothingForTheOthers() throws Exception {
        PortListener failing = new PortListener() {
            @Override
            public void portArrived(Port port) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void portDeparted(Port port) {
                throw new IllegalStateException("boom");
            }
        };
        registry.follow(failing);
        Recorder recorder = new Recorder();
        registry.follow(recorder);
        PortComponent up = port("up", "m0");
        up.deactivate();
        ports.remove(up);
        assertEquals(List.of("+up", "-up"), recorder.events);
        assertEquals(2, registry.listenerFailures(), "each failure counted");
        assertEquals(PortState.DOWN, up.state());
        PortComponent again = port("up", "m0");
        assertSame(again, registry.port("up").orElseThrow(), "the directory still works");
        assertEquals(3, registry.listenerFailures());
    }

    /** A listener may look ports up and change the directory: its own events wait their turn. */
    @Test
    void aListenerMayChangeTheDirectory() throws Exception {
        PortComponent up = port("up", "m0");
        await("up UP", () -> up.state() == PortState.UP);
        Recorder recorder = new Recorder();
        registry.follow(new PortListener() {
            @Override
            public void portArrived(Port port) {
                recorder.portArrived(port);
                if (port == up) {
                    // as an S-VLAN component publishes its channels when its carrier arrives
                    registry.addPublished(new Channel("up.ch1", port));
                    assertSame(port, registry.port("up").orElseThrow());
                }
            }

            @Override
            public void portDeparted(Port port) {
                recorder.portDeparted(port);
            }
        });
        assertEquals(List.of("+up", "+up.ch1"), recorder.events);
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
