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
                        BiFunction<Object, Integer, String> itemNamer, SerDes itemSerDes, SerDes serDes) {
    public static final MapConfig DEFAULT = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Integer maxConcurrency;
        private CompletionConfig completionConfig = CompletionConfig.allCompleted();
        private NestingType nesting = NestingType.NESTED;
        private BiFunction<Object, Integer, String> itemNamer;
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

        @SuppressWarnings("unchecked")
        public <I> Builder itemNamer(BiFunction<I, Integer, String> itemNamer) {
            this.itemNamer = (BiFunction<Object, Integer, String>) (BiFunction<?, Integer, String>) itemNamer;
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

        public MapConfig build() {
            return new MapConfig(maxConcurrency, completionConfig, nesting, itemNamer, itemSerDes, serDes);
        }
    }
}
