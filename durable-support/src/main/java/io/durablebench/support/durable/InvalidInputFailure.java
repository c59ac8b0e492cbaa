package io.durablebench.support.durable;

import io.durablebench.durable.exception.DurableOperationException;
import io.durablebench.model.FunctionError;
import io.durablebench.model.json.InvalidInputException;
import software.amazon.awssdk.services.lambda.model.ErrorObject;

/**
 * Refused input, thrown from a durable handler: the execution FAILS with error type
 * {@value FunctionError#INVALID_INPUT}, a message that starts with the field
 * ({@code operations[0].amount: ...}; a problem of the whole document names none) and no stack
 * frames (it is an answer to the caller, not a program fault). It is a {@link DurableOperationException}
 * because that is how the runtime lets an exception carry its own error type (any other exception
 * is recorded under its class name).
 */
public final class InvalidInputFailure extends DurableOperationException {
    private final FunctionError refusal;

    private InvalidInputFailure(FunctionError refusal) {
        super(refusal.message(), null, ErrorObject.builder().errorType(FunctionError.INVALID_INPUT)
                .errorMessage(refusal.message()).build(), null);
        this.refusal = refusal;
        setStackTrace(new StackTraceElement[0]);
    }

    public static InvalidInputFailure of(InvalidInputException e) {
        return new InvalidInputFailure(FunctionError.of(e));
    }

    /** @param refusal an {@code InvalidInput} error, e.g. a source that failed validation */
    public static InvalidInputFailure of(FunctionError refusal) {
        if (!FunctionError.INVALID_INPUT.equals(refusal.type())) {
            throw new IllegalArgumentException("not a refusal of input: " + refusal);
        }
        return new InvalidInputFailure(refusal);
    }

    public FunctionError refusal() {
        return refusal;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
