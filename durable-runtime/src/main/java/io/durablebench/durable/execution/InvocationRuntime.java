package io.durablebench.durable.execution;

import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.RuntimeMetricsSnapshot;
import io.durablebench.durable.client.DurableExecutionClient;
import io.durablebench.durable.exception.CheckpointException;
import io.durablebench.durable.exception.PayloadTooLargeException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.CheckpointUpdatedExecutionState;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateResponse;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/**
 * One invocation's engine: the operation log, the checkpoint queue and its single sender thread,
 * and the bookkeeping that decides when the invocation must suspend.
 *
 * <h2>Threads and suspension</h2>
 * User code runs on threads started here (the handler, async operations, map items, parallel
 * branches). A thread is <em>active</em> while it can make progress; it stops counting while it
 * waits ({@link #awaitUntil}) for something. When no thread is active, no checkpoint is queued or
 * in flight, and no waiter's condition is already true, nothing in this process can progress:
 * if some waiter waits for the service (a wait timer, a retry delay, a callback, a chained invoke)
 * the invocation ends PENDING and Lambda invokes the function again later; otherwise it is a
 * deadlock and the execution fails with a clear error. While some threads are active and others
 * wait for the service, the sender thread polls with empty checkpoints to learn the service's
 * changes (timers fired, retries ready, callbacks completed), as the official SDKs do.
 *
 * <h2>Checkpoints</h2>
 * Updates go through one ordered queue. One call is in flight at a time, always with the newest
 * token (each token is good for one call); everything queued meanwhile goes out in the next call,
 * up to the configured count and size. The response's operations are merged into the log (paged
 * with the new token when the service says there is more) before the updates are acknowledged.
 *
 * <p>All mutable state is guarded by {@link #lock}.
 */
public final class InvocationRuntime {
    public static final int MAX_OPERATION_PAYLOAD_BYTES = 262_144;
    private static final long FIRST_POLL_DELAY_MS = 1_000;
    private static final long MAX_POLL_DELAY_MS = 10_000;

    private final Object lock = new Object();
    private final DurableExecutionClient client;
    private final String executionArn;
    private final DurableConfig config;
    private final ExecutionState state = new ExecutionState();
    private final ExecutorService threads;
    private final AtomicInteger threadNumber = new AtomicInteger();

    private String token;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private long firstQueuedAt;
    private boolean inFlight;
    private int active;
    private final Set<Waiter> waiters = new LinkedHashSet<>();
    private Outcome outcome;
    private boolean replaying;
    private final Map<String, String> contextParents = new HashMap<>();
    private final Set<String> closedContexts = new HashSet<>();
    private long pollDelayMs = FIRST_POLL_DELAY_MS;
    private long lastPollAt;

    private long checkpointCalls;
    private long pollCalls;
    private long stateCalls;
    private long updatesSent;
    private long bytesSent;
    private long replayedOperations;
    private long executedOperations;
    private final OperationClock operationClock = new OperationClock();

    private record Pending(OperationUpdate update, CompletableFuture<Void> acknowledged, long bytes) {
    }

    /** Something a thread waits for; {@code serverWait} is set when only the service can make it true. */
    private record Waiter(BooleanSupplier condition, ServerWait serverWait) {
        boolean ready() {
            return condition.getAsBoolean();
        }
    }

    /** A wait on the service's side: for operation {@code operationId}, expected around {@code expectedAt} (or unknown). */
    public record ServerWait(String operationId, Instant expectedAt) {
    }

    public InvocationRuntime(DurableExecutionClient client, InvocationEvent event, DurableConfig config) {
        this.client = client;
        this.executionArn = event.executionArn();
        this.token = event.checkpointToken();
        this.config = config;
        this.state.merge(event.operations());
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "durable-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
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
        while (marker != null && !marker.isEmpty()) {
            GetDurableExecutionStateResponse page = client.getExecutionState(executionArn, token, marker);
            synchronized (lock) {
                stateCalls++;
                state.merge(page.operations());
            }
            marker = page.nextMarker();
        }
        synchronized (lock) {
            replaying = state.size() > 1;
        }
    }

    public Operation operation(String id) {
        synchronized (lock) {
            return state.get(id);
        }
    }

    public boolean isReplaying() {
        synchronized (lock) {
            return replaying;
        }
    }

    /** The first operation that is not already finished in the log ends replay (for good). */
    public void executing() {
        synchronized (lock) {
            replaying = false;
            executedOperations++;
        }
    }

    public void replayed() {
        synchronized (lock) {
            replayedOperations++;
        }
    }

    public RuntimeMetricsSnapshot metrics() {
        synchronized (lock) {
            return new RuntimeMetricsSnapshot(checkpointCalls, pollCalls, stateCalls, updatesSent, bytesSent,
                    replayedOperations, executedOperations, operationClock.totalNanos());
        }
    }

    /** Times the root context's operations (see {@link OperationClock}). */
    OperationClock operationClock() {
        return operationClock;
    }

    /** Records that {@code contextId} is a context whose checkpointed parent is {@code parentId}. */
    public void registerContext(String contextId, String parentId) {
        synchronized (lock) {
            contextParents.put(contextId, parentId);
        }
    }

    /**
     * The map or parallel that owns {@code contextIds} has completed: whatever these contexts still
     * do must not be checkpointed (the service would refuse children of a finished parent, and the
     * completed result must not change).
     */
    public void closeContexts(Collection<String> contextIds) {
        synchronized (lock) {
            closedContexts.addAll(contextIds);
        }
    }

    private boolean insideClosedContext(OperationUpdate u) {
        if (closedContexts.isEmpty()) {
            return false;
        }
        if (closedContexts.contains(u.id())) {
            return true;
        }
        String p = u.parentId();
        for (int depth = 0; p != null && depth < 10_000; depth++) {
            if (closedContexts.contains(p)) {
                return true;
            }
            p = contextParents.get(p);
        }
        return false;
    }

    // ---------------------------------------------------------------- threads

    /** Runs {@code body} on a new thread of this invocation; it counts as active from now on. */
    public void startThread(Runnable body) {
        synchronized (lock) {
            if (outcome != null) {
                throw new SuspendSignal("the invocation has ended");
            }
            active++;
        }
        threads.execute(() -> {
            try {
                body.run();
            } catch (SuspendSignal ended) {
                // the invocation is over; this thread just unwinds
            } catch (AssertionError unexpected) {
                finish(new Outcome.Failed(Errors.of(unexpected)));
            } catch (Error fatal) {
                // not a failure of the workflow: the invocation dies (Lambda retries it)
                finish(new Outcome.Crashed(fatal));
            } catch (Throwable unexpected) {
                finish(new Outcome.Failed(Errors.of(unexpected)));
            } finally {
                synchronized (lock) {
                    active--;
                    lock.notifyAll();
                    evaluate();
                }
            }
        });
    }

    /** Wakes waiters whose condition depends on something other than the log (e.g. a map item finishing). */
    public void signal() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Fails the execution (for example on non-determinism), whatever user code does with the exception. */
    public void failExecution(software.amazon.awssdk.services.lambda.model.ErrorObject error) {
        finish(new Outcome.Failed(error));
    }

    /**
     * Blocks the calling thread until {@code condition} holds. While blocked the thread is not
     * active. Throws {@link SuspendSignal} if the invocation ends meanwhile.
     */
    public void awaitUntil(BooleanSupplier condition, ServerWait serverWait) {
        synchronized (lock) {
            checkOpen();
            if (condition.getAsBoolean()) {
                return;
            }
            Waiter w = new Waiter(condition, serverWait);
            waiters.add(w);
            active--;
            if (serverWait != null) {
                pollDelayMs = FIRST_POLL_DELAY_MS;
            }
            try {
                lock.notifyAll(); // the sender may need to schedule a poll
                while (true) {
                    checkOpen();
                    if (condition.getAsBoolean()) {
                        return;
                    }
                    evaluate();
                    checkOpen();
                    lock.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SuspendSignal("interrupted");
            } finally {
                waiters.remove(w);
                active++;
            }
        }
    }

    /** Waits until operation {@code id} satisfies {@code done}; only the service can make that happen. */
    public Operation awaitOperation(String id, Predicate<Operation> done, Instant expectedAt) {
        awaitUntil(() -> done.test(state.get(id)), new ServerWait(id, expectedAt));
        return operation(id);
    }

    private void checkOpen() {
        if (outcome != null) {
            throw new SuspendSignal("the invocation has ended (" + outcome.getClass().getSimpleName() + ")");
        }
    }

    /** Decides, under the lock, whether nothing can progress any more. */
    private void evaluate() {
        if (outcome != null || active > 0 || inFlight || !queue.isEmpty()) {
            return;
        }
        boolean serverPending = false;
        for (Waiter w : waiters) {
            if (w.ready()) {
                return;
            }
            serverPending |= w.serverWait() != null;
        }
        if (waiters.isEmpty()) {
            return; // every thread finished; the handler thread decides the outcome
        }
        if (serverPending) {
            setOutcome(new Outcome.Pending());
        } else {
            setOutcome(new Outcome.Failed(Errors.of("DurableRuntimeDeadlock", "every thread of the handler waits, "
                    + "but nothing it waits for can be completed by the service (" + waiters.size() + " waiting)")));
        }
    }

    // ---------------------------------------------------------------- checkpoints

    /** Queues an update; the future completes when the service has acknowledged it. */
    public CompletableFuture<Void> enqueue(OperationUpdate update) {
        long bytes = utf8(update.payload()) + (update.error() == null ? 0 : utf8(update.error().errorMessage())
                + utf8(update.error().errorType()) + utf8(update.error().errorData()));
        if (utf8(update.payload()) > MAX_OPERATION_PAYLOAD_BYTES) {
            throw new PayloadTooLargeException(update.type() + " payload of operation " + describe(update) + " is "
                    + utf8(update.payload()) + " bytes; the service accepts at most " + MAX_OPERATION_PAYLOAD_BYTES);
        }
        synchronized (lock) {
            checkOpen();
            CompletableFuture<Void> ack = new CompletableFuture<>();
            if (insideClosedContext(update)) {
                ack.complete(null);
                return ack;
            }
            if (queue.isEmpty()) {
                firstQueuedAt = System.currentTimeMillis();
            }
            queue.add(new Pending(update, ack, bytes));
            lock.notifyAll();
            return ack;
        }
    }

    /** Queues an update and waits for the service to acknowledge it. */
    public void checkpoint(OperationUpdate update) {
        CompletableFuture<Void> ack = enqueue(update);
        awaitUntil(ack::isDone, null);
        ack.join();
    }

    /** Waits until every queued update is acknowledged. */
    public void flush() {
        awaitUntil(() -> queue.isEmpty() && !inFlight, null);
    }

    private void senderLoop() {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            String callToken;
            synchronized (lock) {
                try {
                    while (true) {
                        if (outcome != null) {
                            return;
                        }
                        long now = System.currentTimeMillis();
                        if (!queue.isEmpty()) {
                            long due = firstQueuedAt + config.checkpointDelay().toMillis();
                            if (now >= due) {
                                break;
                            }
                            lock.wait(due - now);
                            continue;
                        }
                        long pollAt = nextPollAt();
                        if (pollAt == Long.MAX_VALUE) {
                            lock.wait();
                        } else if (now >= pollAt) {
                            break;
                        } else {
                            lock.wait(pollAt - now);
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
                long bytes = 0;
                while (!queue.isEmpty() && batch.size() < config.maxUpdatesPerCheckpoint()
                        && (batch.isEmpty() || bytes + queue.peek().bytes() <= config.maxBytesPerCheckpoint())) {
                    Pending p = queue.poll();
                    bytes += p.bytes();
                    batch.add(p);
                }
                if (!queue.isEmpty()) {
                    firstQueuedAt = System.currentTimeMillis();
                }
                inFlight = true;
                callToken = token;
            }
            send(batch, callToken);
        }
    }

    private void send(List<Pending> batch, String callToken) {
        List<OperationUpdate> updates = batch.stream().map(Pending::update).toList();
        List<Operation> changed = new ArrayList<>();
        String newToken;
        long pages = 0;
        try {
            CheckpointDurableExecutionResponse response = client.checkpoint(executionArn, callToken, updates);
            newToken = response.checkpointToken();
            CheckpointUpdatedExecutionState newState = response.newExecutionState();
            String marker = null;
            if (newState != null) {
                changed.addAll(newState.operations());
                marker = newState.nextMarker();
            }
            while (marker != null && !marker.isEmpty()) {
                GetDurableExecutionStateResponse page = client.getExecutionState(executionArn, newToken, marker);
                pages++;
                changed.addAll(page.operations());
                marker = page.nextMarker();
            }
        } catch (CheckpointException e) {
            synchronized (lock) {
                inFlight = false;
                checkpointCalls++;
                setOutcome(e.isRetryable() ? new Outcome.Retry(e)
                        : new Outcome.Failed(Errors.of("CheckpointFailed", e.getMessage())));
                batch.forEach(p -> p.acknowledged().completeExceptionally(e));
            }
            return;
        } catch (RuntimeException e) {
            synchronized (lock) {
                inFlight = false;
                setOutcome(new Outcome.Retry(e));
                batch.forEach(p -> p.acknowledged().completeExceptionally(e));
            }
            return;
        }
        synchronized (lock) {
            inFlight = false;
            token = newToken;
            checkpointCalls++;
            stateCalls += pages;
            if (batch.isEmpty()) {
                pollCalls++;
                lastPollAt = System.currentTimeMillis();
                pollDelayMs = changed.isEmpty() ? Math.min(MAX_POLL_DELAY_MS, pollDelayMs * 2) : FIRST_POLL_DELAY_MS;
            }
            updatesSent += batch.size();
            for (Pending p : batch) {
                bytesSent += p.bytes();
            }
            state.merge(changed);
            batch.forEach(p -> p.acknowledged().complete(null));
            lock.notifyAll();
            evaluate();
        }
    }

    /** When to send an empty checkpoint to learn the service's changes; MAX_VALUE when no one needs one. */
    private long nextPollAt() {
        long best = Long.MAX_VALUE;
        long now = System.currentTimeMillis();
        for (Waiter w : waiters) {
            ServerWait sw = w.serverWait();
            if (sw == null || w.ready()) {
                continue;
            }
            long at;
            if (sw.expectedAt() != null && sw.expectedAt().toEpochMilli() > lastPollAt) {
                // the service fires timers on its own schedule; ask shortly after the due time
                at = sw.expectedAt().toEpochMilli() + 50;
            } else {
                long base = Math.max(lastPollAt, now - pollDelayMs);
                at = base + pollDelayMs / 2 + ThreadLocalRandom.current().nextLong(pollDelayMs / 2 + 1);
            }
            best = Math.min(best, at);
        }
        return best;
    }

    // ---------------------------------------------------------------- outcome

    public void start() {
        Thread sender = new Thread(this::senderLoop, "durable-checkpoint");
        sender.setDaemon(true);
        sender.start();
    }

    /** Ends the invocation with {@code o} unless it already ended. */
    public void finish(Outcome o) {
        synchronized (lock) {
            setOutcome(o);
        }
    }

    private void setOutcome(Outcome o) {
        if (outcome == null) {
            outcome = o;
            lock.notifyAll();
        }
    }

    public Outcome awaitOutcome() {
        synchronized (lock) {
            while (outcome == null) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Outcome.Retry(new IllegalStateException("interrupted while waiting for the handler"));
                }
            }
            return outcome;
        }
    }

    public void close() {
        threads.shutdown();
    }

    private static long utf8(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String describe(OperationUpdate u) {
        return u.name() == null ? u.id() : "\"" + u.name() + "\" (" + u.id() + ")";
    }
}
