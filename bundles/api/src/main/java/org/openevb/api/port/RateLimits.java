package org.openevb.api.port;

import java.util.List;

/**
 * A port's rate limits as commands show them: its ingress policer and its egress shaper.
 *
 * @param port the port
 * @param police the policer's rates and bursts, empty when the port is not policed
 * @param policed frames the policer dropped
 * @param shapeBitsPerSecond the shaper's rate, 0 when the port is not shaped
 * @param classes the shaper's traffic classes in priority order, the implicit last one included
 */
public record RateLimits(String port, String police, long policed, long shapeBitsPerSecond, List<TrafficClass> classes) {

    /**
     * One traffic class of a shaped port.
     *
     * @param name its name ({@code other} for the PCPs no class names)
     * @param pcps the PCP values it carries, e.g. {@code 5-7}
     * @param guaranteedBitsPerSecond its guaranteed rate, 0 for none
     * @param sent frames it sent
     * @param aboveGuarantee of those, frames sent above its guarantee (borrowed from the port's rate)
     * @param queueFull frames dropped with its queue full
     * @param queued frames waiting now
     */
    public record TrafficClass(String name, String pcps, long guaranteedBitsPerSecond, long sent, long aboveGuarantee,
            long queueFull, int queued) {
    }
}
