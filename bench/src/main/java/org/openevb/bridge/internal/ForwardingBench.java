package org.openevb.bridge.internal;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.port.PortState;
import org.openevb.driver.memory.MemoryDriver;
import org.openevb.mode.dot1q.Dot1qMode;
import org.openevb.mode.veb.VebMode;
import org.openevb.mode.vepa.VepaMode;
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
 * <ul>
 * <li>{@code dot1q}: an 802.1Q bridge, A on p1 to B on p2;</li>
 * <li>{@code veb}: an edge relay, VM1 to VM2, switched locally;</li>
 * <li>{@code vepa}: an edge relay, VM1 to VM2, sent up to the adjacent bridge;</li>
 * <li>{@code vepa-reflection}: the same frame reflected back down the uplink, delivered to VM2.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ForwardingBench {

    private static final String A = "020000000001";
    private static final String B = "020000000002";

    @Param({"dot1q", "veb", "vepa", "vepa-reflection"})
    public String path;

    private final MemoryDriver memory = new MemoryDriver();
    private final PortRegistryImpl ports = new PortRegistryImpl();
    private final BridgeRegistryImpl bridges = new BridgeRegistryImpl();
    private final Map<String, PortComponent> opened = new HashMap<>();
    private BridgeComponent bridge;
    private String ingress;
    private byte[] frame;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        ports.addDriver(memory);
        bridges.addMode(new Dot1qMode());
        bridges.addMode(new VebMode());
        bridges.addMode(new VepaMode());
        Map<String, Object> config = new HashMap<>();
        String from;
        String to;
        if (path.equals("dot1q")) {
            port("p1");
            port("p2");
            config.put("name", "br0");
            config.put("ports", "p1, p2");
            from = "p1";
            to = "p2";
            ingress = "p1";
        } else {
            port("up");
            port("vm1");
            port("vm2");
            config.put("name", "er0");
            config.put("mode", path.equals("veb") ? "veb" : "vepa");
            config.put("ports", "up, vm1, vm2");
            config.put("uplink", "up");
            from = "vm1";
            to = "vm2";
            ingress = path.equals("vepa-reflection") ? "up" : "vm1";
        }
        Map<String, Object> byMethod = new HashMap<>();
        config.forEach((k, v) -> byMethod.put(k.replace('.', '_'), v));
        bridge = new BridgeComponent(bridges, PortConfigs.of(BridgeConfig.class, byMethod), config);
        if (bridge.status() != BridgeStatus.FORWARDING) {
            throw new IllegalStateException("bridge not forwarding: " + bridge.reason());
        }
        // both stations announce themselves, so the measured frame is known unicast
        memory.inject(from, frame("ffffffffffff", A));
        memory.inject(to, frame("ffffffffffff", B));
        frame = frame(B, A);
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
        bridges.addPort(p);
    }

    private static byte[] frame(String dst, String src) {
        byte[] f = new byte[60];
        System.arraycopy(HexFormat.of().parseHex(dst + src + "0800"), 0, f, 0, 14);
        return f;
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
