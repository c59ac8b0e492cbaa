package io.durablebench.durable.execution;

import java.util.Collection;
import java.util.function.LongUnaryOperator;

/**
 * When to send an empty checkpoint just to learn the service's changes (timers fired, retries
 * ready, callbacks and chained invokes completed) while other threads of the invocation still run,
 * as the official SDKs do: shortly after a known due time, otherwise after a delay that starts at
 * 1 s, doubles while polls bring nothing new, is capped at 10 s, and is jittered (half fixed, half
 * random). Times are epoch milliseconds, because the service's due times are. Not thread-safe: the
 * invocation's lock guards it.
 */
final class PollSchedule {
    static final long FIRST_DELAY_MS = 1_000;
    static final long MAX_DELAY_MS = 10_000;
    /** The service fires timers on its own schedule; ask this long after the due time. */
    static final long AFTER_DUE_MS = 50;

    /** Draws a jitter in [0, bound). */
    private final LongUnaryOperator random;
    private long delayMs = FIRST_DELAY_MS;
    private long lastPollAt;

    PollSchedule(LongUnaryOperator random) {
        this.random = random;
    }

    /** A thread began waiting for the service: poll at the first rate again. */
    void restart() {
        delayMs = FIRST_DELAY_MS;
    }

    /** A poll was answered at {@code nowMs}; {@code changed} when it brought changed operations. */
    void answered(boolean changed, long nowMs) {
        lastPollAt = nowMs;
        delayMs = changed ? FIRST_DELAY_MS : Math.min(MAX_DELAY_MS, delayMs * 2);
    }

    long delayMs() {
        return delayMs;
    }

    /** When to poll for {@code waits} (those not yet satisfied); MAX_VALUE when there are none. */
    long nextPollAt(Collection<ServerWait> waits, long nowMs) {
        long best = Long.MAX_VALUE;
        for (ServerWait w : waits) {
            long at;
            if (w.expectedAt() != null && w.expectedAt().toEpochMilli() > lastPollAt) {
                at = w.expectedAt().toEpochMilli() + AFTER_DUE_MS;
            } else {
                long base = Math.max(lastPollAt, nowMs - delayMs);
                at = base + delayMs / 2 + random.applyAsLong(delayMs / 2 + 1);
            }
            best = Math.min(best, at);
        }
        return best;
    }
}
