package io.durablebench.durable.config;

import io.durablebench.durable.serde.SerDes;

/** Options of one step. {@code StepConfig.builder().retryStrategy(...).build()}. */
public record StepConfig(RetryStrategy retryStrategy, StepSemantics semantics, SerDes serDes) {
    public static final StepConfig DEFAULT = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private RetryStrategy retryStrategy = RetryStrategies.Presets.DEFAULT;
        private StepSemantics semantics = StepSemantics.AT_LEAST_ONCE_PER_RETRY;
        private SerDes serDes;

        public Builder retryStrategy(RetryStrategy retryStrategy) {
            this.retryStrategy = retryStrategy;
            return this;
        }

        public Builder semanticsPerRetry(StepSemantics semantics) {
            this.semantics = semantics;
            return this;
        }

        /** Serializer of the step's result; the context's default when not set. */
        public Builder serDes(SerDes serDes) {
            this.serDes = serDes;
            return this;
        }

        public StepConfig build() {
            return new StepConfig(retryStrategy, semantics, serDes);
        }
    }
}
