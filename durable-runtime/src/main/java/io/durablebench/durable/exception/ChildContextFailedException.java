package io.durablebench.durable.exception;

import software.amazon.awssdk.services.lambda.model.ErrorObject;

/** Thrown when the child context's body failed. */
public class ChildContextFailedException extends DurableOperationException {
    public ChildContextFailedException(String message, String operationName, ErrorObject error, Throwable cause) {
        super(message, operationName, error, cause);
    }
}
