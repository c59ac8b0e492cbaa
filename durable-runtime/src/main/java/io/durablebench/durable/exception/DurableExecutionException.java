package io.durablebench.durable.exception;

/** Base of every failure the durable runtime reports. */
public class DurableExecutionException extends RuntimeException {
    public DurableExecutionException(String message) {
        super(message);
    }

    public DurableExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
