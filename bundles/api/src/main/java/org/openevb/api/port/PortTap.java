package org.openevb.api.port;

import org.openevb.codec.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/** Sees a copy of every frame a port receives and sends, e.g. to write a capture file. */
@ConsumerType
public interface PortTap {

    /** Direction of a tapped frame, seen from the port. */
    enum Direction { IN, OUT }

    /**
     * Called on the thread that moves the frame. The frame is the port's: read it (through its
     * accessors and the codec's views), never change it, and copy what you keep ({@link
     * Frame#copyTo(Frame)} into storage of your own, or {@link Frame#toByteArray()}), since it is
     * only valid during the call. Must not block; what a tap throws is caught and ignored.
     *
     * @param timestampNanos wall-clock time in nanoseconds since the epoch
     */
    void frame(Direction direction, long timestampNanos, Frame frame);
}
