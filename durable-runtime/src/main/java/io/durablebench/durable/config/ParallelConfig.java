package io.durablebench.durable.config;

import io.durablebench.durable.serde.SerDes;

/**
 * Options of a parallel.
 *
 * @param maxConcurrency   branches running at once; null for no limit; at least 1
 * @param completionConfig when to stop starting branches
 * @param nesting          NESTED (each branch a checkpointed child context) or FLAT
 * @param itemSerDes       serializer of each branch's result
 * @param serDes           serializer of the parallel's summary
 */
public record ParallelConfig(Integer maxConcurrency, CompletionConfig completionConfig, NestingType nesting,
                             SerDes itemSerDes, SerDes serDes) implements ConcurrencyConfig {
    public static final ParallelConfig DEFAULT = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends ConcurrencyConfig.Builder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }

        public ParallelConfig build() {
            return new ParallelConfig(options.maxConcurrency(), options.completionConfig(), options.nesting(),
                    options.itemSerDes(), options.serDes());
        }
    }
}
