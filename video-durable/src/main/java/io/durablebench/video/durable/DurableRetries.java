package io.durablebench.video.durable;

import io.durablebench.durable.config.JitterStrategy;
import io.durablebench.durable.config.RetryDecision;
import io.durablebench.durable.config.RetryStrategies;
import io.durablebench.durable.config.RetryStrategy;
import io.durablebench.durable.config.StepConfig;
import io.durablebench.video.pipeline.ChunkRetryPolicy;
import java.time.Duration;

/** The steps' retry strategies. */
final class DurableRetries {
    /**
     * Validate, plan, assemble, verify: transient S3 failures (beyond the SDK's own retries) get 3
     * more tries; anything else (bad media is answered, not thrown) fails the step at once.
     */
    static final StepConfig STAGE = StepConfig.builder().retryStrategy(RetryStrategies.retryIf(
            ChunkRetryPolicy::retryable,
            RetryStrategies.exponentialBackoff(4, Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, JitterStrategy.FULL)))
            .build();

    /** Crash markers: run once, never retried. */
    static final StepConfig ONCE = StepConfig.builder().retryStrategy(RetryStrategies.Presets.NO_RETRY).build();

    private DurableRetries() {
    }

    /** A chunk encode: the shared {@link ChunkRetryPolicy}, the service scheduling the delays. */
    static StepConfig chunk(ChunkRetryPolicy policy) {
        RetryStrategy strategy = (error, attempt) -> policy.retries(error, attempt)
                ? RetryDecision.retry(policy.delayAfter(attempt)) : RetryDecision.fail();
        return StepConfig.builder().retryStrategy(strategy).build();
    }
}
