package io.durablebench.locallambda.function;

import io.durablebench.locallambda.durable.model.ErrorObject;
import java.time.Instant;

/**
 * How one handler invocation ended: its output bytes, or the error Lambda would report for it.
 *
 * @param output  the handler's output (null on failure)
 * @param error   the function error (null on success)
 * @param timedOut true when the invocation exceeded the function's timeout
 */
public record InvocationOutcome(String requestId, Instant start, Instant end, byte[] output, ErrorObject error,
                                boolean timedOut) {
    public boolean succeeded() {
        return error == null;
    }
}
