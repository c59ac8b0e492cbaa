package io.durablebench.durable.exception;

import software.amazon.awssdk.services.lambda.model.ErrorObject;

/** Thrown when the callback timed out (overall or heartbeat timeout). */
public class CallbackTimeoutException extends DurableOperationException {
    public CallbackTimeoutException(String message, String operationName, ErrorObject error, Throwable cause) {
        super(message, operationName, error, cause);
    }
}
