package org.openevb.bridge.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortCounters;
import org.openevb.api.port.PortState;
import org.openevb.api.port.PortTap;
import org.openevb.codec.Frame;
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
 * The bridge's forwarding decision alone, one known unicast frame per operation: classify, learn,
 * look up, select by mode, filter, and hand the frame to the egress port, whose send only counts
 * (no driver, no copy). The frame is the one the ingress port would hand over; the same paths as
 * {@link ForwardingBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionBench {

    @Param({"dot1q", "dot1q-acl", "dot1q-vsi", "dot1q-vsi-police", "dot1q-vsi-acl", "veb", "vepa", "vepa-reflection"})
    public String path;

    private final PortRegistryImpl directory = new PortRegistryImpl();
    private final BridgeRegistryImpl bridges = new BridgeRegistryImpl(directory);
    private final Map<String, CountingPort> ports = new HashMap<>();
    private BridgeComponent bridge;
    private CountingPort ingress;
    private final Frame frame = new Frame(1600);
    private byte[] bytes;

    /** A port whose send only counts, and whose claim keeps the bridge's handler for the benchmark. */
    static final class CountingPort implements Port {
        private final String name;
        FrameHandler handler;
        long sent;

        CountingPort(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String interfaceName() {
            return name;
        }

        @Override
        public String driverName() {
            return "bench";
        }

        @Override
        public PortState state() {
            return PortState.UP;
        }

        @Override
        public String reason() {
            return "";
        }

        @Override
        public int mtu() {
            return 1500;
        }

        @Override
        public long macAddress() {
            return 0x020000000099L;
        }

        @Override
        public PortCounters counters() {
            return null;
        }

        @Override
        public boolean send(Frame f) {
            sent++;
            return true;
        }

        @Override
        public boolean claim(String owner, FrameHandler h) {
            handler = h;
            return true;
        }

        @Override
        public void release(FrameHandler h) {
            if (handler == h) {
                handler = null;
            }
        }

        @Override
        public String owner() {
            return handler == null ? "" : "bench";
        }

        @Override
        public String kind() {
            return "bench";
        }

        @Override
        public String creator() {
            return "bench";
        }

        @Override
        public AutoCloseable addTap(PortTap tap) {
            return () -> { };
        }

        @Override
        public AutoCloseable addControlHandler(int etherType, FrameHandler h) {
            return () -> { };
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        BenchPath p = BenchPath.of(path);
        BenchPath.addModes(bridges);
        for (String name : p.ports()) {
            CountingPort port = new CountingPort(name);
            ports.put(name, port);
            directory.addPublished(port);
        }
        p.acls(bridges);
        bridge = p.bridge(bridges);
        p.associate(bridges);
        receive(ports.get(p.stationA()), BenchPath.frame("ffffffffffff", BenchPath.A));
        receive(ports.get(p.stationB()), BenchPath.frame("ffffffffffff", BenchPath.B));
        ingress = ports.get(p.ingress());
        bytes = BenchPath.frame(BenchPath.B, BenchPath.A);
    }

    private void receive(CountingPort port, byte[] b) {
        frame.copyFrom(b, 0, b.length);
        port.handler.receive(port, frame);
    }


    @Benchmark
    public void decide() {
        // the frame as the ingress port hands it over (a decision may push or pop a tag in place)
        frame.copyFrom(bytes, 0, bytes.length);
        ingress.handler.receive(ingress, frame);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long total = ports.values().stream().mapToLong(p -> p.sent).sum();
        if (total == 0) {
            throw new IllegalStateException("no frame was forwarded");
        }
        if (bridge.drops().total() != 0) {
            throw new IllegalStateException("frames were dropped: " + bridge.drops());
        }
        bridge.deactivate();
        bridges.deactivate();
    }
}
