package org.openevb.port.virtual;

/** Wall-clock nanoseconds without allocating: a monotonic offset from one wall-clock reading. */
public final class WallClock {
    private final long baseWallNanos = System.currentTimeMillis() * 1_000_000L;
    private final long baseMonotonic = System.nanoTime();

    public long nanos() {
        return baseWallNanos + (System.nanoTime() - baseMonotonic);
    }
}
