package io.durablebench.counter.durable;

/**
 * A new message was answered as a duplicate of an older number: another client has been sending
 * under the same sender id, so this sender's numbers collided with its. The message was not applied.
 * The client reads its mark again before its next message; send the operation again if it is still
 * wanted.
 */
public final class SenderIdInUseException extends RuntimeException {
    public SenderIdInUseException(String counterId, EntityMessage message, long mark) {
        super("message \"" + message.id() + "\" went out as number " + message.seq() + " of sender \"" + message.sender()
                + "\", but counter entity " + counterId + " has that sender's mark at " + mark
                + ": another client sends under this sender id; the message was not applied");
    }
}
