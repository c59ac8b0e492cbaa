package io.durablebench.durable.exception;

import software.amazon.awssdk.services.lambda.model.ErrorObject;

/**
 * A durable operation ended in failure. Carries the error as it was checkpointed, so the same
 * exception (type, message, error type and data) is thrown on the first run and on every replay.
 */
public class DurableOperationException extends DurableExecutionException {
    private final String operationName;
    private final String errorType;
    private final String errorData;

    public DurableOperationException(String message, String operationName, ErrorObject error, Throwable cause) {
        super(message, cause);
        this.operationName = operationName;
        this.errorType = error == null ? null : error.errorType();
        this.errorData = error == null ? null : error.errorData();
    }

    /** The operation's name, or null when it had none. */
    public String getOperationName() {
        return operationName;
    }

    /** The checkpointed error type: the class name of what the user code threw. */
    public String getErrorType() {
        return errorType;
    }

    public String getErrorData() {
        return errorData;
    }
}
