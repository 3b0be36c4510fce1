package org.openevb.itests;

import org.openevb.api.driver.PortDriver;
import org.openevb.driver.xdp.internal.XdpDriver;

/**
 * The real-frame contract for the xdp driver (XDP sockets in copy mode, the program in the veth's
 * driver): the same byte-exact checks as for the packet and pcap drivers.
 */
public class XdpRealFrameIT extends RealFrameContract {

    @Override
    protected PortDriver driver() {
        return new XdpDriver();
    }

    @Override
    protected boolean seesCarrier() {
        return true;
    }
}
