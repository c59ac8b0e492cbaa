package io.durablebench.durable.execution;

import io.durablebench.durable.DurableConfig;
import io.durablebench.durable.client.DurableExecutionClient;
import io.durablebench.durable.exception.CheckpointException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
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
    private final CheckpointBatcher batcher;
    private final PollSchedule polls = new PollSchedule(bound -> ThreadLocalRandom.current().nextLong(bound));
    private final ClosedContexts closedContexts = new ClosedContexts();
    private String token;
    private boolean inFlight;

    CheckpointManager(Object lock, DurableExecutionClient client, String executionArn, String token, DurableConfig config,
                      ExecutionState state, ExecutionManager execution, RuntimeCounters counters) {
        this.lock = lock;
        this.client = client;
        this.executionArn = executionArn;
        this.token = token;
        this.state = state;
        this.execution = execution;
        this.counters = counters;
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
            GetDurableExecutionStateResponse page = client.getExecutionState(executionArn, callToken, marker);
            counters.stateCalls(1);
            synchronized (lock) {
                state.merge(page.operations());
            }
            marker = page.nextMarker();
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
            CompletableFuture<Void> ack = batcher.add(update, bytes, System.nanoTime()).acknowledged();
            lock.notifyAll();
            return ack;
        }
    }

    /** Queues an update and waits for the service to acknowledge it. */
    void checkpoint(OperationUpdate update) {
        CompletableFuture<Void> ack = enqueue(update);
        execution.awaitUntil(ack::isDone, null);
        ack.join();
    }

    /** Waits until every queued update is acknowledged. */
    void flush() {
        execution.awaitUntil(this::idle, null);
    }

    void start() {
        Thread sender = new Thread(this::senderLoop, "durable-checkpoint");
        sender.setDaemon(true);
        sender.start();
    }

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
                        if (!batcher.isEmpty()) {
                            long wait = batcher.dueAtNanos() - System.nanoTime();
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
                batch = batcher.take(System.nanoTime());
                inFlight = true;
                callToken = token;
            }
            send(batch, callToken);
        }
    }

    private void send(List<CheckpointBatcher.QueuedUpdate> batch, String callToken) {
        List<OperationUpdate> updates = batch.stream().map(CheckpointBatcher.QueuedUpdate::update).toList();
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
                counters.failedCheckpointCall();
                execution.end(e.isRetryable() ? new Outcome.Retry(e)
                        : new Outcome.Failed(Errors.of("CheckpointFailed", e.getMessage())));
                batch.forEach(q -> q.acknowledged().completeExceptionally(e));
            }
            return;
        } catch (RuntimeException e) {
            synchronized (lock) {
                inFlight = false;
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
            batch.forEach(q -> q.acknowledged().complete(null));
            lock.notifyAll();
            execution.evaluate();
        }
    }
}
