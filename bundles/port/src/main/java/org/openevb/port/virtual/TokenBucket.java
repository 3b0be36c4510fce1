package org.openevb.port.virtual;

/**
 * A token bucket in exact integer arithmetic: a token (a bit, a frame) is 10^9 units and the
 * bucket gains its rate in units each nanosecond, so no rounding drifts. It starts full. Used by
 * one thread at a time: no locks, no allocation.
 */
public final class TokenBucket {

    private static final long UNIT = 1_000_000_000L;
    /** The deepest bucket, in tokens: deeper ones would overflow the arithmetic (8 * 10^9 bits). */
    public static final long MAX_DEPTH = 8_000_000_000L;

    private final long rate; // units gained per nanosecond = tokens per second
    private final long capacity;
    private long credit;
    private long last;
    private boolean started;

    /**
     * @param tokensPerSecond the rate, at least 1
     * @param depth the tokens it holds at most (the burst), 1..{@value #MAX_DEPTH}
     */
    public TokenBucket(long tokensPerSecond, long depth) {
        if (tokensPerSecond < 1 || depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("rate " + tokensPerSecond + " or depth " + depth + " out of range");
        }
        this.rate = tokensPerSecond;
        this.capacity = depth * UNIT;
        this.credit = capacity;
    }

    /** Adds what the time since the last call earned. */
    public void refill(long nowNanos) {
        if (started) {
            long elapsed = nowNanos - last;
            if (elapsed > 0) {
                // full after (capacity - credit) / rate ns; below that elapsed * rate cannot overflow
                long missing = capacity - credit;
                credit = elapsed > missing / rate ? capacity : credit + elapsed * rate;
            }
        }
        started = true;
        last = nowNanos;
    }

    /** Whether {@code tokens} are there now (as of the last refill). */
    public boolean has(long tokens) {
        return credit >= tokens * UNIT;
    }

    /** Takes {@code tokens}; the credit may go below zero (a debt that later refills pay). */
    public void take(long tokens) {
        credit -= tokens * UNIT;
    }

    /** Nanoseconds from the last refill until {@code tokens} are there, 0 if they are. */
    public long nanosUntil(long tokens) {
        long missing = tokens * UNIT - credit;
        return missing <= 0 ? 0 : (missing + rate - 1) / rate;
    }
}
