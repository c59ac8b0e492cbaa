package io.durablebench.durable.execution;

import io.durablebench.durable.BatchItem;
import io.durablebench.durable.BatchItemStatus;
import io.durablebench.durable.DurableContext;
import io.durablebench.durable.DurableFuture;
import io.durablebench.durable.ParallelDurableFuture;
import io.durablebench.durable.ParallelResult;
import io.durablebench.durable.TypeToken;
import io.durablebench.durable.exception.DurableOperationException;
import io.durablebench.durable.operation.ConcurrencyOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.lambda.model.ErrorObject;

/**
 * A parallel: branches are added first; the first {@link #get()} (of the parallel or of a branch)
 * runs them. The parallel's id is taken when it is created, so ids stay deterministic.
 */
final class ParallelDurableFutureImpl implements ParallelDurableFuture {
    private final InvocationRuntime runtime;
    private final String name;
    /** Makes the parallel's operation from its branches; made when the parallel is, so its id is taken then. */
    private final Function<List<ConcurrencyOperation.Unit<Object>>, ConcurrencyOperation<Object>> operation;
    private final List<ConcurrencyOperation.Unit<Object>> branches = new ArrayList<>();
    private ParallelResult result;
    private RuntimeException failure;
    private boolean running;
    /** A parallel of the handler's own context: its run counts as time inside a top-level operation. */
    private final boolean topLevel;

    ParallelDurableFutureImpl(InvocationRuntime runtime, String name,
                              Function<List<ConcurrencyOperation.Unit<Object>>, ConcurrencyOperation<Object>> operation,
                              boolean topLevel) {
        this.runtime = runtime;
        this.name = name;
        this.operation = operation;
        this.topLevel = topLevel;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <T> DurableFuture<T> branch(String branchName, TypeToken<T> type, Function<DurableContext, T> body) {
        if (running || result != null) {
            throw new IllegalStateException("parallel " + name + " is already running; add branches before get()");
        }
        int index = branches.size();
        String n = branchName != null ? branchName : (name == null ? "parallel" : name) + "-branch-" + index;
        branches.add(new ConcurrencyOperation.Unit<>(n, (Function<DurableContext, Object>) (Function<?, ?>) body,
                (TypeToken<Object>) (TypeToken<?>) type));
        ParallelDurableFutureImpl parallel = this;
        return new DurableFuture<>() {
            @Override
            public T get() {
                BatchItem<Object> item = parallel.get().getItems().get(index);
                if (item.status() == BatchItemStatus.SUCCEEDED) {
                    return (T) item.result();
                }
                String message = item.status() == BatchItemStatus.FAILED
                        ? item.error().errorType() + ": " + item.error().errorMessage()
                        : "it did not finish before the parallel completed (" + item.status() + ")";
                throw new DurableOperationException("branch " + item.name() + " failed: " + message, item.name(),
                        item.error() == null ? null : ErrorObject.builder().errorType(item.error().errorType())
                                .errorMessage(item.error().errorMessage()).build(), null);
            }

            @Override
            public boolean isDone() {
                return parallel.isDone();
            }
        };
    }

    @Override
    public ParallelResult get() {
        boolean run;
        synchronized (this) {
            run = !running && result == null && failure == null;
            running = true;
        }
        if (run) {
            try {
                ConcurrencyOperation<Object> op = operation.apply(branches);
                ConcurrencyOperation.Outcome<Object> outcome = topLevel ? runtime.operationClock().time(op::run) : op.run();
                synchronized (this) {
                    result = new ParallelResult(outcome.items(), outcome.reason());
                }
            } catch (RuntimeException e) {
                synchronized (this) {
                    failure = e;
                }
            }
            runtime.signal();
        } else {
            runtime.awaitUntil(this::isDone);
        }
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            return result;
        }
    }

    @Override
    public synchronized boolean isDone() {
        return result != null || failure != null;
    }
}
