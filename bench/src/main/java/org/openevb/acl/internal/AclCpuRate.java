package org.openevb.acl.internal;

import java.lang.management.ManagementFactory;

/**
 * {@link AclBench}'s operation timed by the thread's own CPU time instead of the wall clock, so
 * the rate per core can be read on a machine that other work keeps busy (JMH's wall-clock figures
 * then fall with the share of the core the benchmark gets). Five rounds of about two seconds of
 * CPU each after one of warm-up; prints decisions per CPU second and bytes allocated per
 * decision, per round and the median. Usage: {@code java -cp bench/target/benchmarks.jar
 * org.openevb.acl.internal.AclCpuRate [RULES | PATH ...]}: a number is {@link AclBench} with that
 * many rules, a name the bridge's whole decision ({@code DecisionBench}) on that path, e.g.
 * {@code dot1q} and {@code dot1q-acl} (default: 1 100 256 dot1q dot1q-acl).
 */
public final class AclCpuRate {

    private AclCpuRate() {
    }

    public static void main(String[] args) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        for (String arg : args.length == 0 ? new String[] {"1", "100", "256", "dot1q", "dot1q-acl"} : args) {
            java.util.function.IntSupplier op;
            String what;
            Runnable end = () -> { };
            if (arg.matches("[0-9]+")) {
                AclBench b = new AclBench();
                b.rules = Integer.parseInt(arg);
                b.setUp();
                op = b::decide;
                what = String.format("rules %3d", b.rules);
            } else {
                org.openevb.bridge.internal.DecisionBench d = new org.openevb.bridge.internal.DecisionBench();
                d.path = arg;
                d.setUp();
                op = () -> {
                    d.decide();
                    return 0;
                };
                what = "path " + arg;
                end = d::tearDown;
            }
            double[] rates = new double[5];
            double bytes = 0;
            int sink = 0;
            for (int round = -1; round < rates.length; round++) {
                long n = 0;
                long cpu0 = threads.getCurrentThreadCpuTime();
                long alloc0 = threads.getThreadAllocatedBytes(self);
                long cpu;
                do {
                    for (int i = 0; i < 1_000_000; i++) {
                        sink += op.getAsInt();
                    }
                    n += 1_000_000;
                    cpu = threads.getCurrentThreadCpuTime() - cpu0;
                } while (cpu < 2_000_000_000L);
                long alloc = threads.getThreadAllocatedBytes(self) - alloc0;
                if (round >= 0) {
                    rates[round] = n * 1e9 / cpu;
                    bytes = Math.max(bytes, (double) alloc / n);
                    System.out.printf("%s  round %d  %6.2f million decisions per CPU second%n", what, round,
                            rates[round] / 1e6);
                }
            }
            java.util.Arrays.sort(rates);
            System.out.printf("%s  median %.2f million decisions per CPU second (min %.2f, max %.2f), at most "
                    + "%.4f bytes allocated per decision (%d)%n", what, rates[2] / 1e6, rates[0] / 1e6, rates[4] / 1e6,
                    bytes, sink & 1);
            end.run();
        }
    }
}
