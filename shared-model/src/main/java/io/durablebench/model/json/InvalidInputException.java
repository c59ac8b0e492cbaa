package io.durablebench.model.json;

/**
 * Bad input from a caller. Carries the JSON path of the offending field (for example
 * {@code operations[2].amount}) so the error can name it. Thrown before any state is touched.
 */
public final class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        // No stack trace: this is an answer to the caller, not a program fault.
        super(field == null || field.isEmpty() ? message : field + ": " + message, null, false, false);
        this.field = field == null ? "" : field;
    }

    /** JSON path of the offending field; empty when the document as a whole is bad. */
    public String field() {
        return field;
    }

    /** The message without the field prefix. */
    public String reason() {
        String full = getMessage();
        return field.isEmpty() ? full : full.substring(field.length() + 2);
    }
}
