package io.durablebench.locallambda.durable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.durablebench.locallambda.durable.model.ErrorObject;
import io.durablebench.locallambda.durable.model.ExecutionStatus;
import io.durablebench.locallambda.error.LambdaApiException;
import io.durablebench.locallambda.function.FunctionHost;
import io.durablebench.locallambda.function.FunctionTarget;
import io.durablebench.locallambda.function.InvocationOutcome;
import io.durablebench.locallambda.json.Json;
import io.durablebench.locallambda.json.WireJson;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Runs an execution's handler, one invocation at a time per execution: builds the invocation
 * event (ARN, a fresh checkpoint token, the first page of the state), hands it to the function
 * host on a worker, and settles the outcome. A handler that throws, times out or answers PENDING
 * with nothing pending is invoked again after the back-off until the attempts run out; SUCCEEDED
 * and FAILED outputs close the execution; PENDING with changes the handler has not seen invokes
 * again at once. Every invocation ends with an {@code InvocationCompleted} event; a throttled one
 * (the function at its concurrency limit, the handler never ran) is simply tried again later.
 */
final class InvocationScheduler {
    private final FunctionHost host;
    private final ExecutionCommitter committer;
    private final TimerScheduler timers;
    private final DurableService.Options options;
    private final OperationPages pages;

    /** @param timers the re-invocation timers, on the service's threads and clock, which this scheduler uses too */
    InvocationScheduler(FunctionHost host, ExecutionCommitter committer, TimerScheduler timers,
                        DurableService.Options options) {
        this.host = host;
        this.committer = committer;
        this.timers = timers;
        this.options = options;
        this.pages = new OperationPages(options.pageBytes());
    }

    /** Starts an invocation unless one is in flight (that one will see the change, or be followed by another). */
    void request(DurableExecution exec) {
        FunctionTarget target;
        DurableExecution.Invocation inv;
        byte[] payload;
        exec.lock.lock();
        try {
            if (timers.threads().closing() || exec.isClosed() || exec.invocation != null || !exec.persisted) {
                return;
            }
            timers.cancel(exec, "reinvoke");
            try {
                target = host.resolve(exec.header.functionName(), exec.header.version());
            } catch (LambdaApiException e) {
                ExecutionTx tx = new ExecutionTx(exec);
                Transitions.close(tx, ExecutionStatus.FAILED, null, ErrorObject.of(e.type().name(), e.getMessage()),
                        timers.clock().now());
                committer.commit(exec, tx);
                return;
            }
            inv = new DurableExecution.Invocation(UUID.randomUUID().toString(), timers.clock().now(),
                    Tokens.checkpointToken(), exec.seq);
            exec.invocation = inv;
            exec.metrics.invocations++;
            payload = invocationEvent(exec, inv);
        } finally {
            exec.lock.unlock();
        }
        timers.threads().submit(() -> {
            InvocationOutcome outcome = host.invoke(target, payload, inv.requestId);
            finish(exec, inv, outcome);
        });
    }

    /** The invocation event: ARN, token and the first page of the operations (the rest through NextMarker). */
    byte[] invocationEvent(DurableExecution exec, DurableExecution.Invocation inv) {
        ObjectNode event = Json.object();
        event.put("DurableExecutionArn", exec.header.arn());
        event.put("CheckpointToken", inv.token);
        ObjectNode state = event.putObject("InitialExecutionState");
        OperationPages.Page page = pages.page(exec.ops, 0, options.invocationStatePageItems(),
                WireJson.Timestamps.EPOCH_MILLIS);
        state.set("Operations", page.operations());
        state.set("NextMarker", page.more() ? Json.NODES.textNode(Tokens.marker("s:" + page.nextIndex()))
                : Json.NODES.nullNode());
        return Json.bytes(event);
    }

    /** Settles one invocation's outcome; ignored if it is no longer the execution's invocation. */
    void finish(DurableExecution exec, DurableExecution.Invocation inv, InvocationOutcome outcome) {
        Duration retryAfter = null;
        boolean invokeNow = false;
        exec.lock.lock();
        try {
            if (exec.invocation != inv || timers.threads().closing()) {
                return;
            }
            exec.invocation = null;
            inv.movedOn();
            Instant now = timers.clock().now();
            if (outcome.throttled()) {
                // the handler never ran (the function is at its concurrency limit): try again after the
                // back-off, without counting a failed invocation, as Lambda retries throttled events; in
                // real time even when skipping time, or a throttled execution would spin
                exec.metrics.invocations--;
                if (!exec.isClosed()) {
                    timers.schedule(exec, "reinvoke", now.plus(options.invocationRetryDelay()), false,
                            () -> request(exec));
                }
                return;
            }
            ExecutionTx tx = new ExecutionTx(exec);
            if (exec.isClosed()) {
                // A stop, timeout or EXECUTION checkpoint closed the execution meanwhile; the output no longer matters.
                completed(tx, inv, now, outcome.error());
                committer.write(exec, tx);
                return;
            }
            if (!outcome.succeeded()) {
                exec.metrics.failedInvocations++;
                completed(tx, inv, now, outcome.error());
                retryAfter = failedAttempt(tx, options.maxInvocationAttempts(), outcome.error(), now);
            } else {
                HandlerOutput output = HandlerOutput.parse(outcome.output());
                if (output.invalid() != null) {
                    exec.metrics.failedInvocations++;
                    completed(tx, inv, now, null);
                    Transitions.close(tx, ExecutionStatus.FAILED, null,
                            ErrorObject.of("InvalidParameterValueException", output.invalid()), now);
                } else {
                    switch (output.status()) {
                        case "SUCCEEDED" -> {
                            completed(tx, inv, now, null);
                            Transitions.close(tx, ExecutionStatus.SUCCEEDED, output.result(), null, now);
                        }
                        case "FAILED" -> {
                            completed(tx, inv, now, null);
                            Transitions.close(tx, ExecutionStatus.FAILED, null, output.error(), now);
                        }
                        default -> {
                            boolean unseen = exec.hasChangesSince(inv.seenSeq);
                            if (!unseen && !exec.hasPendingOperations()) {
                                exec.metrics.failedInvocations++;
                                ErrorObject error = ErrorObject.of("InvalidParameterValueException",
                                        "Cannot return PENDING status with no pending operations.");
                                completed(tx, inv, now, error);
                                retryAfter = failedAttempt(tx, options.maxInvalidPendingAttempts(), error, now);
                            } else {
                                completed(tx, inv, now, null);
                                tx.header = tx.header.withConsecutiveFailures(0).withAwaitingInvocation(unseen);
                                invokeNow = unseen;
                            }
                        }
                    }
                }
            }
            committer.commit(exec, tx);
            if (retryAfter != null) {
                timers.schedule(exec, "reinvoke", now.plus(retryAfter), true, () -> request(exec));
            }
        } finally {
            exec.lock.unlock();
        }
        if (invokeNow) {
            request(exec);
        }
    }

    private static void completed(ExecutionTx tx, DurableExecution.Invocation inv, Instant now, ErrorObject error) {
        tx.event("InvocationCompleted", null, now, History.invocationCompleted(inv.start, now, inv.requestId, error));
    }

    /** Counts a failed attempt: the back-off before the next, or null when the execution failed for good. */
    private Duration failedAttempt(ExecutionTx tx, int maxAttempts, ErrorObject error, Instant now) {
        int failures = tx.header.consecutiveFailures() + 1;
        if (failures >= maxAttempts) {
            Transitions.close(tx, ExecutionStatus.FAILED, null, error, now);
            return null;
        }
        tx.header = tx.header.withConsecutiveFailures(failures).withAwaitingInvocation(true);
        return options.invocationRetryDelay();
    }
}
