package io.durablebench.durable.config;

/**
 * Decides, after a step attempt failed, whether to retry and after how long. The service only
 * schedules whole seconds, so a retry delay is rounded up to at least one second.
 */
@FunctionalInterface
public interface RetryStrategy {
    /**
     * @param error   what the attempt threw
     * @param attempt the attempt that failed, counting from 1
     */
    RetryDecision decide(Throwable error, int attempt);
}
