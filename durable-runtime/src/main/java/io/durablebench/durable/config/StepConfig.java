package io.durablebench.durable.config;

import io.durablebench.durable.serde.SerDes;

/** Options of one step. {@code StepConfig.builder().retryStrategy(...).build()}. */
public record StepConfig(RetryStrategy retryStrategy, StepSemantics semantics, SerDes serDes) {
    public static final StepConfig DEFAULT = new StepConfig(RetryStrategies.Presets.DEFAULT,
            StepSemantics.AT_LEAST_ONCE_PER_RETRY, null);

    public static Builder builder() {
        return new Builder();
    }

    /** Starts from {@link #DEFAULT}; each setter replaces one option of the config built so far. */
    public static final class Builder {
        private StepConfig config = DEFAULT;

        public Builder retryStrategy(RetryStrategy retryStrategy) {
            config = new StepConfig(retryStrategy, config.semantics, config.serDes);
            return this;
        }

        public Builder semanticsPerRetry(StepSemantics semantics) {
            config = new StepConfig(config.retryStrategy, semantics, config.serDes);
            return this;
        }

        /** Serializer of the step's result; the context's default when not set. */
        public Builder serDes(SerDes serDes) {
            config = new StepConfig(config.retryStrategy, config.semantics, serDes);
            return this;
        }

        public StepConfig build() {
            return config;
        }
    }
}
