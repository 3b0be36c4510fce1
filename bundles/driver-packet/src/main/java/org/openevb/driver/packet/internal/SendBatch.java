package org.openevb.driver.packet.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames a receive thread sends while it works through a burst of received frames, held back
 * and sent with one {@code sendmmsg()} per destination port: forwarding a burst costs one send
 * system call per {@value #FRAMES} frames instead of one per frame.
 *
 * <p>Owned by one receive thread, which alone adds and flushes: frames sent from any other thread
 * go out at once, as before, and never wait for a batch. The thread flushes when its ring has no
 * frame ready (the end of a burst, before it would wait) and after every {@value #FRAMES} frames it
 * received, so a queued frame waits at most for that many frames to be handled. A send that fails
 * in a batch cannot be reported to its caller any more; it is counted in the destination port's
 * kernel drops.
 */
final class SendBatch {

    static final int FRAMES = 64;
    static final int BYTES = 128 * 1024;
    /** struct mmsghdr on LP64: struct msghdr (56: iov at 16, iovlen at 24), msg_len, padding. */
    static final int MMSGHDR_LEN = 64;
    static final int IOVEC_LEN = 16;

    private final List<Queue> queues = new ArrayList<>();
    private Queue last;
    /** True while the thread receives: its sends are queued. */
    boolean active;

    /** Queues a copy of a frame for {@code port}; {@code length} is at most {@link PacketPort#MAX_SEND}. */
    void add(PacketPort port, byte[] bytes, int offset, int length) {
        Queue q = last;
        if (q == null || q.port != port) {
            q = queue(port);
            last = q;
        }
        q.add(bytes, offset, length);
    }

    private Queue queue(PacketPort port) {
        // indexed, not for-each: an iterator per call is an allocation per burst when the JIT
        // does not remove it (Flight Recorder caught it on this path)
        for (int i = 0; i < queues.size(); i++) {
            Queue q = queues.get(i);
            if (q.port == port) {
                return q;
            }
        }
        Queue q = new Queue(port);
        queues.add(q);
        return q;
    }

    /** Sends everything queued; forgets the queues of ports closed meanwhile. */
    void flush() {
        boolean closed = false;
        for (int i = 0; i < queues.size(); i++) {
            Queue q = queues.get(i);
            q.flush();
            closed |= q.port.sendClosed();
        }
        if (closed) {
            queues.removeIf(q -> q.port.sendClosed());
            last = null;
        }
    }

    /** One destination: [mmsghdr x FRAMES][iovec x FRAMES][frame bytes] in one native block. */
    private static final class Queue {
        private static final int IOVECS = FRAMES * MMSGHDR_LEN;
        private static final int DATA = IOVECS + FRAMES * IOVEC_LEN;

        final PacketPort port;
        private final Memory memory = new Memory(DATA + BYTES);
        private final long address = Pointer.nativeValue(memory);
        private final ByteBuffer view;
        private int count;
        private int used;

        Queue(PacketPort port) {
            this.port = port;
            memory.clear();
            view = memory.getByteBuffer(0, memory.size()).order(ByteOrder.nativeOrder());
            for (int i = 0; i < FRAMES; i++) {
                view.putLong(i * MMSGHDR_LEN + 16, address + IOVECS + (long) i * IOVEC_LEN);
                view.putLong(i * MMSGHDR_LEN + 24, 1);
            }
        }

        void add(byte[] bytes, int offset, int length) {
            if (count == FRAMES || used + length > BYTES) {
                flush();
            }
            view.put(DATA + used, bytes, offset, length);
            int iov = IOVECS + count * IOVEC_LEN;
            view.putLong(iov, address + DATA + used);
            view.putLong(iov + 8, length);
            used += (length + 7) & ~7;
            count++;
        }

        void flush() {
            if (count != 0) {
                port.sendQueued(address, count);
                count = 0;
                used = 0;
            }
        }
    }
}
