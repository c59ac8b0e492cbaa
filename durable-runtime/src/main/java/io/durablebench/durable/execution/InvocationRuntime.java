package io.durablebench.durable.execution;

import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.RuntimeMetricsSnapshot;
import io.durablebench.durable.client.DurableExecutionClient;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.model.ErrorObject;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/**
 * One invocation's engine, as the operations see it: the operation log ({@link ExecutionState}),
 * the threads and the decision to suspend ({@link ExecutionManager}), the checkpoint calls
 * ({@link CheckpointManager}, which queues through a {@link CheckpointBatcher}), and what the
 * invocation did ({@link RuntimeCounters}). This class only wires them together; ADR 0001 and
 * ADR 0005 explain the rules.
 *
 * <p>One lock guards the log, the queue and the thread bookkeeping: the suspension decision needs
 * a consistent view of all three.
 */
public final class InvocationRuntime {
    /** The service's limit for one operation's payload. */
    public static final int MAX_OPERATION_PAYLOAD_BYTES = CheckpointBatcher.MAX_OPERATION_PAYLOAD_BYTES;

    private final Object lock = new Object();
    private final String executionArn;
    private final DurableConfig config;
    private final ExecutionState state = new ExecutionState();
    private final RuntimeCounters counters = new RuntimeCounters();
    private final ExecutionManager execution;
    private final CheckpointManager checkpoints;

    public InvocationRuntime(DurableExecutionClient client, InvocationEvent event, DurableConfig config) {
        this.executionArn = event.executionArn();
        this.config = config;
        this.state.merge(event.operations());
        this.execution = new ExecutionManager(lock, this::checkpointsIdle, this::serverWaitBegan, counters.timings());
        this.checkpoints = new CheckpointManager(lock, client, event, config, state, execution, counters);
    }

    private boolean checkpointsIdle() {
        return checkpoints.idle();
    }

    private void serverWaitBegan() {
        checkpoints.serverWaitBegan();
    }

    public String executionArn() {
        return executionArn;
    }

    public DurableConfig config() {
        return config;
    }

    // ---------------------------------------------------------------- the log

    /** Fetches the rest of the log when the event said there is more; must run before user code. */
    public void loadRemainingPages(String marker) {
        checkpoints.loadRemainingPages(marker);
        int logged;
        synchronized (lock) {
            logged = state.size();
        }
        execution.replayFrom(logged);
    }

    public Operation operation(String id) {
        synchronized (lock) {
            return state.get(id);
        }
    }

    public boolean isReplaying() {
        return execution.isReplaying();
    }

    /** The first operation that is not already finished in the log ends replay (for good). */
    public void executing() {
        execution.executing();
        counters.executed();
        counters.timings().replayEnded(System.nanoTime());
    }

    public void replayed() {
        counters.replayed();
    }

    public RuntimeMetricsSnapshot metrics() {
        return counters.snapshot();
    }

    /** Runs user code inside an operation (a step's body, a waitForCondition check), timing it. */
    public <T> T runUserCode(Supplier<T> code) {
        long started = System.nanoTime();
        try {
            return code.get();
        } finally {
            counters.timings().userCode(System.nanoTime() - started);
        }
    }

    /** Where this invocation's time goes (see {@link io.durablebench.durable.InvocationTimings}). */
    TimingRecorder timings() {
        return counters.timings();
    }

    /** Times the root context's operations (see {@link OperationClock}). */
    OperationClock operationClock() {
        return counters.operationClock();
    }

    /** Records that {@code contextId} is a context whose checkpointed parent is {@code parentId}. */
    public void registerContext(String contextId, String parentId) {
        checkpoints.registerContext(contextId, parentId);
    }

    /** The map or parallel that owns {@code contextIds} has completed: see {@link ClosedContexts}. */
    public void closeContexts(Collection<String> contextIds) {
        checkpoints.closeContexts(contextIds);
    }

    // ---------------------------------------------------------------- threads

    /** Runs {@code body} on a new thread of this invocation; it counts as active from now on. */
    public void startThread(Runnable body) {
        execution.startThread(body);
    }

    /** Wakes waiters whose condition depends on something other than the log (e.g. a map item finishing). */
    public void signal() {
        execution.signal();
    }

    /** Fails the execution (for example on non-determinism), whatever user code does with the exception. */
    public void failExecution(ErrorObject error) {
        execution.failExecution(error);
    }

    /**
     * Blocks the calling thread until {@code condition} holds, something this process will make
     * true (a future, an acknowledgement). Throws {@link SuspendSignal} if the invocation ends meanwhile.
     */
    public void awaitUntil(BooleanSupplier condition) {
        execution.awaitUntil(condition, null);
    }

    /** Waits until operation {@code id} satisfies {@code done}; only the service can make that happen. */
    public Operation awaitOperation(String id, Predicate<Operation> done, Instant expectedAt) {
        execution.awaitUntil(() -> done.test(state.get(id)), new ServerWait(id, expectedAt));
        return operation(id);
    }

    // ---------------------------------------------------------------- checkpoints

    /** Queues an update; the future completes when the service has acknowledged it. */
    public CompletableFuture<Void> enqueue(OperationUpdate update) {
        return checkpoints.enqueue(update);
    }

    /** Queues an update and waits for the service to acknowledge it. */
    public void checkpoint(OperationUpdate update) {
        checkpoints.checkpoint(update);
    }

    /** Waits until every queued update is acknowledged. */
    public void flush() {
        checkpoints.flush();
    }

    /** Updates queued and not yet in a call (for tests and diagnostics). */
    int queuedUpdates() {
        return checkpoints.queued();
    }

    // ---------------------------------------------------------------- outcome

    public void start() {
        checkpoints.start();
    }

    /** Ends the invocation with {@code o} unless it already ended. */
    public void finish(Outcome o) {
        execution.finish(o);
    }

    public Outcome awaitOutcome() {
        return execution.awaitOutcome();
    }

    public void close() {
        execution.close();
    }
}
