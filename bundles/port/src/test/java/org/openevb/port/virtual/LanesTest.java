package org.openevb.port.virtual;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.openevb.api.port.FrameHandler;
import org.openevb.api.port.LaneFrameHandler;
import org.openevb.api.port.Port;
import org.openevb.codec.Frame;

/**
 * A port with several receive lanes, each on its own thread: a {@link LaneFrameHandler} is called
 * from all of them at once with its lane, any other handler one frame at a time; the received
 * frames are counted per lane.
 */
class LanesTest {

    private static final int FRAMES = 20_000;

    private static final class LanedPort extends UpPort {
        LanedPort(int lanes) {
            lanes(lanes);
        }

        void receive(int lane, Frame frame) {
            countReceived(lane, frame);
            dispatch(frame, lane);
        }
    }

    /** Feeds FRAMES frames on each of two lanes, each lane from its own thread, both at once. */
    private static void feedTwoLanes(LanedPort port) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        Thread[] threads = new Thread[2];
        for (int lane = 0; lane < 2; lane++) {
            int l = lane;
            threads[lane] = new Thread(() -> {
                Frame f = new Frame(64);
                f.copyFrom(new byte[60], 0, 60);
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < FRAMES; i++) {
                    port.receive(l, f);
                }
            });
            threads[lane].start();
        }
        start.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(!t.isAlive(), "a lane did not finish in 30 s");
        }
    }

    @Test
    void aHandlerWithoutLanesSeesOneFrameAtATime() throws Exception {
        LanedPort port = new LanedPort(2);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        long[] seen = new long[1]; // unsynchronised on purpose: the port's lock must make it exact
        FrameHandler serial = (Port p, Frame f) -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            seen[0]++;
            inside.decrementAndGet();
        };
        assertTrue(port.claim("test", serial));
        feedTwoLanes(port);
        assertEquals(0, overlaps.get(), "calls overlapped");
        assertEquals(2L * FRAMES, seen[0]);
        assertEquals(2L * FRAMES, port.counters().rxFrames());
        assertEquals(List.of((long) FRAMES, (long) FRAMES), port.rxFramesByLane());
    }

    @Test
    void aLaneHandlerIsCalledFromEveryLaneWithItsNumberOnThatLanesThread() throws Exception {
        LanedPort port = new LanedPort(2);
        AtomicLong[] byLane = {new AtomicLong(), new AtomicLong()};
        Thread[] threadOf = new Thread[2];
        AtomicInteger wrongThread = new AtomicInteger();
        LaneFrameHandler laned = (p, f, lane) -> {
            if (threadOf[lane] == null) {
                threadOf[lane] = Thread.currentThread(); // each element written by its own lane only
            } else if (threadOf[lane] != Thread.currentThread()) {
                wrongThread.incrementAndGet();
            }
            byLane[lane].incrementAndGet();
        };
        assertTrue(port.claim("test", laned));
        feedTwoLanes(port);
        assertEquals(FRAMES, byLane[0].get());
        assertEquals(FRAMES, byLane[1].get());
        assertEquals(0, wrongThread.get(), "a lane's frames came on another thread");
        assertTrue(threadOf[0] != threadOf[1], "the two lanes are two threads, not serialised onto one");
        assertEquals(List.of((long) FRAMES, (long) FRAMES), port.rxFramesByLane());
    }

    @Test
    void oneLaneIsOneEntryAndTheCountersOfALaneNoLongerUsedStayVisible() {
        LanedPort port = new LanedPort(1);
        Frame f = new Frame(64);
        f.copyFrom(new byte[60], 0, 60);
        port.receive(0, f);
        assertEquals(List.of(1L), port.rxFramesByLane());
        port.lanes(2);
        port.receive(1, f);
        port.lanes(1);
        assertEquals(List.of(1L, 1L), port.rxFramesByLane(), "lane 1 received before the port had one lane");
        assertEquals(2, port.counters().rxFrames());
    }
}
