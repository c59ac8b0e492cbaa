package io.durablebench.durable.config;

import io.durablebench.durable.serde.SerDes;
import java.util.function.BiFunction;

/**
 * Options of a map.
 *
 * @param maxConcurrency   items running at once; null for no limit; at least 1
 * @param completionConfig when to stop starting items
 * @param nesting          NESTED (each item a checkpointed child context) or FLAT
 * @param itemNamer        names each iteration from (item, index); default {@code <map>-iteration-<index>}
 * @param itemSerDes       serializer of each item's result
 * @param serDes           serializer of the whole map result
 */
public record MapConfig(Integer maxConcurrency, CompletionConfig completionConfig, NestingType nesting,
                        BiFunction<Object, Integer, String> itemNamer, SerDes itemSerDes, SerDes serDes)
        implements ConcurrencyConfig {
    public static final MapConfig DEFAULT = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder extends ConcurrencyConfig.Builder<Builder> {
        private BiFunction<Object, Integer, String> itemNamer;

        @Override
        protected Builder self() {
            return this;
        }

        @SuppressWarnings("unchecked")
        public <I> Builder itemNamer(BiFunction<I, Integer, String> itemNamer) {
            this.itemNamer = (BiFunction<Object, Integer, String>) (BiFunction<?, Integer, String>) itemNamer;
            return this;
        }

        public MapConfig build() {
            return new MapConfig(options.maxConcurrency(), options.completionConfig(), options.nesting(), itemNamer,
                    options.itemSerDes(), options.serDes());
        }
    }
}
