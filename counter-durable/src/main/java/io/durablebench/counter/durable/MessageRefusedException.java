package io.durablebench.counter.durable;

import io.durablebench.model.FunctionError;

/**
 * The counter entity refused a message (its answer carried an error): the message changed nothing.
 * The message names the field and the reason, for example a number that skips ahead of the sender's
 * mark, a number reused for another message, or an operation that would overflow the value.
 */
public final class MessageRefusedException extends RuntimeException {
    private final transient FunctionError error;

    public MessageRefusedException(String counterId, EntityMessage message, FunctionError error) {
        super("counter entity " + counterId + " refused message " + message.seq() + " (\"" + message.id() + "\") of sender \""
                + message.sender() + "\": " + error.message());
        this.error = error;
    }

    public FunctionError error() {
        return error;
    }
}
