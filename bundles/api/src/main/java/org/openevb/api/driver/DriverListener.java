package org.openevb.api.driver;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives what happens on an opened interface. Implemented by the port. */
@ConsumerType
public interface DriverListener {

    /**
     * A frame arrived. Called on the driver's receive thread, one frame at a time. The bytes are
     * only valid during the call.
     */
    void received(byte[] bytes, int offset, int length);

    /**
     * The interface stopped delivering frames for a reason other than {@link DriverHandle#close()}
     * (it disappeared, went down, or the capture failed). Called at most once, from the receive
     * thread, which ends afterwards. The listener must not call {@code close()} from inside this
     * call.
     */
    void stopped(String reason);
}
