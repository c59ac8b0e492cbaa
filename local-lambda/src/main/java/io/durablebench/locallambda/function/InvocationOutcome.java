package io.durablebench.locallambda.function;

import io.durablebench.locallambda.durable.model.ErrorObject;
import java.time.Instant;

/**
 * How one handler invocation ended: its output bytes, or the error Lambda would report for it.
 *
 * @param output  the handler's output (null on failure)
 * @param error   the function error (null on success)
 * @param timedOut true when the invocation exceeded the function's timeout
 * @param throttled true when the function was at its concurrency limit and the handler did not run
 */
public record InvocationOutcome(String requestId, Instant start, Instant end, byte[] output, ErrorObject error,
                                boolean timedOut, boolean throttled) {
    public InvocationOutcome(String requestId, Instant start, Instant end, byte[] output, ErrorObject error,
                             boolean timedOut) {
        this(requestId, start, end, output, error, timedOut, false);
    }

    /** The function is at its concurrency limit: Lambda answers TooManyRequestsException, the handler never runs. */
    public static InvocationOutcome throttled(String requestId, String functionName, int limit) {
        Instant now = Instant.now();
        return new InvocationOutcome(requestId, now, now, null, ErrorObject.of("TooManyRequestsException",
                "Rate Exceeded. " + functionName + " is running its limit of " + limit + " concurrent invocations."),
                false, true);
    }

    public boolean succeeded() {
        return error == null;
    }

    /** The LambdaApiException an Invoke caller gets for a throttled invocation. */
    public io.durablebench.locallambda.error.LambdaApiException throttleException() {
        return io.durablebench.locallambda.error.LambdaApiException.tooManyRequests(error.errorMessage(),
                "ReservedFunctionConcurrentInvocationLimitExceeded", 1);
    }
}
