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
     * The options map and parallel share, as a builder has set them so far.
     *
     * @param maxConcurrency   units running at once; null for no limit
     * @param completionConfig when to stop starting units
     * @param nesting          NESTED or FLAT
     * @param itemSerDes       serializer of each unit's result (null: the context's)
     * @param serDes           serializer of the whole operation's result (null: the runtime's own encoding)
     */
    record Options(Integer maxConcurrency, CompletionConfig completionConfig, NestingType nesting, SerDes itemSerDes,
                   SerDes serDes) {
        static final Options DEFAULT = new Options(null, CompletionConfig.allCompleted(), NestingType.NESTED, null,
                null);
    }

    /**
     * The builder part that map and parallel share: each setter replaces one of the {@link Options}.
     *
     * @param <B> the concrete builder, returned by every setter so calls chain
     */
    abstract class Builder<B extends Builder<B>> {
        protected Options options = Options.DEFAULT;

        protected abstract B self();

        public B maxConcurrency(Integer maxConcurrency) {
            options = new Options(maxConcurrency, options.completionConfig, options.nesting, options.itemSerDes,
                    options.serDes);
            return self();
        }

        public B completionConfig(CompletionConfig completionConfig) {
            options = new Options(options.maxConcurrency, completionConfig, options.nesting, options.itemSerDes,
                    options.serDes);
            return self();
        }

        public B nesting(NestingType nesting) {
            options = new Options(options.maxConcurrency, options.completionConfig, nesting, options.itemSerDes,
                    options.serDes);
            return self();
        }

        public B itemSerDes(SerDes itemSerDes) {
            options = new Options(options.maxConcurrency, options.completionConfig, options.nesting, itemSerDes,
                    options.serDes);
            return self();
        }

        public B serDes(SerDes serDes) {
            options = new Options(options.maxConcurrency, options.completionConfig, options.nesting,
                    options.itemSerDes, serDes);
            return self();
        }
    }
}
