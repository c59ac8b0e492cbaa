package io.durablebench.durable;

/** A failed item's error as checkpointed: the thrown exception's class name and message. */
public record BatchError(String errorType, String errorMessage) {
}
