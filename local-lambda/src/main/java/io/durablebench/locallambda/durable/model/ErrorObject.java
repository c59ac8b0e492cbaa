package io.durablebench.locallambda.durable.model;

import java.util.List;

/**
 * Lambda's {@code ErrorObject}: how failures travel in checkpoints, operation state, history and
 * execution results. Every field is optional.
 */
public record ErrorObject(String errorType, String errorMessage, String errorData, List<String> stackTrace) {
    public ErrorObject {
        stackTrace = stackTrace == null ? null : List.copyOf(stackTrace);
    }

    public static ErrorObject of(String errorType, String errorMessage) {
        return new ErrorObject(errorType, errorMessage, null, null);
    }
}
