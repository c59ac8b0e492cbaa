package io.durablebench.locallambda.durable.model;

/** A durable execution's state (Lambda's {@code ExecutionStatus}). */
public enum ExecutionStatus {
    RUNNING, SUCCEEDED, FAILED, TIMED_OUT, STOPPED;

    public boolean isClosed() {
        return this != RUNNING;
    }
}
