package io.durablebench.locallambda.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's time: stamps operations and events and arms timers. With time skipping, arming a
 * skippable timer (waits, step retry delays, invocation retry back-off) moves the clock forward to
 * the timer's due time and fires it at once, so tests do not sleep through waits; callback
 * timeouts and execution timeouts always run in real time.
 */
public final class ServiceClock {
    private final boolean skipping;
    private final AtomicLong skippedMillis = new AtomicLong();

    public ServiceClock(boolean skipping) {
        this.skipping = skipping;
    }

    public boolean skipping() {
        return skipping;
    }

    /** Millisecond precision: what the journal keeps and the APIs return, so memory and disk agree. */
    public Instant now() {
        return Instant.ofEpochMilli(System.currentTimeMillis() + skippedMillis.get());
    }

    /** Real milliseconds to wait until {@code due}; with skipping and a skippable timer, 0 after jumping forward. */
    public long arm(Instant due, boolean skippable) {
        long gap = Duration.between(now(), due).toMillis();
        if (gap <= 0) {
            return 0;
        }
        if (skipping && skippable) {
            skippedMillis.addAndGet(gap);
            return 0;
        }
        return gap;
    }
}
