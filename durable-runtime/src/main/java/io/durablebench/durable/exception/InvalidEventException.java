package io.durablebench.durable.exception;

/** The invocation event is not a durable execution event this runtime can run (malformed or unknown content). */
public class InvalidEventException extends DurableExecutionException {
    public InvalidEventException(String message) {
        super(message);
    }
}
