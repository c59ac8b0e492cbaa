package io.durablebench.durable;

import java.util.function.BooleanSupplier;

/**
 * Waiting that the invocation accounts for. The runtime's own futures implement it, so that
 * {@link DurableFuture#anyOf} can block the way {@link DurableFuture#get()} does: a thread blocked
 * here does not count as running, and when every thread waits for the service the invocation
 * suspends.
 */
public interface InvocationAwaitable {
    /** Blocks the calling thread until {@code condition} holds. */
    void awaitUntil(BooleanSupplier condition);
}
