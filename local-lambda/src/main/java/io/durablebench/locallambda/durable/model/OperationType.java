package io.durablebench.locallambda.durable.model;

/** The kinds of operation a durable execution records (Lambda's {@code OperationType}). */
public enum OperationType {
    EXECUTION, CONTEXT, STEP, WAIT, CALLBACK, CHAINED_INVOKE
}
