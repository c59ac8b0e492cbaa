package io.durablebench.durable;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of a durable operation started with an {@code ...Async} call. {@link #get()} blocks
 * until it is known; while every thread of the invocation is blocked this way on something only
 * the service can finish (a wait, a retry delay, a callback, a chained invoke), the invocation
 * suspends and Lambda invokes the function again once it can progress.
 */
public interface DurableFuture<T> {
    /** The operation's result, or the exception it failed with. */
    T get();

    boolean isDone();

    /** Waits for all of them; their results in the same order. */
    static List<Object> allOf(List<? extends DurableFuture<?>> futures) {
        List<Object> results = new ArrayList<>(futures.size());
        for (DurableFuture<?> f : futures) {
            results.add(f.get());
        }
        return results;
    }

    /**
     * Waits for the first of them to finish; its index in the list. When none of them is one of
     * the runtime's own futures ({@link InvocationAwaitable}), waits for the first one.
     */
    static int anyOf(List<? extends DurableFuture<?>> futures) {
        if (futures.isEmpty()) {
            throw new IllegalArgumentException("anyOf needs at least one future");
        }
        InvocationAwaitable invocation = null;
        for (DurableFuture<?> f : futures) {
            if (f instanceof InvocationAwaitable a) {
                invocation = a;
                break;
            }
        }
        if (invocation == null) {
            futures.get(0).get();
            return 0;
        }
        invocation.awaitUntil(() -> futures.stream().anyMatch(DurableFuture::isDone));
        for (int i = 0; i < futures.size(); i++) {
            if (futures.get(i).isDone()) {
                return i;
            }
        }
        throw new IllegalStateException("no future is done");
    }
}
