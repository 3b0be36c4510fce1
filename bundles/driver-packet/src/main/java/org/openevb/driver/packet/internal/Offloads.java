package org.openevb.driver.packet.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.openevb.api.driver.DriverListener;
import org.openevb.codec.Frame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a NIC would have done to a frame before it left the host, done in software between the
 * packet socket and the port: complete a partial checksum, or cut a GSO super-frame into
 * segments; then deliver, truncated to the snap length. Pure Java; one instance per receive
 * thread. Frames that cannot be fixed are dropped and counted, never thrown at the caller.
 */
final class Offloads {

    private static final Logger LOG = LoggerFactory.getLogger(Offloads.class);

    /** virtio_net_hdr flags: the checksum at csum_start + csum_offset is partial. */
    static final int NEEDS_CSUM = 1;

    private final DriverListener listener;
    private final int snaplen;
    private final Segmenter segmenter;
    private final Segmenter.Sink deliver = this::deliver;
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong unsupported = new AtomicLong();
    private final AtomicLong segmented = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();

    Offloads(DriverListener listener, int snaplen, int maxSegment) {
        this.listener = listener;
        this.snaplen = snaplen;
        this.segmenter = new Segmenter(maxSegment);
    }

    /**
     * Handles one received frame held in an array (a GSO super-frame, a frame read with recvmsg)
     * with the fields of its virtio_net_hdr; what it delivers is copied into the listener's buffer.
     *
     * @param csumStart where checksumming starts, already adjusted for a VLAN tag put back in
     */
    void frame(byte[] f, int length, int flags, int gsoType, int gsoSize, int csumStart, int csumOffset) {
        if (gsoType != Segmenter.GSO_NONE) {
            Segmenter.Result r;
            try {
                r = segmenter.segment(f, length, gsoType, gsoSize, (flags & NEEDS_CSUM) != 0 ? csumStart : -1, deliver);
            } catch (RuntimeException e) {
                // a bug here must not end the receive thread: count the frame and go on
                LOG.debug("segmenting a GSO frame failed", e);
                r = Segmenter.Result.MALFORMED;
            }
            switch (r) {
                case OK:
                    segmented.incrementAndGet();
                    break;
                case UNSUPPORTED:
                    unsupported.incrementAndGet();
                    break;
                default:
                    malformed.incrementAndGet();
                    break;
            }
            return;
        }
        if ((flags & NEEDS_CSUM) != 0) {
            if (!Checksum.complete(f, length, csumStart, csumOffset)) {
                malformed.incrementAndGet();
                return;
            }
            completed.incrementAndGet();
        }
        deliver(f, 0, length);
    }

    /**
     * A frame without GSO state, already in the listener's buffer ({@link DriverListener#rxFrame()}):
     * completes a partial checksum, then delivers it. {@code whole}: the buffer holds all of it; a
     * cut frame is delivered as it is (the port drops it as oversize), its checksum left alone.
     */
    void filled(Frame frame, boolean whole, int flags, int csumStart, int csumOffset) {
        if ((flags & NEEDS_CSUM) != 0 && whole) {
            if (!Checksum.complete(frame.buffer(), frame.offset(), frame.length(), csumStart, csumOffset)) {
                malformed.incrementAndGet();
                return;
            }
            completed.incrementAndGet();
        }
        if (frame.length() > snaplen) {
            frame.setLength(snaplen);
        }
        try {
            listener.received(frame);
        } catch (Throwable e) {
            // the port counts its own failures
            LOG.debug("receive listener failed", e);
        }
    }

    private void deliver(byte[] bytes, int offset, int length) {
        try {
            listener.received(bytes, offset, Math.min(length, snaplen));
        } catch (Throwable e) {
            // the port counts its own failures
            LOG.debug("receive listener failed", e);
        }
    }

    /** Frames dropped because their offload state could not be acted on (bad offsets, headers). */
    long malformed() {
        return malformed.get();
    }

    /** GSO frames of a type this driver does not cut. */
    long unsupported() {
        return unsupported.get();
    }

    /** GSO frames cut into segments. */
    long segmented() {
        return segmented.get();
    }

    /** Frames whose partial checksum was completed. */
    long completed() {
        return completed.get();
    }
}
