package io.durablebench.locallambda.durable.model;

/** An operation's state (Lambda's {@code OperationStatus}). */
public enum OperationStatus {
    STARTED, PENDING, READY, SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, STOPPED;

    public boolean isTerminal() {
        return switch (this) {
            case SUCCEEDED, FAILED, CANCELLED, TIMED_OUT, STOPPED -> true;
            default -> false;
        };
    }
}
