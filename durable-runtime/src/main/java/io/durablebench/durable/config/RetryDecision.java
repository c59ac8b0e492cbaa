package io.durablebench.durable.config;

import java.time.Duration;

/** What a {@link RetryStrategy} decided about a failed attempt: retry after a delay, or fail. */
public record RetryDecision(boolean shouldRetry, Duration delay) {
    public static RetryDecision retry(Duration delay) {
        return new RetryDecision(true, delay);
    }

    public static RetryDecision fail() {
        return new RetryDecision(false, Duration.ZERO);
    }
}
