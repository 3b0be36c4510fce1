package org.openevb.driver.pcap.internal;

import org.openevb.api.driver.DriverException;
import org.openevb.api.driver.DriverHandle;
import org.openevb.api.driver.DriverListener;
import org.openevb.api.driver.DriverOptions;
import org.openevb.api.driver.LinuxDrivers;
import org.openevb.api.driver.PortDriver;
import org.osgi.service.component.annotations.Component;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.NotOpenException;

/**
 * Real interfaces through libpcap: promiscuous, immediate mode, inbound direction only (a port
 * never captures its own sends), raw bytes in and out.
 */
@Component(service = PortDriver.class, property = PortDriver.NAME_PROPERTY + "=" + PcapDriver.NAME)
public class PcapDriver implements PortDriver {

    public static final String NAME = "pcap";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DriverHandle open(String interfaceName, DriverOptions options, DriverListener listener) throws DriverException {
        // libpcap itself is checked when it opens the interface
        LinuxDrivers.Found found = LinuxDrivers.find(interfaceName, options, NAME, null, null);
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(interfaceName)
                    .snaplen(options.snaplen())
                    .promiscuousMode(options.promiscuous() ? PromiscuousMode.PROMISCUOUS : PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(options.readTimeoutMillis())
                    .bufferSize(options.bufferSize())
                    .immediateMode(true)
                    .direction(PcapHandle.PcapDirection.IN)
                    .build();
        } catch (PcapNativeException e) {
            throw new DriverException("cannot open interface '" + interfaceName + "': " + e.getMessage(), e);
        } catch (LinkageError e) {
            // JNA could not load libpcap (package libpcap0.8 missing) or pcap4j could not link
            throw new DriverException("libpcap is not usable: " + e, e);
        }
        PcapPort port = new PcapPort(interfaceName, found, handle, listener, options.threadName(), options.rxCpus());
        try {
            port.start();
        } catch (DriverException e) {
            handle.close();
            throw e;
        } catch (RuntimeException e) {
            handle.close();
            throw new DriverException("cannot start capture on '" + interfaceName + "': " + e, e);
        }
        return port;
    }

    static void closeQuietly(PcapHandle handle) {
        try {
            handle.close();
        } catch (RuntimeException e) {
            // closing is best effort
        }
    }

    static void breakQuietly(PcapHandle handle) {
        try {
            handle.breakLoop();
        } catch (NotOpenException | RuntimeException e) {
            // already closed
        }
    }
}
