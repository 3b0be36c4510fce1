package org.openevb.itests;

import org.openevb.api.driver.PortDriver;
import org.openevb.driver.packet.internal.PacketDriver;

/**
 * The real-frame contract for the packet driver: the same byte-exact checks as for pcap, so the
 * VLAN tags the kernel strips on receive must come back exactly as they were on the wire.
 */
public class PacketRealFrameIT extends RealFrameContract {

    @Override
    protected PortDriver driver() {
        return new PacketDriver();
    }

    @Override
    protected boolean seesCarrier() {
        return true;
    }

    @Override
    protected boolean announcesLinkChanges() {
        return true;
    }
}
