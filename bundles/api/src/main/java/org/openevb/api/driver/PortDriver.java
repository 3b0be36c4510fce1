package org.openevb.api.driver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way to reach interfaces: real ones through libpcap, in-memory ones for tests and benchmarks.
 * Registered as an OSGi service with the property {@value #NAME_PROPERTY} naming the driver.
 */
@ConsumerType
public interface PortDriver {

    /** Service property naming the driver, e.g. {@code pcap} or {@code memory}. */
    String NAME_PROPERTY = "evb.driver";

    /** The driver's name, the same as its {@value #NAME_PROPERTY} property. */
    String name();

    /**
     * Opens an interface and starts delivering its received frames to {@code listener} on a
     * receive thread named {@link DriverOptions#threadName()} (a driver that delivers on the
     * sender's thread, like the in-memory one, documents it).
     *
     * @throws DriverException when the interface does not exist or cannot be opened; the message
     *     is shown to operators as the port's reason
     */
    DriverHandle open(String interfaceName, DriverOptions options, DriverListener listener) throws DriverException;
}
