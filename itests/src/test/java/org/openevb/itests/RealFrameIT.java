package org.openevb.itests;

import org.openevb.api.driver.PortDriver;
import org.openevb.driver.pcap.internal.PcapDriver;

/** The real-frame contract for the pcap driver (libpcap through pcap4j). */
public class RealFrameIT extends RealFrameContract {

    @Override
    protected PortDriver driver() {
        return new PcapDriver();
    }

    @Override
    protected boolean seesCarrier() {
        return true;
    }
}
