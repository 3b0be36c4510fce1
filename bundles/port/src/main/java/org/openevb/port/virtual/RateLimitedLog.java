package org.openevb.port.virtual;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/** Logs at most one warning per interval, so a storm of bad frames cannot flood the log. */
public final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);

    public RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    public void warn(String format, Object... args) {
        long now = System.nanoTime();
        long due = next.get();
        if ((due == Long.MIN_VALUE || now - due >= 0) && next.compareAndSet(due, now + intervalNanos)) {
            log.warn(format, args);
        }
    }
}
