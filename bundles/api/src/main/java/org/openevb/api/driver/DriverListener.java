package org.openevb.api.driver;

import org.openevb.codec.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives what happens on an opened interface. Implemented by the port.
 *
 * <p>Frames arrive in the listener's own buffer: the driver asks for it with {@link #rxFrame()},
 * writes the frame into it where the kernel or the capture library holds it (a packet socket's
 * mapped ring, a tap's read buffer), and hands it over with {@link #received(Frame)}. Nothing is
 * allocated per frame and the frame is copied once, from the driver's source into the buffer the
 * data path works on.
 */
@ConsumerType
public interface DriverListener {

    /**
     * The buffer for the next received frame: the listener's, the same for every frame of this
     * listener's lane. The driver {@link Frame#clear() clears} it, writes the frame's first
     * {@code min(length, snaplen, capacity())} bytes into {@link Frame#buffer()} from {@link
     * Frame#offset()}, {@link Frame#setLength sets the length} and calls {@link #received(Frame)}
     * with it, all on its receive thread. A frame delivered shorter than it was is therefore
     * {@link DriverOptions#snaplen()} or {@code capacity()} long; the port drops it as oversize.
     */
    Frame rxFrame();

    /**
     * A frame arrived, in the buffer {@link #rxFrame()} gave. Called on the driver's receive
     * thread, one frame at a time; when it returns, the buffer is the listener's again and the
     * driver may fill it with the next frame.
     */
    void received(Frame frame);

    /**
     * Delivers a frame the driver holds in an array (a capture library hands it over that way, or
     * the driver had to work on the frame first): copies it into {@link #rxFrame()}, truncated to
     * the buffer's capacity, and calls {@link #received(Frame)}.
     */
    default void received(byte[] bytes, int offset, int length) {
        Frame frame = rxFrame();
        frame.copyFrom(bytes, offset, Math.min(length, frame.capacity()));
        received(frame);
    }

    /**
     * The interface stopped delivering frames for a reason other than {@link DriverHandle#close()}
     * (it disappeared, went down, or the capture failed). Called at most once, from the receive
     * thread, which ends afterwards. The listener must not call {@code close()} from inside this
     * call.
     */
    void stopped(String reason);

    /**
     * The kernel announced a change of the interface's link (its carrier or administrative state):
     * the listener may ask {@link DriverHandle#hasCarrier()} now rather than at its next periodic
     * check. Called on a thread of the driver's other than the receive thread, possibly for a
     * change the listener has already seen; must return at once. A driver that hears no such
     * announcements never calls it.
     */
    default void linkChanged() {
    }

    /**
     * The listener for receive lane {@code lane} (0 to {@link DriverOptions#rxLanes()} - 1) of an
     * interface opened with several: each lane's thread calls only its own, and each has its own
     * {@link #rxFrame()}. The listener of an interface opened with one lane is this one.
     */
    default DriverListener lane(int lane) {
        return this;
    }
}
