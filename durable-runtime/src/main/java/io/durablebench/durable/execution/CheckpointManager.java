package io.durablebench.durable.execution;

import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.client.DurableExecutionClient;
import io.durablebench.durable.client.SdkCallTimings;
import io.durablebench.durable.exception.CheckpointException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.lambda.model.CheckpointDurableExecutionResponse;
import software.amazon.awssdk.services.lambda.model.CheckpointUpdatedExecutionState;
import software.amazon.awssdk.services.lambda.model.GetDurableExecutionStateResponse;
import software.amazon.awssdk.services.lambda.model.Operation;
import software.amazon.awssdk.services.lambda.model.OperationUpdate;

/**
 * The invocation's side of the checkpoint protocol: the token, the calls, and what their answers
 * change.
 *
 * <p>Updates go through the {@link CheckpointBatcher}'s ordered queue. One sender thread makes one
 * call at a time, always with the newest token (each token is good for one call); everything
 * queued meanwhile goes out in the next call, within the batcher's limits. The response's
 * operations are merged into the log (paged with the new token when the service says there is
 * more) before the updates are acknowledged, so a thread woken by the acknowledgement sees the
 * service's view. While threads wait for the service and others still run, the sender polls with
 * empty checkpoints on the {@link PollSchedule}.
 *
 * <p>A failed call ends the invocation: retryable failures (throttling, server errors, a stale
 * token, network errors) make Lambda retry it, others fail the execution.
 */
final class CheckpointManager {
    private final Object lock;
    private final DurableExecutionClient client;
    private final String executionArn;
    private final ExecutionState state;
    private final ExecutionManager execution;
    private final RuntimeCounters counters;
    private final TimingRecorder timings;
    private final CheckpointBatcher batcher;
    private final PollSchedule polls = new PollSchedule(bound -> ThreadLocalRandom.current().nextLong(bound));
    private final ClosedContexts closedContexts = new ClosedContexts();
    private String token;
    private boolean inFlight;
    /** When the last call's answer was applied (monotonic nanoseconds; 0 before the first call). */
    private long lastCallEndedAt;

    /** Starts from {@code event}'s execution and checkpoint token. */
    CheckpointManager(Object lock, DurableExecutionClient client, InvocationEvent event, DurableConfig config,
                      ExecutionState state, ExecutionManager execution, RuntimeCounters counters) {
        this.lock = lock;
        this.client = client;
        this.executionArn = event.executionArn();
        this.token = event.checkpointToken();
        this.state = state;
        this.execution = execution;
        this.counters = counters;
        this.timings = counters.timings();
        this.batcher = new CheckpointBatcher(config.maxUpdatesPerCheckpoint(), config.maxBytesPerCheckpoint(),
                config.checkpointDelay());
    }

    /** Fetches the rest of the log when the event said there is more; must run before user code. */
    void loadRemainingPages(String marker) {
        while (marker != null && !marker.isEmpty()) {
            String callToken;
            synchronized (lock) {
                callToken = token;
            }
            long started = System.nanoTime();
            GetDurableExecutionStateResponse page = client.getExecutionState(executionArn, callToken, marker);
            timings.stateCall(System.nanoTime() - started);
            counters.stateCalls(1);
            synchronized (lock) {
                state.merge(page.operations());
            }
            marker = page.nextMarker();
        }
    }

    /** Updates queued and not yet in a call (for tests and diagnostics). */
    int queued() {
        synchronized (lock) {
            return batcher.size();
        }
    }

    /** No update queued or in flight. Call under the lock. */
    boolean idle() {
        return batcher.isEmpty() && !inFlight;
    }

    /** A thread began waiting for the service. Call under the lock. */
    void serverWaitBegan() {
        polls.restart();
    }

    void registerContext(String contextId, String parentId) {
        synchronized (lock) {
            closedContexts.register(contextId, parentId);
        }
    }

    void closeContexts(Collection<String> contextIds) {
        synchronized (lock) {
            closedContexts.close(contextIds);
        }
    }

    /** Queues an update; the future completes when the service has acknowledged it. */
    CompletableFuture<Void> enqueue(OperationUpdate update) {
        long bytes = CheckpointBatcher.checkedBytes(update);
        synchronized (lock) {
            execution.checkOpen();
            if (closedContexts.contains(update)) {
                return CompletableFuture.completedFuture(null);
            }
            long dueBefore = batcher.dueAtNanos(false);
            CheckpointBatcher.QueuedUpdate q = batcher.add(update, bytes, System.nanoTime());
            wakeSenderIfDueSooner(dueBefore);
            return q.acknowledged();
        }
    }

    /**
     * Queues an update and waits for the service to acknowledge it. When no call is in flight the
     * calling thread makes the call itself, so the update does not wait for another thread to pick it
     * up nor the caller for another thread to wake it (ADR 0005).
     */
    void checkpoint(OperationUpdate update) {
        long bytes = CheckpointBatcher.checkedBytes(update);
        CheckpointBatcher.QueuedUpdate q;
        List<CheckpointBatcher.QueuedUpdate> batch = null;
        String callToken = null;
        synchronized (lock) {
            execution.checkOpen();
            if (closedContexts.contains(update)) {
                return;
            }
            long now = System.nanoTime();
            long dueBefore = batcher.dueAtNanos(false);
            q = batcher.add(update, bytes, now);
            batcher.awaited(q, now);
            if (!inFlight && batcher.dueAtNanos(false) <= now) {
                batch = takeBatch(now);
                callToken = token;
            } else {
                wakeSenderIfDueSooner(dueBefore);
            }
        }
        if (batch != null) {
            send(batch, callToken);
        }
        sendWhileDue(q.acknowledged()::isDone);
        if (!q.acknowledged().isDone()) {
            execution.awaitUntil(q.acknowledged()::isDone, null);
            timings.handOff(System.nanoTime() - q.acknowledgedAtNanos());
        }
        q.acknowledged().join();
    }

    /** The sender thread sleeps until the queue is due: wake it when that moved earlier. Call under the lock. */
    private void wakeSenderIfDueSooner(long dueBefore) {
        if (batcher.dueAtNanos(false) < dueBefore) {
            lock.notifyAll();
        }
    }

    /** Waits until every queued update is acknowledged. */
    void flush() {
        synchronized (lock) {
            batcher.awaitAll(System.nanoTime());
        }
        sendWhileDue(this::idleUnderLock);
        execution.awaitUntil(this::idle, null);
    }

    private boolean idleUnderLock() {
        synchronized (lock) {
            return idle();
        }
    }

    /** On the calling thread: makes calls while the queue is due, no other call is in flight and {@code done} is false. */
    private void sendWhileDue(BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            List<CheckpointBatcher.QueuedUpdate> batch;
            String callToken;
            synchronized (lock) {
                long now = System.nanoTime();
                if (execution.ended() || inFlight || batcher.dueAtNanos(!execution.anyThreadActive()) > now) {
                    return;
                }
                batch = takeBatch(now);
                callToken = token;
            }
            send(batch, callToken);
        }
    }

    /** Takes the next call's updates and marks the call in flight. Call under the lock. */
    private List<CheckpointBatcher.QueuedUpdate> takeBatch(long now) {
        List<CheckpointBatcher.QueuedUpdate> batch = batcher.take(now);
        recordWait(batch, now);
        inFlight = true;
        return batch;
    }

    void start() {
        Thread sender = new Thread(this::senderLoop, "durable-checkpoint");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * The sender thread: sends what is due when no thread sends it itself (updates queued behind a
     * call in flight, updates nobody waits for once their time has come) and polls for the service's
     * changes while threads wait for them.
     */
    private void senderLoop() {
        while (true) {
            List<CheckpointBatcher.QueuedUpdate> batch;
            String callToken;
            synchronized (lock) {
                try {
                    while (true) {
                        if (execution.ended()) {
                            return;
                        }
                        if (inFlight) {
                            lock.wait();
                            continue;
                        }
                        if (!batcher.isEmpty()) {
                            long wait = batcher.dueAtNanos(!execution.anyThreadActive()) - System.nanoTime();
                            if (wait <= 0) {
                                break;
                            }
                            lock.wait(Math.max(1, wait / 1_000_000), 0);
                            continue;
                        }
                        long now = System.currentTimeMillis();
                        long pollAt = polls.nextPollAt(execution.pendingServerWaits(), now);
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
                batch = takeBatch(System.nanoTime());
                callToken = token;
            }
            send(batch, callToken);
        }
    }

    /**
     * How long the oldest update a thread waits for in {@code batch} waited before this call started at
     * {@code startedAt}: behind the previous call, then for the call to start. Call under the lock.
     */
    private void recordWait(List<CheckpointBatcher.QueuedUpdate> batch, long startedAt) {
        long awaitedSince = CheckpointBatcher.QueuedUpdate.NOT_AWAITED;
        for (CheckpointBatcher.QueuedUpdate q : batch) {
            awaitedSince = Math.min(awaitedSince, q.awaitedSinceNanos());
        }
        if (awaitedSince == CheckpointBatcher.QueuedUpdate.NOT_AWAITED) {
            return;
        }
        long behindCall = Math.max(0, lastCallEndedAt - awaitedSince);
        long idle = Math.max(0, startedAt - Math.max(awaitedSince, lastCallEndedAt));
        timings.waitedForCall(behindCall, idle);
    }

    private void send(List<CheckpointBatcher.QueuedUpdate> batch, String callToken) {
        List<OperationUpdate> updates = batch.stream().map(CheckpointBatcher.QueuedUpdate::update).toList();
        List<Operation> changed = new ArrayList<>();
        String newToken;
        long pages = 0;
        long started = System.nanoTime();
        try {
            CheckpointDurableExecutionResponse response = client.checkpoint(executionArn, callToken, updates);
            SdkCallTimings sdk = client.lastCallTimings();
            newToken = response.checkpointToken();
            CheckpointUpdatedExecutionState newState = response.newExecutionState();
            String marker = null;
            if (newState != null) {
                changed.addAll(newState.operations());
                marker = newState.nextMarker();
            }
            while (marker != null && !marker.isEmpty()) {
                GetDurableExecutionStateResponse page = client.getExecutionState(executionArn, newToken, marker);
                sdk = sum(sdk, client.lastCallTimings());
                pages++;
                changed.addAll(page.operations());
                marker = page.nextMarker();
            }
            timings.checkpointCall(System.nanoTime() - started, sdk);
        } catch (CheckpointException e) {
            timings.checkpointCall(System.nanoTime() - started, client.lastCallTimings());
            synchronized (lock) {
                inFlight = false;
                lastCallEndedAt = System.nanoTime();
                counters.failedCheckpointCall();
                execution.end(e.isRetryable() ? new Outcome.Retry(e)
                        : new Outcome.Failed(Errors.of("CheckpointFailed", e.getMessage())));
                batch.forEach(q -> q.acknowledged().completeExceptionally(e));
            }
            return;
        } catch (RuntimeException e) {
            timings.checkpointCall(System.nanoTime() - started, SdkCallTimings.UNKNOWN);
            synchronized (lock) {
                inFlight = false;
                lastCallEndedAt = System.nanoTime();
                execution.end(new Outcome.Retry(e));
                batch.forEach(q -> q.acknowledged().completeExceptionally(e));
            }
            return;
        }
        synchronized (lock) {
            inFlight = false;
            token = newToken;
            long bytes = 0;
            for (CheckpointBatcher.QueuedUpdate q : batch) {
                bytes += q.bytes();
            }
            counters.checkpointCall(batch.size(), bytes);
            counters.stateCalls(pages);
            if (batch.isEmpty()) {
                polls.answered(!changed.isEmpty(), System.currentTimeMillis());
            }
            state.merge(changed);
            long now = System.nanoTime();
            batch.forEach(q -> q.acknowledge(now));
            lastCallEndedAt = now;
            lock.notifyAll();
            execution.evaluate();
        }
    }

    private static SdkCallTimings sum(SdkCallTimings a, SdkCallTimings b) {
        return new SdkCallTimings(a.marshallingNanos() + b.marshallingNanos(), a.signingNanos() + b.signingNanos(),
                a.httpNanos() + b.httpNanos(), a.unmarshallingNanos() + b.unmarshallingNanos());
    }
}
