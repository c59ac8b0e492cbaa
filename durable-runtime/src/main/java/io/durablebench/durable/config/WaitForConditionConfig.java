package io.durablebench.durable.config;

import io.durablebench.durable.serde.SerDes;

/** Options of waitForCondition: the state to start from, the delays between checks, the state's serializer. */
public record WaitForConditionConfig<S>(S initialState, WaitStrategy waitStrategy, SerDes serDes) {
    public static <S> WaitForConditionConfig<S> of(S initialState) {
        return new WaitForConditionConfig<>(initialState, WaitStrategies.DEFAULT, null);
    }

    public WaitForConditionConfig<S> withWaitStrategy(WaitStrategy strategy) {
        return new WaitForConditionConfig<>(initialState, strategy, serDes);
    }

    public WaitForConditionConfig<S> withSerDes(SerDes serDes) {
        return new WaitForConditionConfig<>(initialState, waitStrategy, serDes);
    }
}
