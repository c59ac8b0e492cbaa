package io.durablebench.durable.exception;

import software.amazon.awssdk.services.lambda.model.ErrorObject;

/** Thrown when a step failed after its retries (or without retry). */
public class StepFailedException extends DurableOperationException {
    public StepFailedException(String message, String operationName, ErrorObject error, Throwable cause) {
        super(message, operationName, error, cause);
    }
}
