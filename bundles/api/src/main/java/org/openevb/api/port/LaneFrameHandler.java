package org.openevb.api.port;

import org.openevb.codec.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A frame handler that takes a port's frames from several receive lanes at once: a port with
 * {@code rx.lanes} above 1 receives on that many threads, the kernel keeping each flow on one
 * lane, and calls this concurrently, one frame at a time per lane. A handler that is only a
 * {@link FrameHandler} gets such a port's frames one at a time, under the port's lock.
 */
@ConsumerType
public interface LaneFrameHandler extends FrameHandler {

    /** Most receive lanes a port may have. */
    int MAX_LANES = 8;

    /**
     * As {@link FrameHandler#receive}, on the thread of lane {@code lane} (0 to {@link #MAX_LANES}
     * - 1): calls with the same lane never overlap, calls with different lanes may.
     */
    void receive(Port ingress, Frame frame, int lane);

    @Override
    default void receive(Port ingress, Frame frame) {
        receive(ingress, frame, 0);
    }
}
