package io.durablebench.locallambda.error;

/**
 * The Lambda error types this service answers with, each with the HTTP status Lambda uses for it
 * (from the AWS SDK's exception metadata), so a stock SDK client raises the matching exception class.
 */
public enum ErrorType {
    InvalidParameterValueException(400),
    InvalidRequestContentException(400),
    CallbackTimeoutException(400),
    ResourceNotFoundException(404),
    DurableExecutionAlreadyStartedException(409),
    ResourceConflictException(409),
    PreconditionFailedException(412),
    RequestTooLargeException(413),
    UnsupportedMediaTypeException(415),
    TooManyRequestsException(429),
    ServiceException(500),
    UnknownOperationException(404);

    private final int httpStatus;

    ErrorType(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
