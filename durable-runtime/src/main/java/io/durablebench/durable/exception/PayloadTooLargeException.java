package io.durablebench.durable.exception;

/**
 * A value to checkpoint is larger than the service accepts for one operation (262,144 bytes).
 * Store large data elsewhere (for example in S3) and checkpoint its key.
 */
public class PayloadTooLargeException extends DurableExecutionException {
    public PayloadTooLargeException(String message) {
        super(message);
    }
}
