package org.openevb.port.virtual;

import org.openevb.api.policy.PoliceRates;

/**
 * Ingress policing of one port: two token buckets, bits per second and frames per second, each
 * with its burst. A frame conforms when both buckets hold enough for it, and then takes it from
 * both; otherwise it exceeds and takes nothing. Used by one thread at a time (the port's receive
 * thread): no locks, no allocation.
 */
public final class Policer {

    /** The largest burst, in bytes or frames. */
    public static final long MAX_BURST = PoliceRates.MAX_BURST;

    private final TokenBucket bits;
    private final TokenBucket frames;
    private final String text;

    /**
     * @param bitsPerSecond the rate in bits per second, 0 for no limit on bits
     * @param burstBytes how many bytes may pass at once above the rate (at most {@link #MAX_BURST})
     * @param framesPerSecond the rate in frames per second, 0 for no limit on frames
     * @param burstFrames how many frames may pass at once above the rate (at most {@link #MAX_BURST})
     */
    public Policer(long bitsPerSecond, long burstBytes, long framesPerSecond, long burstFrames) {
        if (bitsPerSecond < 0 || burstBytes < 0 || framesPerSecond < 0 || burstFrames < 0 || burstBytes > MAX_BURST
                || burstFrames > MAX_BURST) {
            throw new IllegalArgumentException("rate or burst out of range");
        }
        this.bits = bitsPerSecond == 0 ? null : new TokenBucket(bitsPerSecond, Math.max(1, burstBytes * 8));
        this.frames = framesPerSecond == 0 ? null : new TokenBucket(framesPerSecond, Math.max(1, burstFrames));
        StringBuilder s = new StringBuilder();
        if (bits != null) {
            s.append(bitsPerSecond).append(" bit/s burst ").append(burstBytes).append(" B");
        }
        if (frames != null) {
            s.append(s.length() > 0 ? ", " : "").append(framesPerSecond).append(" frames/s burst ").append(burstFrames);
        }
        this.text = s.toString();
    }

    /** A policer of these rates, its buckets full. */
    public static Policer of(PoliceRates rates) {
        return new Policer(rates.bitsPerSecond(), rates.burstBytes(), rates.framesPerSecond(), rates.burstFrames());
    }

    /** Whether a frame of {@code length} bytes arriving at {@code nowNanos} conforms (and if so, takes its tokens). */
    public boolean conforms(int length, long nowNanos) {
        long bitCost = length * 8L;
        if (bits != null) {
            bits.refill(nowNanos);
        }
        if (frames != null) {
            frames.refill(nowNanos);
        }
        if ((bits != null && !bits.has(bitCost)) || (frames != null && !frames.has(1))) {
            return false;
        }
        if (bits != null) {
            bits.take(bitCost);
        }
        if (frames != null) {
            frames.take(1);
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
