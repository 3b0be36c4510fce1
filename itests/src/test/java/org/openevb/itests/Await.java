package org.openevb.itests;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waiting and thread checks, for tests inside and outside the container. */
final class Await {
    private Await() {
    }

    /**
     * Waits until the condition holds. A condition that throws (a bridge or port not there yet) is
     * "not yet"; the last such failure is reported if time runs out.
     */
    static void until(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
        until(what, seconds, condition, () -> "");
    }

    /**
     * As {@link #until(String, int, BooleanSupplier)}; if time runs out, the failure also carries
     * {@code state}: what the system showed then, so that a rare timeout explains itself.
     */
    static void until(String what, int seconds, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        Throwable last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (AssertionError | RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                String shown = state.get();
                AssertionError timeout = new AssertionError("timed out after " + seconds + " s waiting for: " + what
                        + (last == null ? "" : " (last: " + last + ")") + (shown.isEmpty() ? "" : "\n" + shown));
                timeout.initCause(last);
                throw timeout;
            }
            // look often at first: most conditions hold within milliseconds
            Thread.sleep(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(50) ? 1 : 20);
        }
    }

    static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
