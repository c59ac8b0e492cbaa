package io.durablebench.durable.exception;

import software.amazon.awssdk.services.lambda.model.ErrorObject;

/** Thrown when the chained invoke ended FAILED, TIMED_OUT or STOPPED. */
public class ChainedInvokeFailedException extends DurableOperationException {
    public ChainedInvokeFailedException(String message, String operationName, ErrorObject error, Throwable cause) {
        super(message, operationName, error, cause);
    }
}
