package org.openevb.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A counter loses no count when several threads count at once, the owning one among them. */
class ThreadOwnedCounterTest {

    @Test
    void countsEveryFrameOfEveryThread() throws InterruptedException {
        ThreadOwnedCounter counter = new ThreadOwnedCounter();
        int threads = 4;
        int each = 500_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    counter.increment();
                }
            });
            thread.start();
            all.add(thread);
        }
        start.countDown();
        long seen = 0;
        for (Thread thread : all) {
            while (thread.isAlive()) {
                long now = counter.sum();
                assertEquals(true, now >= seen, "a reader never sees the count go back");
                seen = now;
            }
            thread.join();
        }
        assertEquals((long) threads * each, counter.sum());
        counter.increment(); // this thread is not the owner: it adds to the shared part
        assertEquals((long) threads * each + 1, counter.sum());
    }
}
