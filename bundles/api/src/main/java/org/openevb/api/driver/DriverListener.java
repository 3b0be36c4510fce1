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

    /**
     * The listener for receive lane {@code lane} (0 to {@link DriverOptions#rxLanes()} - 1) of an
     * interface opened with several: each lane's thread calls only its own. The listener of an
     * interface opened with one lane is this one.
     */
    default DriverListener lane(int lane) {
        return this;
    }
}
