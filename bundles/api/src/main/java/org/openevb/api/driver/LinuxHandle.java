package org.openevb.api.driver;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A handle on a Linux network interface. What it says of the interface (MTU, MAC address,
 * carrier, whether it is still the one opened) comes from /sys/class/net the same way whatever
 * the driver: the driver gives the interface it opened ({@link LinuxDrivers#find}) and, where a
 * receive thread can end unnoticed, why it ended.
 */
@ConsumerType
public interface LinuxHandle extends DriverHandle {

    /** The interface this handle opened, and its index then: another one under the same name is not it. */
    LinuxDrivers.Found found();

    /**
     * Why the receive thread is gone while the handle is not closing, e.g. "receive thread ended";
     * null while it runs or the handle closes (the default: a driver whose thread reports its own end).
     */
    default String receiverEnded() {
        return null;
    }

    @Override
    default int mtu() {
        return found().sys().mtu();
    }

    @Override
    default long macAddress() {
        return found().sys().mac();
    }

    /** The kernel's interface attribute: a socket or a capture library is not told of the carrier. */
    @Override
    default boolean hasCarrier() {
        return found().sys().carrier();
    }

    /** The interface deleted or replaced comes first: it is why a receive thread would end. */
    @Override
    default String health() {
        String gone = found().gone();
        return gone != null ? gone : receiverEnded();
    }
}
