package io.durablebench.locallambda.error;

/**
 * A request the service refuses, answered in Lambda's error shape: HTTP status, header
 * {@code X-Amzn-ErrorType} and body {@code {"Type":"User","Message":...}}. Thrown before any
 * state changes.
 */
public final class LambdaApiException extends RuntimeException {
    private final ErrorType type;

    public LambdaApiException(ErrorType type, String message) {
        super(message, null, false, false);
        this.type = type;
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
