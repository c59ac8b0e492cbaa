package io.durablebench.durable.exception;

import software.amazon.awssdk.services.lambda.model.ErrorObject;

/** Thrown when the callback was completed with a failure. */
public class CallbackFailedException extends DurableOperationException {
    public CallbackFailedException(String message, String operationName, ErrorObject error, Throwable cause) {
        super(message, operationName, error, cause);
    }
}
