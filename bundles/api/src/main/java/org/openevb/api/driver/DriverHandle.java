package org.openevb.api.driver;

import org.openevb.codec.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/** An open interface. */
@ConsumerType
public interface DriverHandle extends AutoCloseable {

    /**
     * Sends a frame as is (no padding, no checks beyond the driver's own). May be called from any
     * thread, concurrently. The frame stays the caller's: nothing of it is kept past the call.
     */
    void send(Frame frame) throws DriverException;

    /** The interface MTU, or -1 when unknown. */
    int mtu();

    /** The interface MAC address, or -1 when unknown. */
    long macAddress();

    /**
     * Checks that the interface is still the one that was opened (it may have been deleted, or
     * deleted and created again). Cheap enough to call every second.
     *
     * @return why the interface is no longer usable, or {@code null} if it is
     */
    String health();

    /**
     * Whether the interface's link has its carrier (the cable's far end is there and up): false
     * while the link is down, also when the interface itself is administratively down. The handle
     * stays open without it, and frames move again once the carrier is back. Cheap enough to call
     * every second.
     *
     * @return true when the link has its carrier, and when this driver cannot tell (the default)
     */
    default boolean hasCarrier() {
        return true;
    }

    /**
     * Sets the interface administratively up or down, as {@code ip link set dev IF up|down} does;
     * on a cable or a veth the peer loses its carrier while it is down. The handle stays open
     * through it: receiving resumes once the interface is up again, and its going down is not
     * reported to the listener as the interface being lost.
     *
     * @throws UnsupportedOperationException if this driver cannot (the default)
     * @throws DriverException if the kernel refused (the message says why)
     */
    default void setLinkUp(boolean up) throws DriverException {
        throw new UnsupportedOperationException("the driver cannot set the link of its interface");
    }

    /**
     * The table of frames the kernel forwards itself from this interface, or null when the driver
     * has none (the default).
     */
    default KernelForwarding kernelForwarding() {
        return null;
    }

    /** Frames dropped below the driver (kernel, capture buffer), or 0 when unknown. */
    long kernelDrops();

    /** Stops receiving and releases the interface; returns within about two seconds. Idempotent. */
    @Override
    void close();
}
