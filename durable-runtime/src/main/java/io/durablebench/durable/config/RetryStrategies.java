package io.durablebench.durable.config;

import java.time.Duration;
import java.util.function.Predicate;

/** Ready-made {@link RetryStrategy}s. */
public final class RetryStrategies {
    private RetryStrategies() {
    }

    /** The usual choices. */
    public static final class Presets {
        /** 6 attempts; delays from 5 s doubling up to 60 s, full jitter. */
        public static final RetryStrategy DEFAULT =
                exponentialBackoff(6, Duration.ofSeconds(5), Duration.ofSeconds(60), 2.0, JitterStrategy.FULL);
        /** 5 attempts; delays 1 s, 2 s, 3 s, 4 s. */
        public static final RetryStrategy LINEAR = linearBackoff(5, Duration.ofSeconds(1));
        /** One attempt: a failure fails the step. */
        public static final RetryStrategy NO_RETRY = (error, attempt) -> RetryDecision.fail();

        private Presets() {
        }
    }

    /**
     * Delay before retry n (after failed attempt n) = initialDelay * backoffRate^(n-1), capped at
     * maxDelay, then jittered; gives up once {@code maxAttempts} attempts failed.
     */
    public static RetryStrategy exponentialBackoff(int maxAttempts, Duration initialDelay, Duration maxDelay,
                                                   double backoffRate, JitterStrategy jitter) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (backoffRate < 1.0) {
            throw new IllegalArgumentException("backoffRate must be at least 1, got " + backoffRate);
        }
        return (error, attempt) -> {
            if (attempt >= maxAttempts) {
                return RetryDecision.fail();
            }
            double seconds = initialDelay.toMillis() / 1000.0 * Math.pow(backoffRate, attempt - 1);
            seconds = Math.min(seconds, maxDelay.toMillis() / 1000.0);
            return RetryDecision.retry(wholeSeconds(jitter.apply(seconds)));
        };
    }

    /** The same delay before every retry. */
    public static RetryStrategy fixedDelay(int maxAttempts, Duration delay) {
        return exponentialBackoff(maxAttempts, delay, delay, 1.0, JitterStrategy.NONE);
    }

    /** Delay before retry n = n * step. */
    public static RetryStrategy linearBackoff(int maxAttempts, Duration step) {
        return (error, attempt) -> attempt >= maxAttempts ? RetryDecision.fail()
                : RetryDecision.retry(wholeSeconds(step.toMillis() / 1000.0 * attempt));
    }

    /** {@code strategy}, but only for errors matching {@code retryable}; others fail at once. */
    public static RetryStrategy retryIf(Predicate<Throwable> retryable, RetryStrategy strategy) {
        return (error, attempt) -> retryable.test(error) ? strategy.decide(error, attempt) : RetryDecision.fail();
    }

    /** Rounded to whole seconds, at least one: the service schedules retries in whole seconds. */
    static Duration wholeSeconds(double seconds) {
        return Duration.ofSeconds(Math.max(1, Math.round(seconds)));
    }
}
