package io.durablebench.durable.config;

import java.time.Duration;
import java.util.Optional;

/** Ready-made {@link WaitStrategy}s. */
public final class WaitStrategies {
    /** 60 checks; delays from 5 s growing 1.5x up to 300 s. */
    public static final WaitStrategy DEFAULT =
            exponential(60, Duration.ofSeconds(5), Duration.ofSeconds(300), 1.5, JitterStrategy.NONE);

    private WaitStrategies() {
    }

    public static WaitStrategy exponential(int maxAttempts, Duration initialDelay, Duration maxDelay, double rate,
                                           JitterStrategy jitter) {
        return attempt -> {
            if (attempt >= maxAttempts) {
                return Optional.empty();
            }
            double seconds = Math.min(initialDelay.toMillis() / 1000.0 * Math.pow(rate, attempt - 1),
                    maxDelay.toMillis() / 1000.0);
            return Optional.of(RetryStrategies.wholeSeconds(jitter.apply(seconds)));
        };
    }

    public static WaitStrategy fixed(int maxAttempts, Duration delay) {
        return exponential(maxAttempts, delay, delay, 1.0, JitterStrategy.NONE);
    }
}
