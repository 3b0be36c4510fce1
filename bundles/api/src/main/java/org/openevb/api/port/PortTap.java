package org.openevb.api.port;

import org.osgi.annotation.versioning.ConsumerType;

/** Sees a copy of every frame a port receives and sends, e.g. to write a capture file. */
@ConsumerType
public interface PortTap {

    /** Direction of a tapped frame, seen from the port. */
    enum Direction { IN, OUT }

    /**
     * Called on the thread that moves the frame. The bytes are only valid during the call: copy
     * what you keep. Must not block; what a tap throws is caught and ignored.
     *
     * @param timestampNanos wall-clock time in nanoseconds since the epoch
     */
    void frame(Direction direction, long timestampNanos, byte[] bytes, int offset, int length);
}
