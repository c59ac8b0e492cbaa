package io.durablebench.durable.config;

import java.time.Duration;
import java.util.Optional;

/** For waitForCondition: how long to wait before check n+1, or empty to give up. */
@FunctionalInterface
public interface WaitStrategy {
    /** @param attempt the check that just said "keep waiting", counting from 1 */
    Optional<Duration> delayAfter(int attempt);
}
