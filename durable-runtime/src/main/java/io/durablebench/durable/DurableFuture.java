package io.durablebench.durable;

import io.durablebench.durable.execution.Futures;
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
        return Futures.allOf(futures);
    }

    /** Waits for the first of them to finish; its index in the list. */
    static int anyOf(List<? extends DurableFuture<?>> futures) {
        return Futures.anyOf(futures);
    }
}
