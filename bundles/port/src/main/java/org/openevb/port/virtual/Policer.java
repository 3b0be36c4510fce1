package org.openevb.port.virtual;

/**
 * Ingress policing of one port: two token buckets, bits per second and frames per second, each
 * with its burst. A frame conforms when both buckets hold enough for it, and then takes it from
 * both; otherwise it exceeds and takes nothing. Buckets start full. Exact integer arithmetic (a
 * bit or a frame is 10^9 units, a bucket gains its rate in units each nanosecond), so no rounding
 * drifts. Used by one thread at a time (the port's receive thread): no locks, no allocation.
 */
public final class Policer {

    private static final long UNIT = 1_000_000_000L;
    /** Bursts above this would overflow the arithmetic (10^9 bytes = 8 * 10^18 units). */
    public static final long MAX_BURST = 1_000_000_000L;

    private final Bucket bits;
    private final Bucket frames;
    private final String text;

    /**
     * @param bitsPerSecond the rate in bits per second, 0 for no limit on bits
     * @param burstBytes how many bytes may pass at once above the rate (at most {@value #MAX_BURST})
     * @param framesPerSecond the rate in frames per second, 0 for no limit on frames
     * @param burstFrames how many frames may pass at once above the rate (at most {@value #MAX_BURST})
     */
    public Policer(long bitsPerSecond, long burstBytes, long framesPerSecond, long burstFrames) {
        if (bitsPerSecond < 0 || burstBytes < 0 || framesPerSecond < 0 || burstFrames < 0 || burstBytes > MAX_BURST
                || burstFrames > MAX_BURST) {
            throw new IllegalArgumentException("rate or burst out of range");
        }
        this.bits = bitsPerSecond == 0 ? null : new Bucket(bitsPerSecond, burstBytes * 8 * UNIT);
        this.frames = framesPerSecond == 0 ? null : new Bucket(framesPerSecond, burstFrames * UNIT);
        StringBuilder s = new StringBuilder();
        if (bits != null) {
            s.append(bitsPerSecond).append(" bit/s burst ").append(burstBytes).append(" B");
        }
        if (frames != null) {
            s.append(s.length() > 0 ? ", " : "").append(framesPerSecond).append(" frames/s burst ").append(burstFrames);
        }
        this.text = s.toString();
    }

    /** Whether a frame of {@code length} bytes arriving at {@code nowNanos} conforms (and if so, takes its tokens). */
    public boolean conforms(int length, long nowNanos) {
        long bitCost = length * 8L * UNIT;
        if (bits != null) {
            bits.refill(nowNanos);
        }
        if (frames != null) {
            frames.refill(nowNanos);
        }
        if ((bits != null && bits.credit < bitCost) || (frames != null && frames.credit < UNIT)) {
            return false;
        }
        if (bits != null) {
            bits.credit -= bitCost;
        }
        if (frames != null) {
            frames.credit -= UNIT;
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }

    private static final class Bucket {
        final long rate; // units gained per nanosecond
        final long capacity;
        long credit;
        long last;
        boolean started;

        Bucket(long rate, long capacity) {
            this.rate = rate;
            this.capacity = capacity;
            this.credit = capacity;
        }

        void refill(long now) {
            if (started) {
                long elapsed = now - last;
                if (elapsed > 0) {
                    // full after capacity / rate ns; below that, elapsed * rate < capacity: no overflow
                    long missing = capacity - credit;
                    credit = elapsed >= missing / rate + 1 ? capacity : Math.min(capacity, credit + elapsed * rate);
                }
            }
            started = true;
            last = now;
        }
    }
}
