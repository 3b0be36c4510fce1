package org.openevb.api.port;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of a port's counters.
 *
 * @param rxFrames frames received from the interface
 * @param rxBytes bytes of those frames, as captured
 * @param txFrames frames sent on the interface
 * @param txBytes bytes of those frames, including padding to the Ethernet minimum
 * @param drops frames dropped, per reason (every reason present, zero included)
 * @param kernelDrops frames the kernel or capture library dropped before the port saw them, as the
 *     driver reports them (0 when the driver cannot tell)
 */
public record PortCounters(
        long rxFrames, long rxBytes, long txFrames, long txBytes, Map<DropReason, Long> drops, long kernelDrops) {

    public PortCounters {
        EnumMap<DropReason, Long> all = new EnumMap<>(DropReason.class);
        for (DropReason reason : DropReason.values()) {
            all.put(reason, drops.getOrDefault(reason, 0L));
        }
        drops = Collections.unmodifiableMap(all);
    }

    /** The number of frames dropped for one reason. */
    public long drops(DropReason reason) {
        return drops.get(reason);
    }

    /** The number of frames dropped for any reason (kernel drops not included). */
    public long totalDrops() {
        long total = 0;
        for (long n : drops.values()) {
            total += n;
        }
        return total;
    }
}
