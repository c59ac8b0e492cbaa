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
                             SerDes itemSerDes, SerDes serDes) {
    public static final ParallelConfig DEFAULT = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Integer maxConcurrency;
        private CompletionConfig completionConfig = CompletionConfig.allCompleted();
        private NestingType nesting = NestingType.NESTED;
        private SerDes itemSerDes;
        private SerDes serDes;

        public Builder maxConcurrency(Integer maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        public Builder completionConfig(CompletionConfig completionConfig) {
            this.completionConfig = completionConfig;
            return this;
        }

        public Builder nesting(NestingType nesting) {
            this.nesting = nesting;
            return this;
        }

        public Builder itemSerDes(SerDes itemSerDes) {
            this.itemSerDes = itemSerDes;
            return this;
        }

        public Builder serDes(SerDes serDes) {
            this.serDes = serDes;
            return this;
        }

        public ParallelConfig build() {
            return new ParallelConfig(maxConcurrency, completionConfig, nesting, itemSerDes, serDes);
        }
    }
}
