package org.openevb.bridge.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openevb.api.port.PortState;
import org.openevb.driver.memory.MemoryDriver;
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
 * One frame through a port and a bridge on in-memory interfaces, on the receiving thread: the
 * port's copy into its frame buffer, then the bridge's decision (classify, learn, look up, select
 * by mode, filter, tag) and the send on the egress port, whose interface is cabled to nothing
 * open (the frame is lost there without a copy). One known unicast frame per operation.
 *
 * <p>The paths are {@link BenchPath}'s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForwardingBench {

    @Param({"dot1q", "veb", "vepa", "vepa-reflection"})
    public String path;

    private final MemoryDriver memory = new MemoryDriver();
    private final PortRegistryImpl ports = new PortRegistryImpl();
    private final BridgeRegistryImpl bridges = new BridgeRegistryImpl(ports);
    private final Map<String, PortComponent> opened = new HashMap<>();
    private BridgeComponent bridge;
    private String ingress;
    private byte[] frame;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        ports.addDriver(memory);
        BenchPath p = BenchPath.of(path);
        BenchPath.addModes(bridges);
        for (String name : p.ports()) {
            port(name);
        }
        p.acls(bridges);
        bridge = p.bridge(bridges);
        ingress = p.ingress();
        // both stations announce themselves, so the measured frame is known unicast
        memory.inject(p.stationA(), BenchPath.frame("ffffffffffff", BenchPath.A));
        memory.inject(p.stationB(), BenchPath.frame("ffffffffffff", BenchPath.B));
        frame = BenchPath.frame(BenchPath.B, BenchPath.A);
    }

    private void port(String name) throws InterruptedException {
        // cabled to an interface nobody opens: what the port sends is lost there, without a copy
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
        return memory.inject(ingress, frame);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bridge.deactivate();
        opened.values().forEach(PortComponent::deactivate);
        bridges.deactivate();
        ports.deactivate();
    }
}
