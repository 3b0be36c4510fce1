package org.openevb.vdp;

/**
 * When a station announces a VSI that migrated to it: QEMU's self-announcement after an incoming
 * migration, as a pure function. The first round goes at once; the delay before round
 * {@code k >= 1} is {@code initial + (k - 1) * step}, at most {@code max}. QEMU's defaults
 * ({@link #QEMU}: initial 50 ms, max 550 ms, step 100 ms, 5 rounds) send at 0, 50, 200, 450 and
 * 800 ms.
 *
 * @param initialMillis the delay before the second round
 * @param maxMillis     the longest delay between two rounds
 * @param stepMillis    how much each delay grows
 * @param rounds        how many rounds are sent (at least 1)
 */
public record AnnounceSchedule(long initialMillis, long maxMillis, long stepMillis, int rounds) {

    /** QEMU's defaults (its {@code announce-initial}, {@code -max}, {@code -step}, {@code -rounds}). */
    public static final AnnounceSchedule QEMU = new AnnounceSchedule(50, 550, 100, 5);

    public AnnounceSchedule {
        if (initialMillis < 0 || maxMillis < initialMillis || stepMillis < 0 || rounds < 1) {
            throw new IllegalArgumentException("not an announcement schedule: initial " + initialMillis + " ms, max "
                    + maxMillis + " ms, step " + stepMillis + " ms, " + rounds + " rounds");
        }
    }

    /** The delay from round {@code round - 1} to {@code round} (1..rounds-1), in milliseconds. */
    public long delayMillis(int round) {
        if (round < 1 || round >= rounds) {
            throw new IllegalArgumentException("no round " + round + " after another: " + rounds + " rounds");
        }
        return Math.min(maxMillis, initialMillis + (round - 1) * stepMillis);
    }

    /** When round {@code round} (0..rounds-1) goes, in milliseconds after the first. */
    public long offsetMillis(int round) {
        if (round < 0 || round >= rounds) {
            throw new IllegalArgumentException("no round " + round + ": " + rounds + " rounds");
        }
        long at = 0;
        for (int k = 1; k <= round; k++) {
            at += delayMillis(k);
        }
        return at;
    }
}
