package io.durablebench.durable.config;

import io.durablebench.durable.serde.SerDes;

/** What a map and a parallel are configured with alike. */
public interface ConcurrencyConfig {
    /** Units (items or branches) running at once; null for no limit; at least 1. */
    Integer maxConcurrency();

    /** When to stop starting units. */
    CompletionConfig completionConfig();

    /** NESTED (each unit a checkpointed child context) or FLAT. */
    NestingType nesting();

    /** Serializer of each unit's result (null: the context's). */
    SerDes itemSerDes();

    /** Serializer of the whole operation's checkpointed result (null: the runtime's own encoding). */
    SerDes serDes();

    /**
     * The builder part that map and parallel share.
     *
     * @param <B> the concrete builder, returned by every setter so calls chain
     */
    abstract class Builder<B extends Builder<B>> {
        protected Integer maxConcurrency;
        protected CompletionConfig completionConfig = CompletionConfig.allCompleted();
        protected NestingType nesting = NestingType.NESTED;
        protected SerDes itemSerDes;
        protected SerDes serDes;

        protected abstract B self();

        public B maxConcurrency(Integer maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return self();
        }

        public B completionConfig(CompletionConfig completionConfig) {
            this.completionConfig = completionConfig;
            return self();
        }

        public B nesting(NestingType nesting) {
            this.nesting = nesting;
            return self();
        }

        public B itemSerDes(SerDes itemSerDes) {
            this.itemSerDes = itemSerDes;
            return self();
        }

        public B serDes(SerDes serDes) {
            this.serDes = serDes;
            return self();
        }
    }
}
