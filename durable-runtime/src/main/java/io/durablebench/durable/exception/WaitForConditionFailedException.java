package io.durablebench.durable.exception;

import software.amazon.awssdk.services.lambda.model.ErrorObject;

/** Thrown when a waitForCondition check failed or ran out of attempts. */
public class WaitForConditionFailedException extends DurableOperationException {
    public WaitForConditionFailedException(String message, String operationName, ErrorObject error, Throwable cause) {
        super(message, operationName, error, cause);
    }
}
