package org.openevb.api.policy;

import java.util.List;
import org.openevb.api.config.ConfigSyntax;

/**
 * The rates of an ingress policer as its keys give them ({@code police.rate}, {@code police.burst},
 * {@code police.pps}, {@code police.burst.frames}), on a port or a VSI type: one reading of the
 * keys for both, with the same defaults and bounds.
 *
 * @param bitsPerSecond the rate in bits per second, 0 for no limit on bits
 * @param burstBytes bytes that may pass at once above that rate
 * @param framesPerSecond the rate in frames per second, 0 for no limit on frames
 * @param burstFrames frames that may pass at once above that rate
 */
public record PoliceRates(long bitsPerSecond, long burstBytes, long framesPerSecond, long burstFrames) {

    /** The largest burst, in bytes or frames (a token bucket of 8 * 10^9 bits at most). */
    public static final long MAX_BURST = 1_000_000_000L;

    public PoliceRates {
        if (bitsPerSecond < 0 || burstBytes < 0 || framesPerSecond < 0 || burstFrames < 0 || burstBytes > MAX_BURST
                || burstFrames > MAX_BURST || bitsPerSecond == 0 && framesPerSecond == 0) {
            throw new IllegalArgumentException("rate or burst out of range");
        }
    }

    /**
     * The rates of the four keys, each named {@code prefix} followed by {@code police.rate} ...;
     * null when neither rate is set. A bad value is added to {@code errors} as the other keys are
     * ({@code police.rate: '10x' is not a number (with k, M or G) in 1000..400000000000}), and
     * null is returned. Defaults: a burst of 100 ms at the rate, at least 3000 bytes or 2 frames.
     */
    public static PoliceRates parse(String prefix, String rate, String burst, String pps, String burstFrames,
            List<String> errors) {
        String rateText = trim(rate);
        String ppsText = trim(pps);
        String burstText = trim(burst);
        String framesText = trim(burstFrames);
        if (rateText.isEmpty() && ppsText.isEmpty()) {
            if (!burstText.isEmpty() || !framesText.isEmpty()) {
                errors.add(prefix + "police.burst, " + prefix + "police.burst.frames: set without " + prefix
                        + "police.rate or " + prefix + "police.pps");
            }
            return null;
        }
        int before = errors.size();
        long bits = rateText.isEmpty() ? 0
                : ConfigSyntax.quantity(prefix + "police.rate", rateText, 1_000, 400_000_000_000L, errors);
        long frames = ppsText.isEmpty() ? 0
                : ConfigSyntax.quantity(prefix + "police.pps", ppsText, 1, 1_000_000_000L, errors);
        long bytes = burstText.isEmpty() ? Math.min(MAX_BURST, Math.max(3000, bits / 8 / 10))
                : ConfigSyntax.quantity(prefix + "police.burst", burstText, 64, MAX_BURST, errors);
        long burstOfFrames = framesText.isEmpty() ? Math.max(2, frames / 10)
                : ConfigSyntax.quantity(prefix + "police.burst.frames", framesText, 1, MAX_BURST, errors);
        return errors.size() > before ? null : new PoliceRates(bits, bytes, frames, burstOfFrames);
    }

    /** As commands show it: {@code 100000000 bit/s burst 1250000 B, 10000 frames/s burst 1000}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (bitsPerSecond > 0) {
            s.append(bitsPerSecond).append(" bit/s burst ").append(burstBytes).append(" B");
        }
        if (framesPerSecond > 0) {
            s.append(s.length() > 0 ? ", " : "").append(framesPerSecond).append(" frames/s burst ").append(burstFrames);
        }
        return s.toString();
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
