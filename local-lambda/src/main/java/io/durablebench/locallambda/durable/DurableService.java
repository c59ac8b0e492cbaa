package io.durablebench.locallambda.durable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.durable.model.OperationUpdate;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.function.FunctionTarget;
import io.durablebench.locallambda.store.Journal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The durable execution service: creates executions, invokes their handlers, answers their
 * checkpoints, moves them on when timers, callbacks and chained invokes complete, and keeps them
 * in the {@link Journal}. Every change to an execution is written to the journal (and synced)
 * before anyone is told about it; after a crash {@link #recover()} rebuilds every execution from
 * the journal and resumes the work that was pending.
 *
 * <p>A facade over one collaborator per job: {@link ExecutionLifecycle} (start, stop),
 * {@link InvocationScheduler} (handler invocations and their outcomes), {@link CheckpointApi}
 * (checkpoint and state), {@link OperationTimers} (waits, retry delays, callback and execution
 * timeouts), {@link ChainedInvokes}, {@link CallbackApi}, {@link ExecutionQueries} (reads) and
 * {@link Recovery}; {@link ExecutionCommitter} writes every change before it takes effect.
 *
 * <p>Concurrency: each execution has its own lock; no code holds two execution locks at once.
 * Handler invocations, timer callbacks and chained-invoke dispatches run on a worker pool.
 */
public final class DurableService implements AutoCloseable {
    /**
     * Tunables.
     *
     * @param maxInvocationAttempts     consecutive failed invocations (thrown, timed out) before the execution fails
     * @param maxInvalidPendingAttempts consecutive invalid PENDING outputs before the execution fails
     * @param invocationRetryDelay      back-off before re-invoking after a failed invocation
     * @param invocationStatePageItems  operations in the invocation event's first page
     * @param pageBytes                 byte budget of one page of operations
     */
    public record Options(int maxInvocationAttempts, int maxInvalidPendingAttempts, Duration invocationRetryDelay,
                          int invocationStatePageItems, int pageBytes) {
        public static Options defaults() {
            return new Options(5, 3, Duration.ofSeconds(5), 1000, 5 * 1024 * 1024);
        }
    }

    /** What a start returned: the execution and whether this call created it. */
    public record Started(String arn, boolean created) {
    }

    private final ServiceClock clock;
    private final ServiceThreads threads = new ServiceThreads();
    private final ExecutionRegistry registry = new ExecutionRegistry();
    private final ExecutionCommitter committer;
    private final TimerScheduler timers;
    private final InvocationScheduler invocations;
    private final OperationTimers operationTimers;
    private final ChainedInvokes chained;
    private final ExecutionLifecycle lifecycle;
    private final CheckpointApi checkpoints;
    private final CallbackApi callbacks;
    private final ExecutionQueries queries;
    private final Recovery recovery;

    public DurableService(FunctionHost host, Journal journal, ServiceClock clock, Options options) {
        this.clock = clock;
        this.committer = new ExecutionCommitter(journal);
        this.timers = new TimerScheduler(clock, threads);
        this.invocations = new InvocationScheduler(host, committer, timers, options);
        OutsideChanges outside = new OutsideChanges(committer, invocations, threads);
        this.operationTimers = new OperationTimers(timers, outside, clock);
        this.lifecycle = new ExecutionLifecycle(registry, committer, operationTimers, invocations, clock);
        this.chained = new ChainedInvokes(host, registry, committer, outside, lifecycle, threads, clock);
        committer.addListener(operationTimers);
        committer.addListener(chained);
        this.checkpoints = new CheckpointApi(registry, committer, clock, options, CrashSwitch.fromSystemProperties());
        this.callbacks = new CallbackApi(registry, outside, operationTimers, clock);
        this.queries = new ExecutionQueries(registry, host);
        this.recovery = new Recovery(registry, journal, operationTimers, chained, invocations);
    }

    public ServiceClock clock() {
        return clock;
    }

    /**
     * Starts a durable execution of {@code target}, or finds the one already started under
     * {@code executionName}: same input gives that execution (running or closed), a different
     * input DurableExecutionAlreadyStartedException. An empty input (an Invoke without a body) is {@code {}}.
     */
    public Started start(FunctionTarget target, String executionName, String input) {
        return lifecycle.start(target, executionName, input == null || input.isBlank() ? "{}" : input, null, null);
    }

    /** StopDurableExecution; a closed execution is left as it is (the call returns its end time). */
    public Instant stop(String arn, ErrorObject error) {
        return lifecycle.stop(arn, error);
    }

    /**
     * CheckpointDurableExecution. Returns the response body. The updates are applied and written
     * to the journal before the new token is handed out.
     */
    public byte[] checkpoint(String arn, String token, List<OperationUpdate> updates, String clientToken,
                             int requestBytes) {
        return checkpoints.checkpoint(arn, token, updates, clientToken, requestBytes);
    }

    /** GetDurableExecutionState: a page of the operations, with the running invocation's current token. */
    public ObjectNode state(String arn, String token, String marker, Integer maxItems) {
        return checkpoints.state(arn, token, marker, maxItems);
    }

    public void callbackSuccess(String callbackId, byte[] result) {
        callbacks.success(callbackId, result);
    }

    public void callbackFailure(String callbackId, ErrorObject error) {
        callbacks.failure(callbackId, error);
    }

    public void callbackHeartbeat(String callbackId) {
        callbacks.heartbeat(callbackId);
    }

    /** A consistent copy of an execution's header. */
    public ExecutionHeader header(String arn) {
        return queries.header(arn);
    }

    /** Waits until the execution is closed, at most {@code limit}; returns its header either way. */
    public ExecutionHeader awaitClosed(String arn, Duration limit) throws InterruptedException {
        return queries.awaitClosed(arn, limit);
    }

    /** GetDurableExecution, with the execution data (input and result). */
    public ObjectNode describe(String arn) {
        return queries.describe(arn, true);
    }

    /** GetDurableExecution; {@code includeData} false leaves the input and the result out. */
    public ObjectNode describe(String arn, boolean includeData) {
        return queries.describe(arn, includeData);
    }

    /** GetDurableExecutionHistory. The marker is the position of the next event in the chosen order. */
    public ObjectNode history(String arn, boolean includeData, Integer maxItems, String marker, boolean reverse) {
        return queries.history(arn, includeData, maxItems, marker, reverse);
    }

    /** ListDurableExecutionsByFunction. */
    public ObjectNode list(String functionName, String qualifier, String executionName, Set<ExecutionStatus> statuses,
                           Instant startedAfter, Instant startedBefore, boolean reverse, String marker,
                           Integer maxItems) {
        return queries.list(functionName, qualifier, executionName, statuses, startedAfter, startedBefore, reverse,
                marker, maxItems);
    }

    /** The local metrics endpoint's document for one execution. */
    public ObjectNode metrics(String arn) {
        return queries.metrics(arn);
    }

    public int executionCount() {
        return registry.size();
    }

    /** All executions' ARNs (for tests and tools). */
    public Collection<String> arns() {
        return registry.arns();
    }

    /**
     * Rebuilds every execution from the journal, compacts the journal to one record per execution,
     * and resumes what was pending (see {@link Recovery}). Call once, before serving requests.
     */
    public void recover() {
        recovery.recover();
    }

    // The collaborators, for their unit tests.
    ExecutionRegistry registry() {
        return registry;
    }

    OperationTimers operationTimers() {
        return operationTimers;
    }

    @Override
    public void close() {
        threads.close();
    }
}
