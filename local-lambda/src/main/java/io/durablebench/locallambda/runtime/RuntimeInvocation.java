package io.durablebench.locallambda.runtime;

import io.durablebench.locallambda.function.InvocationOutcome;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One invocation handed to an execution environment: what {@code /invocation/next} answers, and
 * the outcome its {@code /response} or {@code /error} (or the environment's death) completes.
 *
 * @param deadlineMillis epoch milliseconds by which the function must answer (its timeout)
 */
record RuntimeInvocation(String requestId, byte[] payload, String invokedArn, long deadlineMillis, Instant start,
                         CompletableFuture<InvocationOutcome> outcome) {
    RuntimeInvocation(String requestId, byte[] payload, String invokedArn, long deadlineMillis) {
        this(requestId, payload, invokedArn, deadlineMillis, Instant.now(), new CompletableFuture<>());
    }
}
