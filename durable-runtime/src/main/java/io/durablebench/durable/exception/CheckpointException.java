package io.durablebench.durable.exception;

/**
 * The durable execution service refused or failed a checkpoint or state call. {@link #isRetryable()}
 * tells whether the invocation should be retried by Lambda (throttling, server errors, a stale
 * checkpoint token) or the execution must fail.
 */
public class CheckpointException extends DurableExecutionException {
    private final boolean retryable;

    public CheckpointException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
