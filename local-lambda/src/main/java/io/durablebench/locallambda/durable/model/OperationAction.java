package io.durablebench.locallambda.durable.model;

/** What a checkpoint update asks for (Lambda's {@code OperationAction}). */
public enum OperationAction {
    START, SUCCEED, FAIL, RETRY, CANCEL
}
