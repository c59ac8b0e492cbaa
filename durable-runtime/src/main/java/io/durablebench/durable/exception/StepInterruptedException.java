package io.durablebench.durable.exception;

import software.amazon.awssdk.services.lambda.model.ErrorObject;

/** Thrown when an at-most-once step was started by an earlier invocation that did not finish it; running it again could repeat its effect. */
public class StepInterruptedException extends DurableOperationException {
    public StepInterruptedException(String message, String operationName, ErrorObject error, Throwable cause) {
        super(message, operationName, error, cause);
    }
}
