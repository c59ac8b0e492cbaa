package io.durablebench.model;

import io.durablebench.model.json.InvalidInputException;

/**
 * The error part of a function response. Functions answer bad input with this record instead of
 * throwing, so a caller gets the field and the reason, never a stack trace.
 *
 * @param type    {@code InvalidInput} for caller errors, {@code InternalError} otherwise
 * @param field   JSON path of the offending field, empty when the document as a whole is bad
 * @param message what is wrong, in words
 */
public record FunctionError(String type, String field, String message) {
    public static final String INVALID_INPUT = "InvalidInput";
    public static final String INTERNAL_ERROR = "InternalError";

    public static FunctionError of(InvalidInputException e) {
        return new FunctionError(INVALID_INPUT, e.field(), e.getMessage());
    }

    public static FunctionError internal(Throwable t) {
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new FunctionError(INTERNAL_ERROR, "", t.getClass().getSimpleName() + ": " + message);
    }
}
