package org.openevb.api.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PinnedThreadTest {

    @Test
    void thePinRunsOnTheThreadItselfBeforeTheBody() throws Exception {
        AtomicReference<Thread> pinnedOn = new AtomicReference<>();
        AtomicReference<CpuSet> asked = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        PinnedThread t = new PinnedThread(ran::countDown, "evb-rx-test", CpuSet.of(1), cpus -> {
            pinnedOn.set(Thread.currentThread());
            asked.set(cpus);
            return null;
        });
        t.startPinned();
        assertTrue(ran.await(5, TimeUnit.SECONDS));
        assertEquals(t, pinnedOn.get());
        assertEquals(CpuSet.of(1), asked.get());
        assertTrue(t.isDaemon());
    }

    @Test
    void noCpusMeansNoPinCall() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        PinnedThread t = new PinnedThread(ran::countDown, "evb-rx-test", CpuSet.ANY, cpus -> {
            throw new AssertionError("pinned without CPUs");
        });
        t.startPinned();
        assertTrue(ran.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aFailedPinFailsTheStartWithItsReasonAndTheBodyNeverRuns() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        PinnedThread t = new PinnedThread(ran::countDown, "evb-rx-test", CpuSet.of(5), cpus -> "Invalid argument");
        DriverException e = assertThrows(DriverException.class, t::startPinned);
        assertEquals("cannot run the receive thread on CPU 5 (rx.cpus): Invalid argument", e.getMessage());
        t.join(5000);
        assertFalse(t.isAlive());
        assertEquals(1, ran.getCount());

        PinnedThread thrown = new PinnedThread(ran::countDown, "evb-rx-test", CpuSet.of(5), cpus -> {
            throw new UnsatisfiedLinkError("no sched_setaffinity");
        });
        assertTrue(assertThrows(DriverException.class, thrown::startPinned).getMessage().contains("no sched_setaffinity"));
        assertEquals(1, ran.getCount());
    }
}
