package org.openevb.bridge.internal;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openevb.api.bridge.BridgeStatus;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.Port;
import org.openevb.api.port.PortCounters;
import org.openevb.api.port.PortState;
import org.openevb.api.port.PortTap;
import org.openevb.codec.Frame;
import org.openevb.mode.dot1q.Dot1qMode;
import org.openevb.mode.veb.VebMode;
import org.openevb.mode.vepa.VepaMode;
import org.openevb.port.internal.PortConfigs;
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

    private static final String A = "020000000001";
    private static final String B = "020000000002";

    @Param({"dot1q", "veb", "vepa", "vepa-reflection"})
    public String path;

    private final BridgeRegistryImpl bridges = new BridgeRegistryImpl();
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
        bridges.addMode(new Dot1qMode());
        bridges.addMode(new VebMode());
        bridges.addMode(new VepaMode());
        Map<String, Object> config = new HashMap<>();
        String from;
        String to;
        if (path.equals("dot1q")) {
            config.put("name", "br0");
            config.put("ports", "p1, p2");
            from = "p1";
            to = "p2";
        } else {
            config.put("name", "er0");
            config.put("mode", path.equals("veb") ? "veb" : "vepa");
            config.put("ports", "up, vm1, vm2");
            config.put("uplink", "up");
            from = "vm1";
            to = "vm2";
        }
        for (String n : config.get("ports").toString().split(",\\s*")) {
            CountingPort p = new CountingPort(n);
            ports.put(n, p);
            bridges.addPort(p);
        }
        Map<String, Object> byMethod = new HashMap<>();
        config.forEach((k, v) -> byMethod.put(k.replace('.', '_'), v));
        bridge = new BridgeComponent(bridges, PortConfigs.of(BridgeConfig.class, byMethod), config);
        if (bridge.status() != BridgeStatus.FORWARDING) {
            throw new IllegalStateException("bridge not forwarding: " + bridge.reason());
        }
        receive(ports.get(from), frame("ffffffffffff", A));
        receive(ports.get(to), frame("ffffffffffff", B));
        ingress = ports.get(path.equals("vepa-reflection") ? "up" : from);
        bytes = frame(B, A);
    }

    private void receive(CountingPort port, byte[] b) {
        frame.copyFrom(b, 0, b.length);
        port.handler.receive(port, frame);
    }

    private static byte[] frame(String dst, String src) {
        byte[] f = new byte[60];
        System.arraycopy(HexFormat.of().parseHex(dst + src + "0800"), 0, f, 0, 14);
        return f;
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
        bridge.deactivate();
        bridges.deactivate();
    }
}
