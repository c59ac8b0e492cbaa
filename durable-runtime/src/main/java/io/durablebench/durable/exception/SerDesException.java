package io.durablebench.durable.exception;

/** A value could not be serialized for a checkpoint, or checkpointed data could not be read back. */
public class SerDesException extends DurableExecutionException {
    public SerDesException(String message, Throwable cause) {
        super(message, cause);
    }
}
