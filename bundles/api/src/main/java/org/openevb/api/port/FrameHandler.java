package org.openevb.api.port;

import org.openevb.codec.Frame;
import org.osgi.annotation.versioning.ConsumerType;

/** Consumes the frames a port receives: a bridge, an edge relay, a control protocol. */
@ConsumerType
public interface FrameHandler {

    /**
     * Called on the port's receive thread for every received frame, run to completion.
     *
     * <p>Ownership: the port owns {@code frame} and reuses it for the next frame as soon as this
     * method returns. The handler may modify it (push or pop tags) and send it on any port during
     * the call; to keep it, it copies it. A handler must not block. Anything it throws is caught,
     * counted as {@link DropReason#RX_HANDLER_ERROR} and logged (rate-limited).
     */
    void receive(Port ingress, Frame frame);
}
