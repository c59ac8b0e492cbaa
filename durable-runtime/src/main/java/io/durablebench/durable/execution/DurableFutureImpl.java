package io.durablebench.durable.execution;

import io.durablebench.durable.DurableFuture;
import io.durablebench.durable.InvocationAwaitable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/** A durable future backed by a plain future that an operation's thread completes. */
public class DurableFutureImpl<T> implements DurableFuture<T>, InvocationAwaitable {
    private final InvocationRuntime runtime;
    private final CompletableFuture<T> result;

    public DurableFutureImpl(InvocationRuntime runtime, CompletableFuture<T> result) {
        this.runtime = runtime;
        this.result = result;
    }

    @Override
    public void awaitUntil(BooleanSupplier condition) {
        runtime.awaitUntil(condition);
    }

    @Override
    public T get() {
        runtime.awaitUntil(result::isDone);
        try {
            return result.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    /** Runs {@code work} on a new thread of the invocation; its result or exception completes the future. */
    public static <T> DurableFutureImpl<T> async(InvocationRuntime runtime, java.util.function.Supplier<T> work) {
        CompletableFuture<T> cf = new CompletableFuture<>();
        runtime.startThread(() -> {
            try {
                cf.complete(work.get());
            } catch (SuspendSignal ended) {
                throw ended;
            } catch (Throwable t) {
                cf.completeExceptionally(t);
            }
        });
        return new DurableFutureImpl<>(runtime, cf);
    }
}
