package io.durablebench.locallambda.durable.model;

/**
 * One entry of a CheckpointDurableExecution request's {@code Updates} (Lambda's
 * {@code OperationUpdate}). Options objects are null when the request did not carry them.
 */
public record OperationUpdate(String id, String parentId, String name, OperationType type, String subType,
                              OperationAction action, String payload, ErrorObject error,
                              ContextOptions contextOptions, StepOptions stepOptions, WaitOptions waitOptions,
                              CallbackOptions callbackOptions, ChainedInvokeOptions chainedInvokeOptions) {

    public record ContextOptions(Boolean replayChildren) {
    }

    public record StepOptions(Integer nextAttemptDelaySeconds) {
    }

    public record WaitOptions(Integer waitSeconds) {
    }

    public record CallbackOptions(Integer timeoutSeconds, Integer heartbeatTimeoutSeconds) {
    }

    public record ChainedInvokeOptions(String functionName, String tenantId) {
    }
}
