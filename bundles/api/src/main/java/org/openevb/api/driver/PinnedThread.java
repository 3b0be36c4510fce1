package org.openevb.api.driver;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A driver's receive thread that first moves itself to its CPUs ({@link DriverOptions#rxCpus()}),
 * then runs; the opener learns at once whether it could. Pinning is a call only the driver can
 * make (the thread's own {@code sched_setaffinity}), so the driver passes it in.
 */
public class PinnedThread extends Thread {

    private static final long PIN_WAIT_MILLIS = 2000;

    private final CpuSet cpus;
    private final Function<CpuSet, String> pin;
    private final CompletableFuture<String> pinned = new CompletableFuture<>();

    /**
     * @param pin moves the calling thread to the CPUs given; returns null when it did, else why not
     */
    public PinnedThread(Runnable body, String name, CpuSet cpus, Function<CpuSet, String> pin) {
        super(body, name);
        this.cpus = cpus;
        this.pin = pin;
        setDaemon(true);
    }

    @Override
    public final void run() {
        String failure = null;
        if (!cpus.isEmpty()) {
            try {
                failure = pin.apply(cpus);
            } catch (RuntimeException | LinkageError e) {
                failure = e.toString();
            }
        }
        String outcome = failure == null ? "" : "cannot run the receive thread on CPU " + cpus + " (rx.cpus): " + failure;
        // the opener may have given up waiting already: then the body never runs
        if (pinned.complete(outcome) && failure == null) {
            super.run();
        }
    }

    /**
     * Starts the thread and waits until it is on its CPUs. When it could not get there (or did not
     * start in time) it ends without running its body, and this throws with the reason.
     */
    public void startPinned() throws DriverException {
        start();
        String outcome;
        try {
            outcome = pinned.get(PIN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String late = "the receive thread did not start within " + PIN_WAIT_MILLIS + " ms";
            outcome = pinned.complete(late) ? late : pinned.getNow(late);
        }
        if (!outcome.isEmpty()) {
            throw new DriverException(outcome);
        }
    }
}
