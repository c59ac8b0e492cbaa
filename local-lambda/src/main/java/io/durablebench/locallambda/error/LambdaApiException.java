package io.durablebench.locallambda.error;

/**
 * A request the service refuses, answered in Lambda's error shape: HTTP status, header
 * {@code X-Amzn-ErrorType} and body {@code {"Type":"User","Message":...}}. Thrown before any
 * state changes.
 */
public final class LambdaApiException extends RuntimeException {
    private final ErrorType type;
    private final String reason;
    private final Integer retryAfterSeconds;

    public LambdaApiException(ErrorType type, String message) {
        this(type, message, null, null);
    }

    private LambdaApiException(ErrorType type, String message, String reason, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.type = type;
        this.reason = reason;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * TooManyRequestsException (429) with Lambda's {@code Reason} member and {@code Retry-After}
     * header, e.g. reason {@code ReservedFunctionConcurrentInvocationLimitExceeded}.
     */
    public static LambdaApiException tooManyRequests(String message, String reason, int retryAfterSeconds) {
        return new LambdaApiException(ErrorType.TooManyRequestsException, message, reason, retryAfterSeconds);
    }

    /** The {@code Reason} member of the error body, or null. */
    public String reason() {
        return reason;
    }

    /** The {@code Retry-After} header in seconds, or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static LambdaApiException invalidParameter(String message) {
        return new LambdaApiException(ErrorType.InvalidParameterValueException, message);
    }

    public static LambdaApiException notFound(String message) {
        return new LambdaApiException(ErrorType.ResourceNotFoundException, message);
    }

    public ErrorType type() {
        return type;
    }
}
