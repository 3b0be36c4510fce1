package org.openevb.api.mirror;

import java.util.List;
import org.openevb.api.view.Counters;

/**
 * A mirror as commands and exporters show it.
 *
 * @param name the mirror's name
 * @param state {@code active}, {@code waiting} (its destination port is not there yet), {@code error},
 *     or {@code starting} for the moment before it first looked
 * @param reason why it is not active, empty when it is
 * @param ingress the ports whose received frames are copied, as configured (patterns allowed)
 * @param egress the ports whose sent frames are copied, as configured
 * @param vlans the VLAN IDs copied (outermost tag as on the wire, 0 for untagged), empty for all
 * @param destination the mirror port
 * @param filter the ACL whose permitted copies are sent, empty for none
 * @param sources the ports tapped now, each with the directions copied ({@code in}, {@code out}, {@code both})
 * @param queued copies waiting to be sent now
 * @param queueFrames the queue's capacity in frames
 * @param counters what the mirror copied and could not
 */
public record MirrorView(String name, String state, String reason, List<String> ingress, List<String> egress,
        List<String> vlans, String destination, String filter, List<String> sources, int queued, int queueFrames,
        Counters<MirrorCounter> counters) {
}
