package org.openevb.lldp.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openevb.api.lldp.LldpAddress;
import org.openevb.api.lldp.LldpAgent;
import org.openevb.api.lldp.LldpExtension;
import org.openevb.api.lldp.LldpNeighbour;
import org.openevb.api.port.PortState;
import org.openevb.codec.lldp.LldpTlv;
import org.openevb.driver.memory.MemoryDriver;
import org.openevb.port.internal.PortComponent;
import org.openevb.port.internal.PortConfigs;
import org.openevb.port.internal.PortRegistryImpl;

/** The LLDP service's timer on in-memory ports. */
class LldpServiceTest {

    private final MemoryDriver memory = new MemoryDriver();
    private final PortRegistryImpl registry = new PortRegistryImpl();
    private final LldpServiceImpl lldp = new LldpServiceImpl(registry);
    private PortComponent a;
    private PortComponent b;

    @AfterEach
    void tearDown() {
        lldp.deactivate();
        for (PortComponent p : new PortComponent[] {a, b}) {
            if (p != null) {
                p.deactivate();
            }
        }
        registry.deactivate();
    }

    private PortComponent port(String itf) throws InterruptedException {
        memory.createInterface(itf);
        PortComponent p = new PortComponent(registry, PortConfigs.of(Map.of("interface$", itf, "driver", "memory")));
        await(itf + " UP", () -> p.state() == PortState.UP);
        return p;
    }

    private long framesOut(String port) {
        return lldp.agents().stream().filter(x -> x.port().equals(port)).mapToLong(x -> x.counters().framesOut()).sum();
    }

    @Test
    void oneAgentFailingItsTimerDoesNotStopLldpOnTheOtherPorts() throws Exception {
        registry.addDriver(memory);
        a = port("a0");
        b = port("b0");
        lldp.activate();
        // an extension with a bug on one port: a null TLV makes that agent's LLDPDU fail to build
        lldp.addExtension(new LldpExtension() {
            @Override
            public Set<LldpAddress> addresses(String port) {
                return Set.of(LldpAddress.NEAREST_BRIDGE);
            }

            @Override
            public List<LldpTlv> tlvs(LldpAgent agent) {
                return agent.port().equals("a0") ? Arrays.asList((LldpTlv) null) : List.of();
            }

            @Override
            public void received(LldpAgent agent, LldpNeighbour neighbour) {
            }

            @Override
            public void gone(LldpAgent agent, LldpNeighbour neighbour) {
            }
        });
        // fast start: b0 sends an LLDPDU at once and another a second later, while a0 fails every tick
        await("b0 keeps sending while a0 fails", () -> framesOut("b0") >= 2 && lldp.tickFailures() >= 2);
        assertTrue(framesOut("a0") == 0, "a0 sent nothing");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
