package org.openevb.port.virtual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openevb.codec.Frame;

class FrameQueueTest {

    private static Frame frame(byte[] bytes, int offset, int length) {
        Frame f = new Frame(200);
        f.copyFrom(bytes, offset, length);
        return f;
    }

    @Test
    void copiesComeOutInOrderAndAFullQueueRefusesWithoutWaiting() {
        FrameQueue q = new FrameQueue(16, 100);
        assertEquals(16, q.capacity());
        assertTrue(q.isEmpty());
        byte[] src = new byte[120];
        for (int i = 0; i < 16; i++) {
            src[10] = (byte) i;
            assertTrue(q.offer(frame(src, 10, 60 + i)), "copy " + i);
        }
        assertFalse(q.offer(frame(src, 0, 60)), "full");
        assertEquals(16, q.size());
        Frame f = new Frame(100);
        for (int i = 0; i < 16; i++) {
            assertTrue(q.poll(f));
            assertEquals(60 + i, f.length());
            assertEquals(i, f.buffer()[f.offset()]);
        }
        assertFalse(q.poll(f));
        assertTrue(q.isEmpty());
        assertFalse(q.offer(frame(src, 0, 101)), "longer than a slot");
        // around the ring many times
        for (int lap = 0; lap < 100; lap++) {
            src[0] = (byte) lap;
            assertTrue(q.offer(frame(src, 0, 64)));
            assertTrue(q.poll(f));
            assertEquals((byte) lap, f.buffer()[f.offset()]);
        }
    }

    @Test
    void capacityIsAPowerOfTwo() {
        assertEquals(1024, new FrameQueue(1000, 64).capacity());
        assertEquals(1024, new FrameQueue(1024, 64).capacity());
        assertEquals(16, new FrameQueue(16, 64).capacity());
        assertEquals(32, new FrameQueue(17, 64).capacity());
    }

    @Test
    void fourProducersAndTheConsumerLoseNothingTheyDidNotCountAndCorruptNothing() throws Exception {
        FrameQueue q = new FrameQueue(256, 64);
        int producers = 4;
        int perProducer = 200_000;
        AtomicLong refused = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                Frame b = new Frame(64);
                b.setLength(64);
                ByteBuffer w = ByteBuffer.wrap(b.buffer(), b.offset(), 64).slice();
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    // producer, sequence, and the same again at the end: a torn copy shows
                    w.putInt(0, id).putInt(4, i).putInt(56, id).putInt(60, i);
                    if (!q.offer(b)) {
                        refused.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        int[] last = new int[producers];
        java.util.Arrays.fill(last, -1);
        long received = 0;
        Frame f = new Frame(64);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (q.poll(f)) {
                ByteBuffer r = ByteBuffer.wrap(f.buffer(), f.offset(), 64).slice();
                int id = r.getInt(0);
                int seq = r.getInt(4);
                assertEquals(id, r.getInt(56), "torn copy");
                assertEquals(seq, r.getInt(60), "torn copy");
                assertTrue(seq > last[id], "producer " + id + " out of order: " + seq + " after " + last[id]);
                last[id] = seq;
                received++;
            } else if (threads.stream().noneMatch(Thread::isAlive) && q.isEmpty()) {
                break;
            }
        }
        for (Thread t : threads) {
            t.join(1000);
        }
        assertEquals((long) producers * perProducer, received + refused.get(), "every copy received or counted refused");
        assertTrue(received > 0);
    }
}
