package org.openevb.bridge.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openevb.api.mirror.MirrorCounter;
import org.openevb.api.mirror.MirrorView;
import org.openevb.api.port.PortState;
import org.openevb.driver.memory.MemoryDriver;
import org.openevb.mirror.internal.MirrorComponent;
import org.openevb.mirror.internal.MirrorConfig;
import org.openevb.mirror.internal.MirrorRegistry;
import org.openevb.port.internal.PortComponent;
import org.openevb.port.internal.PortConfigs;
import org.openevb.port.internal.PortRegistryImpl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link ForwardingBench}'s {@code dot1q} path with and without a mirror of the ingress port: what
 * taking the copy costs the forwarding thread (the tap, the VLAN check, one slot of the queue and
 * a 60-byte copy). The mirror's own thread sends the copies out of a third in-memory port on
 * another CPU; what it could not keep up with is counted, and printed at the end, as queue-full
 * (such a copy costs the forwarding thread only the failed slot check).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MirrorBench {

    @Param({"none", "ingress"})
    public String mirror;

    private final MemoryDriver memory = new MemoryDriver();
    private final PortRegistryImpl ports = new PortRegistryImpl();
    private final BridgeRegistryImpl bridges = new BridgeRegistryImpl(ports);
    private final MirrorRegistry mirrors = new MirrorRegistry();
    private final Map<String, PortComponent> opened = new HashMap<>();
    private BridgeComponent bridge;
    private MirrorComponent span;
    private byte[] frame;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        ports.addDriver(memory);
        BenchPath p = BenchPath.of("dot1q");
        BenchPath.addModes(bridges);
        for (String name : new String[] {"p1", "p2", "mon"}) {
            port(name);
        }
        bridge = p.bridge(bridges);
        memory.inject(p.stationA(), BenchPath.frame("ffffffffffff", BenchPath.A));
        memory.inject(p.stationB(), BenchPath.frame("ffffffffffff", BenchPath.B));
        frame = BenchPath.frame(BenchPath.B, BenchPath.A);
        if (mirror.equals("ingress")) {
            span = new MirrorComponent(ports, mirrors, PortConfigs.of(MirrorConfig.class,
                    Map.of("name", "span", "ingress", "p1", "destination", "mon")), Map.of());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!mirrors.mirror("span").orElseThrow().state().equals("active")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("mirror not active: " + mirrors.mirror("span").orElseThrow().reason());
                }
                Thread.sleep(5);
            }
        }
    }

    private void port(String name) throws InterruptedException {
        memory.link(name, name + "-cable");
        PortComponent p = new PortComponent(ports, PortConfigs.of(Map.of("interface$", name, "driver", "memory")));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (p.state() != PortState.UP) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not UP: " + p.reason());
            }
            Thread.sleep(5);
        }
        opened.put(name, p);
    }

    @Benchmark
    public boolean forward() {
        return memory.inject("p1", frame);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (span != null) {
            MirrorView v = mirrors.mirror("span").orElseThrow();
            System.out.printf("%nmirror: %d copies sent, %d dropped as queue-full%n", v.counters().get(MirrorCounter.MIRRORED),
                    v.counters().get(MirrorCounter.QUEUE_FULL));
            span.deactivate();
        }
        bridge.deactivate();
        opened.values().forEach(PortComponent::deactivate);
        bridges.deactivate();
        ports.deactivate();
    }
}
