package io.durablebench.durable.exception;

/**
 * The handler did not make the same durable calls, in the same order, as the invocation that wrote
 * the checkpoint log (the code changed, or it depends on time, randomness or outside state). The
 * execution fails: replaying past this point would mix results of two different programs.
 */
public class NonDeterministicExecutionException extends DurableExecutionException {
    public NonDeterministicExecutionException(String message) {
        super(message);
    }
}
