package io.durablebench.durable;

import java.util.function.Function;

/**
 * A parallel being assembled: add branches, then {@link #get()} runs them (at most the configured
 * number at once) and returns one result per branch.
 */
public interface ParallelDurableFuture extends DurableFuture<ParallelResult> {
    /** Adds a branch; its own future gives just its result. Branch names default to {@code <parallel>-branch-<i>}. */
    <T> DurableFuture<T> branch(String name, TypeToken<T> type, Function<DurableContext, T> body);

    default <T> DurableFuture<T> branch(String name, Class<T> type, Function<DurableContext, T> body) {
        return branch(name, TypeToken.of(type), body);
    }
}
