package org.openevb.bridge.internal;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Learning in the FDB from two receive threads at once, in the cases where learning changes
 * nothing: a known source refreshed, a VSI's MAC reflected back on an edge relay's uplink (it may
 * not move there), and a flood of new sources into a full table (refused). None of these may
 * serialise the receive threads on the table's write lock.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
public class FdbBench {

    private static final int VSI = 1;
    private static final int UPLINK = 0;
    private static final int MAX = 8192;

    private Fdb table;
    private long now;

    @Setup(Level.Trial)
    public void fill() {
        table = new Fdb(MAX);
        now = System.nanoTime();
        for (int i = 0; i < MAX; i++) {
            table.learn(1, 0x0200_0000_0000L + i, VSI, now, Long.MAX_VALUE, true);
        }
    }

    /** Each thread its own sequence of MACs. */
    @State(Scope.Thread)
    public static class Sources {
        long next = 0x0600_0000_0000L + (Thread.currentThread().getId() << 32);
        int known;
    }

    @Benchmark
    public void knownSourceRefreshed(Sources s) {
        table.learn(1, 0x0200_0000_0000L + (s.known++ & (MAX - 1)), VSI, now, Long.MAX_VALUE, true);
    }

    @Benchmark
    public void reflectionOnTheUplink(Sources s) {
        table.learn(1, 0x0200_0000_0000L + (s.known++ & (MAX - 1)), UPLINK, now, Long.MAX_VALUE, false);
    }

    @Benchmark
    public void newSourceIntoAFullTable(Sources s) {
        table.learn(1, s.next++, VSI, now, Long.MAX_VALUE, true);
    }
}
